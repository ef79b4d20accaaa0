#include "core/rules/PatternSource.h"

#include "core/capture/JsonDocument.h"
#include "core/rules/YamlJson.h"

namespace {

using Type = JsonDocument::Type;

int member(const JsonDocument &doc, int object, const char *key)
{
    if (object < 0 || doc.node(object).type != Type::Object)
        return -1;
    const int n = doc.node(object).childCount;
    for (int i = 0; i < n; ++i) {
        const int c = doc.child(object, i);
        if (doc.key(c) == QLatin1String(key))
            return c;
    }
    return -1;
}

QString stringAt(const JsonDocument &doc, int node)
{
    return node >= 0 && doc.node(node).type == Type::String ? doc.stringValue(node) : QString();
}

// The pattern's text: an object as written in the file, or a JSON string's content.
QByteArray patternText(const JsonDocument &doc, int node)
{
    if (node < 0)
        return {};
    if (doc.node(node).type == Type::String)
        return doc.stringValue(node).toUtf8();
    return doc.rawText(node);
}

// CloudFormation intrinsic functions inside a pattern (resolved only by CloudFormation).
QString intrinsicIn(const JsonDocument &doc, int node)
{
    const ByteSpan span = doc.node(node).span;
    for (int i = node + 1; i < doc.nodeCount(); ++i) {
        const JsonDocument::Node n = doc.node(i);
        if (n.span.offset >= span.end())
            break;
        const QString key = doc.key(i);
        if (key == QLatin1String("Ref") || key.startsWith(QLatin1String("Fn::")))
            return key;
    }
    return {};
}

bool looksLikeYaml(const QByteArray &text)
{
    return text.contains("AWSTemplateFormatVersion:") || text.contains("\nResources:") ||
           text.startsWith("Resources:") || text.contains("Transform:");
}

} // namespace

QVector<PatternSource::Rule> PatternSource::rulesIn(const QByteArray &text, bool *isPattern,
                                                    QString *error)
{
    QVector<Rule> rules;
    *isPattern = false;
    error->clear();
    JsonDocument doc = JsonDocument::parse(text);
    QString yamlNote;
    if (!doc.isValid() && looksLikeYaml(text)) {
        // a YAML template: read as the JSON it stands for (CloudFormation's short forms become
        // Ref / Fn::*, which the intrinsic check below names)
        QString yamlError;
        const QByteArray json = YamlJson::toJson(text, &yamlError);
        if (json.isEmpty()) {
            *error = QStringLiteral("this looks like a YAML template but is not valid YAML: %1")
                         .arg(yamlError);
            return rules;
        }
        doc = JsonDocument::parse(json);
        yamlNote = QStringLiteral(" (YAML)");
    }
    const int root = doc.root();
    if (!doc.isValid() || root < 0 || doc.node(root).type != Type::Object) {
        *isPattern = true;
        return rules;
    }
    auto add = [&](const QStringList &names, int patternNode, const QString &origin) {
        if (patternNode < 0)
            return;
        QString problem;
        const QString fn =
            doc.node(patternNode).type == Type::Object ? intrinsicIn(doc, patternNode) : QString();
        if (!fn.isEmpty())
            problem = QStringLiteral("%1: its pattern uses the CloudFormation function %2, which "
                                     "only CloudFormation resolves; give the resolved pattern "
                                     "instead")
                          .arg(origin, fn);
        QStringList unique;
        for (const QString &n : names) {
            if (!n.isEmpty() && !unique.contains(n))
                unique.append(n);
        }
        rules.append({unique, patternText(doc, patternNode), origin + yamlNote, problem});
    };

    const int resources = member(doc, root, "Resources");
    if (resources >= 0 && doc.node(resources).type == Type::Object) {
        for (int i = 0; i < doc.node(resources).childCount; ++i) {
            const int resource = doc.child(resources, i);
            const QString logicalId = doc.key(resource);
            const QString type = stringAt(doc, member(doc, resource, "Type"));
            const int properties = member(doc, resource, "Properties");
            if (type == QLatin1String("AWS::Events::Rule")) {
                add({logicalId, stringAt(doc, member(doc, properties, "Name"))},
                    member(doc, properties, "EventPattern"),
                    QStringLiteral("AWS::Events::Rule %1").arg(logicalId));
            }
            const int events = member(doc, properties, "Events");
            if (events < 0 || doc.node(events).type != Type::Object)
                continue;
            for (int e = 0; e < doc.node(events).childCount; ++e) {
                const int event = doc.child(events, e);
                const QString eventType = stringAt(doc, member(doc, event, "Type"));
                if (eventType != QLatin1String("EventBridgeRule") &&
                    eventType != QLatin1String("CloudWatchEvent"))
                    continue;
                const int eventProperties = member(doc, event, "Properties");
                const QString name = doc.key(event);
                add({logicalId + QLatin1Char('.') + name, name,
                     stringAt(doc, member(doc, eventProperties, "RuleName"))},
                    member(doc, eventProperties, "Pattern"),
                    QStringLiteral("%1 event %2 of %3").arg(eventType, name, logicalId));
            }
        }
        return rules;
    }
    const int eventPattern = member(doc, root, "EventPattern");
    if (eventPattern >= 0) {
        const QString name = stringAt(doc, member(doc, root, "Name"));
        add({name}, eventPattern, QStringLiteral("describe-rule output %1").arg(name));
        return rules;
    }
    const int list = member(doc, root, "Rules");
    if (list >= 0 && doc.node(list).type == Type::Array) {
        for (int i = 0; i < doc.node(list).childCount; ++i) {
            const int rule = doc.child(list, i);
            const QString name = stringAt(doc, member(doc, rule, "Name"));
            add({name}, member(doc, rule, "EventPattern"),
                QStringLiteral("list-rules entry %1").arg(name));
        }
        return rules;
    }
    *isPattern = true;
    return rules;
}

PatternSource::Result PatternSource::load(const QByteArray &text, const QString &fileName,
                                          const QString &ruleName)
{
    Result result;
    bool isPattern = false;
    QString error;
    const QVector<Rule> rules = rulesIn(text, &isPattern, &error);
    if (isPattern) {
        if (!ruleName.isEmpty())
            result.error = QStringLiteral("%1: --rule %2: the file is a single event pattern, not "
                                          "a template or `aws events describe-rule` output")
                               .arg(fileName, ruleName);
        result.pattern = text;
        return result;
    }
    if (!error.isEmpty()) {
        result.error = fileName + QStringLiteral(": ") + error;
        return result;
    }
    QStringList names;
    for (const Rule &r : rules)
        names.append(r.names.value(0, QStringLiteral("(unnamed)")));
    const Rule *chosen = nullptr;
    if (rules.isEmpty()) {
        result.error = QStringLiteral("%1: no rule with an event pattern in it (looked for "
                                      "AWS::Events::Rule EventPattern, SAM EventBridgeRule / "
                                      "CloudWatchEvent Pattern, describe-rule EventPattern)")
                           .arg(fileName);
        return result;
    }
    if (ruleName.isEmpty()) {
        if (rules.size() > 1) {
            result.error = QStringLiteral("%1 holds %2 rules; choose one with --rule: %3")
                               .arg(fileName)
                               .arg(rules.size())
                               .arg(names.join(QStringLiteral(", ")));
            return result;
        }
        chosen = &rules.first();
    } else {
        for (const Rule &r : rules) {
            if (r.names.contains(ruleName)) {
                chosen = &r;
                break;
            }
        }
        if (!chosen) {
            result.error = QStringLiteral("%1: no rule named %2; the rules are: %3")
                               .arg(fileName, ruleName, names.join(QStringLiteral(", ")));
            return result;
        }
    }
    if (!chosen->problem.isEmpty()) {
        result.error = fileName + QStringLiteral(": ") + chosen->problem;
        return result;
    }
    result.pattern = chosen->pattern;
    result.origin = chosen->origin;
    return result;
}
