#pragma once

#include "core/io/AwsEventImportShape.h"

// `import --format sqs`: SQS records and messages (see SqsRecordMapper).
class SqsImportShape : public AwsEventImportShape
{
public:
    SqsImportShape() : AwsEventImportShape(AwsEventMapper::Kind::Sqs) {}
};
