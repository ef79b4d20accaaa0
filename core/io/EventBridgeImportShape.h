#pragma once

#include "core/io/AwsEventImportShape.h"

// `import --format eventbridge`: EventBridge events (see EventBridgeEventMapper).
class EventBridgeImportShape : public AwsEventImportShape
{
public:
    EventBridgeImportShape() : AwsEventImportShape(AwsEventMapper::Kind::EventBridge) {}
};
