#include "core/rules/EventPattern.h"

#include "core/rules/PatternCompiler.h"

#include <QJsonDocument>
#include <QJsonObject>

EventPattern EventPattern::compile(const QByteArray &json, PatternError *error)
{
    return PatternCompiler::compile(json, error);
}

EventPattern EventPattern::compile(const QJsonValue &pattern, PatternError *error)
{
    if (pattern.isString())
        return compile(pattern.toString().toUtf8(), error);
    if (pattern.isObject())
        return compile(QJsonDocument(pattern.toObject()).toJson(QJsonDocument::Compact), error);
    *error = {};
    error->reason = QStringLiteral("Filter is not an object");
    return {};
}

QStringList EventPattern::fieldPaths() const
{
    QStringList paths;
    for (const PatternNode &node : m_nodes) {
        for (const PatternField &f : node.fields) {
            if (f.child < 0 && !paths.contains(f.path))
                paths.append(f.path);
        }
    }
    return paths;
}
