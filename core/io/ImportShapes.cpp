#include "core/io/ImportShapes.h"

#include "core/io/ApiGatewayImportShape.h"
#include "core/io/CloudWatchLogsImportShape.h"
#include "core/io/EventBridgeImportShape.h"
#include "core/io/HarImportShape.h"
#include "core/io/JsonlImportShape.h"
#include "core/io/LambdaImportShape.h"
#include "core/io/RawImportShape.h"
#include "core/io/SqsImportShape.h"

namespace {

// A new shape (the AWS events) is one more line here.
std::vector<std::unique_ptr<ImportShape>> all()
{
    std::vector<std::unique_ptr<ImportShape>> shapes;
    shapes.push_back(std::make_unique<HarImportShape>());
    shapes.push_back(std::make_unique<JsonlImportShape>());
    shapes.push_back(std::make_unique<RawImportShape>());
    // The AWS shapes, each recognised by its outer keys; logs by theirs or by a prefixed line.
    shapes.push_back(std::make_unique<ApiGatewayImportShape>());
    shapes.push_back(std::make_unique<LambdaImportShape>());
    shapes.push_back(std::make_unique<SqsImportShape>());
    shapes.push_back(std::make_unique<EventBridgeImportShape>());
    shapes.push_back(std::make_unique<CloudWatchLogsImportShape>());
    return shapes;
}

} // namespace

QStringList ImportShapes::names()
{
    QStringList out;
    for (const auto &shape : all())
        out.append(shape->name());
    return out;
}

std::unique_ptr<ImportShape> ImportShapes::create(const QString &name)
{
    for (auto &shape : all()) {
        if (shape->name() == name)
            return std::move(shape);
    }
    return nullptr;
}

std::unique_ptr<ImportShape> ImportShapes::detect(const QByteArray &head)
{
    for (auto &shape : all()) {
        if (shape->detect(head))
            return std::move(shape);
    }
    return nullptr;
}
