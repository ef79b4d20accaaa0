#include "core/rules/MissHints.h"

#include <QJsonArray>

namespace {

using Kind = ValueMatcher::Kind;

QString normalizedKey(QString key)
{
    key = key.toLower();
    key.remove(QLatin1Char('-'));
    key.remove(QLatin1Char('_'));
    return key;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("nothing");
    }
}

QString numberText(double d)
{
    return QString::number(d, 'g', 17);
}

bool isNumberText(const QString &s, double *value)
{
    bool ok = false;
    *value = s.trimmed().toDouble(&ok);
    return ok && !s.trimmed().isEmpty();
}

// The envelope's names for the fields of a PutEvents entry.
QString envelopeNameOf(const QString &entryField)
{
    static const QPair<const char *, const char *> Names[] = {{"DetailType", "detail-type"},
                                                              {"Source", "source"},
                                                              {"Detail", "detail"},
                                                              {"Resources", "resources"},
                                                              {"Time", "time"},
                                                              {"Account", "account"},
                                                              {"Region", "region"},
                                                              {"detailType", "detail-type"},
                                                              {"detail_type", "detail-type"}};
    for (const auto &n : Names) {
        if (entryField == QLatin1String(n.first))
            return QLatin1String(n.second);
    }
    return {};
}

QStringList matcherStrings(const PatternField &field, Kind kind)
{
    QStringList out;
    for (const ValueMatcher &m : field.anyOf) {
        if (m.kind() == kind) {
            if (kind == Kind::Exact) {
                if (m.exactValue().isString())
                    out.append(m.exactValue().toString());
            } else {
                out += m.stringValues();
            }
        }
    }
    return out;
}

} // namespace

QString MissHints::forField(const PatternField &field, const QJsonValue &found,
                            const QJsonObject *parent, const QJsonValue &nonObject,
                            const QJsonObject &event)
{
    if (found.isUndefined())
        return forAbsent(field, parent, nonObject, event);
    if (found.isObject())
        return QStringLiteral("the event holds an object at %1, and a match array compares leaf "
                              "values (strings, numbers, booleans, null): nest the pattern one "
                              "level deeper")
            .arg(field.path);
    QString hint;
    const QJsonArray leaves = found.isArray() ? found.toArray() : QJsonArray{found};
    for (const QJsonValue &leaf : leaves) {
        hint = forLeaf(field, leaf, event);
        if (!hint.isEmpty())
            break;
    }
    if (hint.isEmpty() && found.isArray() && found.toArray().isEmpty())
        hint = QStringLiteral("the event's %1 is an empty array, which holds no value to match")
                   .arg(field.path);
    return hint;
}

QString MissHints::forAbsent(const PatternField &field, const QJsonObject *parent,
                             const QJsonValue &nonObject, const QJsonObject &event)
{
    const bool atRoot = !field.path.contains(QLatin1Char('.'));
    if (!nonObject.isUndefined()) {
        const QString holder = field.path.section(QLatin1Char('.'), 0, -2);
        QString hint = QStringLiteral("the event's %1 is %2, not an object, so it has no %3")
                           .arg(holder, typeName(nonObject), field.key);
        if (nonObject.isString() && nonObject.toString().trimmed().startsWith(QLatin1Char('{')))
            hint += QStringLiteral(" (it holds JSON text: was Detail encoded twice?)");
        return hint;
    }
    const QString envelopeName = atRoot ? envelopeNameOf(field.key) : QString();
    if (!envelopeName.isEmpty() && envelopeName != field.key)
        return QStringLiteral("\"%1\" is the name in a PutEvents entry; the event a rule sees "
                              "calls it \"%2\"")
            .arg(field.key, envelopeName);
    if (parent) {
        for (auto it = parent->begin(); it != parent->end(); ++it) {
            if (it.key() != field.key && normalizedKey(it.key()) == normalizedKey(field.key))
                return QStringLiteral("the event has \"%1\" here: keys must match exactly (case, "
                                      "'-' and '_')")
                    .arg(it.key());
        }
    }
    if (atRoot && event.value(QLatin1String("detail")).toObject().contains(field.key))
        return QStringLiteral("the event has detail.%1: the forwarded body is the event's "
                              "\"detail\", so the pattern needs {\"detail\": {\"%1\": ...}}")
            .arg(field.key);
    return {};
}

QString MissHints::forLeaf(const PatternField &field, const QJsonValue &leaf,
                           const QJsonObject &event)
{
    const QStringList exact = matcherStrings(field, Kind::Exact);
    const QStringList prefixes = matcherStrings(field, Kind::Prefix);
    if (field.path == QLatin1String("source") && leaf.isString()) {
        for (const QString &s : exact + prefixes) {
            if (s.startsWith(QLatin1String("aws.partner/")) &&
                !leaf.toString().startsWith(QLatin1String("aws.partner/")))
                return QStringLiteral(
                           "the rule's source is the native partner event source (%1), which "
                           "only the provider's own EventBridge integration puts on a partner "
                           "event bus; forwarding with PutEvents sends source \"%2\" (PutEvents "
                           "refuses sources beginning with \"aws.\"), so for forwarded events "
                           "match \"%2\"")
                    .arg(s, leaf.toString());
        }
    }
    for (const ValueMatcher &m : field.anyOf) {
        if (m.kind() == Kind::Exact && m.exactValue().isDouble() && leaf.isString()) {
            double v = 0;
            if (isNumberText(leaf.toString(), &v) && v == m.exactValue().toDouble())
                return QStringLiteral("the event sends the number as a string (\"%1\"); a number "
                                      "in a pattern only matches a JSON number")
                    .arg(leaf.toString());
        }
        if (m.kind() == Kind::Numeric && leaf.isString()) {
            double v = 0;
            if (isNumberText(leaf.toString(), &v))
                return QStringLiteral("the event sends the number as a string (\"%1\"); numeric "
                                      "matching only applies to JSON numbers")
                    .arg(leaf.toString());
        }
        if (m.kind() == Kind::Exact && m.exactValue().isString() && leaf.isDouble()) {
            double v = 0;
            if (isNumberText(m.exactValue().toString(), &v) && v == leaf.toDouble())
                return QStringLiteral("the rule has \"%1\" as a string, and the event holds the "
                                      "JSON number %2: write it without quotes in the pattern")
                    .arg(m.exactValue().toString(), numberText(leaf.toDouble()));
        }
        if (m.kind() == Kind::Exact && m.exactValue().isBool() && leaf.isString() &&
            leaf.toString() ==
                (m.exactValue().toBool() ? QLatin1String("true") : QLatin1String("false")))
            return QStringLiteral("the event sends the boolean as a string (\"%1\"); the rule's "
                                  "%1 only matches a JSON boolean")
                .arg(leaf.toString());
        if (m.kind() == Kind::Exact && m.exactValue().isString() && leaf.isBool() &&
            m.exactValue().toString() ==
                (leaf.toBool() ? QLatin1String("true") : QLatin1String("false")))
            return QStringLiteral("the rule has \"%1\" as a string, and the event holds the JSON "
                                  "boolean %1")
                .arg(m.exactValue().toString());
    }
    if (!leaf.isString())
        return {};
    const QString text = leaf.toString();
    for (const QString &s : exact) {
        if (s.compare(text, Qt::CaseInsensitive) == 0)
            return QStringLiteral("the case differs: the event has \"%1\", the rule wants \"%2\" "
                                  "({\"equals-ignore-case\": \"%2\"} ignores case)")
                .arg(text, s);
        if (s.trimmed() == text.trimmed())
            return QStringLiteral("the values differ only in leading or trailing whitespace "
                                  "(\"%1\" and \"%2\")")
                .arg(text, s);
    }
    for (const QString &s : prefixes) {
        if (text.startsWith(s, Qt::CaseInsensitive))
            return QStringLiteral("the case differs: \"%1\" begins with \"%2\" only ignoring "
                                  "case ({\"prefix\": {\"equals-ignore-case\": \"%2\"}})")
                .arg(text, s);
    }
    for (const QString &s : matcherStrings(field, Kind::Suffix)) {
        if (text.endsWith(s, Qt::CaseInsensitive))
            return QStringLiteral("the case differs: \"%1\" ends with \"%2\" only ignoring case "
                                  "({\"suffix\": {\"equals-ignore-case\": \"%2\"}})")
                .arg(text, s);
    }
    if (field.path == QLatin1String("account") || field.path == QLatin1String("region"))
        return QStringLiteral("the event's %1 comes from --%1 or the endpoint's "
                              "forward.eventbridge.%1")
            .arg(field.path);
    Q_UNUSED(event);
    return {};
}
