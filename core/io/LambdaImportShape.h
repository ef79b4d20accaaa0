#pragma once

#include "core/io/AwsEventImportShape.h"

// `import --format lambda`: Lambda proxy integration events, v1 and v2 (see LambdaEventMapper).
class LambdaImportShape : public AwsEventImportShape
{
public:
    LambdaImportShape() : AwsEventImportShape(AwsEventMapper::Kind::Lambda) {}
};
