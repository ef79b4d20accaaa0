#pragma once

#include "core/io/AwsEventImportShape.h"

// `import --format apigw`: API Gateway REST mapping template output (see ApiGatewayTemplateMapper).
class ApiGatewayImportShape : public AwsEventImportShape
{
public:
    ApiGatewayImportShape() : AwsEventImportShape(AwsEventMapper::Kind::ApiGateway) {}
};
