#include "core/rules/PatternCompiler.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>

namespace {

using Type = JsonDocument::Type;

// Names event-ruler keeps for itself inside $or
// (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP).
bool reservedInOr(const QString &key)
{
    static const QSet<QString> names = {QStringLiteral("exact"),
                                        QStringLiteral("equals-ignore-case"),
                                        QStringLiteral("prefix"),
                                        QStringLiteral("suffix"),
                                        QStringLiteral("anything-but"),
                                        QStringLiteral("exists"),
                                        QStringLiteral("wildcard"),
                                        QStringLiteral("numeric"),
                                        QStringLiteral("cidr"),
                                        QStringLiteral("="),
                                        QStringLiteral("<"),
                                        QStringLiteral("<="),
                                        QStringLiteral(">"),
                                        QStringLiteral(">="),
                                        QStringLiteral("regex"),
                                        QStringLiteral("not-wildcard"),
                                        QStringLiteral("not-equals-ignore-case")};
    return names.contains(key);
}

QString joinPath(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

// The pattern as Jackson quotes it in its locations: at most 500 characters (the rest counted).
// Line breaks are written as \n so that the message stays on one line.
QString quotedSource(const QByteArray &json, int *truncated)
{
    constexpr int MaxChars = 500;
    QString text = QString::fromUtf8(json);
    *truncated = 0;
    if (text.size() > MaxChars) {
        *truncated = int(text.size() - MaxChars);
        text.truncate(MaxChars);
    }
    text.replace(QLatin1String("\r\n"), QLatin1String("\\n"));
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    text.replace(QLatin1Char('\r'), QLatin1String("\\r"));
    return text;
}

// Keys and values quoted in a reason keep the message on one line: control characters escaped
// as JSON writes them.
QString oneLine(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            out += QLatin1String("\\r");
        else if (c == QLatin1Char('\t'))
            out += QLatin1String("\\t");
        else if (c.unicode() < 0x20 || c.unicode() == 0x2028 || c.unicode() == 0x2029)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

} // namespace

EventPattern PatternCompiler::compile(const QByteArray &json, PatternError *error)
{
    PatternCompiler c(json);
    *error = c.m_error;
    if (!c.m_error.isEmpty())
        return {};
    return c.m_pattern;
}

PatternCompiler::PatternCompiler(const QByteArray &json)
{
    m_pattern.m_text = json;
    if (json.size() > EventPattern::MaxPatternBytes) {
        m_error.reason = QStringLiteral("the pattern is %1 bytes, more than the %2 Hookbench reads")
                             .arg(json.size())
                             .arg(EventPattern::MaxPatternBytes);
        return;
    }
    m_doc = JsonDocument::parse(json);
    if (!m_doc.isValid()) {
        fail(QStringLiteral("Filter is not valid JSON: %1").arg(m_doc.errorString()),
             qMax<qint64>(0, m_doc.errorOffset()), QString());
        return;
    }
    const int root = m_doc.root();
    if (root < 0 || m_doc.node(root).type != Type::Object) {
        fail(QStringLiteral("Filter is not an object"), root < 0 ? 0 : after(root), QString());
        return;
    }
    int index = -1;
    if (!compileObject(root, QString(), QString(), 1, false, &index))
        return;
    m_pattern.m_combinations = combinationsOf(0);
    if (m_pattern.m_combinations > EventPattern::MaxCombinations) {
        m_error = {};
        fail(QStringLiteral("the pattern's $or alternatives multiply out to more than %1 "
                            "combinations (Hookbench's bound)")
                 .arg(EventPattern::MaxCombinations),
             m_doc.node(root).span.end(), QString());
        m_pattern.m_nodes.clear();
    }
}

bool PatternCompiler::fail(const QString &reason, qint64 offset, const QString &path)
{
    if (!m_error.isEmpty())
        return false;
    const QByteArray &text = m_pattern.m_text;
    offset = qBound<qint64>(0, offset, text.size());
    const qint64 lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    m_error.reason = oneLine(reason);
    m_error.path = oneLine(path);
    m_error.offset = offset;
    m_error.line = int(text.left(offset).count('\n')) + 1;
    m_error.column = int(QString::fromUtf8(text.mid(lineStart, offset - lineStart)).size()) + 1;
    m_error.source = quotedSource(text, &m_error.truncatedChars);
    m_pattern.m_nodes.clear();
    return false;
}

qint64 PatternCompiler::after(int node) const
{
    // Where Jackson stands when it has peeked at this token without reading it: past "{" or
    // "[", past a string's opening quote, past a number or literal (AWS's columns).
    const JsonDocument::Node n = m_doc.node(node);
    if (n.type == Type::Object || n.type == Type::Array || n.type == Type::String)
        return n.span.offset + 1;
    return n.span.end();
}

qint64 PatternCompiler::afterRead(int node) const
{
    // ... and once it has read the token's text: past a string's closing quote.
    const JsonDocument::Node n = m_doc.node(node);
    if (n.type == Type::Object || n.type == Type::Array)
        return n.span.offset + 1;
    return n.span.end();
}

QJsonValue PatternCompiler::scalar(int node) const
{
    switch (m_doc.node(node).type) {
    case Type::String:
        return m_doc.stringValue(node);
    case Type::Number:
        return m_doc.rawText(node).toDouble();
    case Type::Bool:
        return m_doc.rawText(node) == "true";
    case Type::Null:
        return QJsonValue(QJsonValue::Null);
    default:
        return QJsonValue(QJsonValue::Undefined);
    }
}

bool PatternCompiler::compileObject(int node, const QString &path, const QString &errorPath,
                                    int depth, bool insideOr, int *out)
{
    const JsonDocument::Node object = m_doc.node(node);
    if (depth > EventPattern::MaxDepth)
        return fail(QStringLiteral("the pattern nests objects and $or deeper than %1 levels "
                                   "(Hookbench's bound)")
                        .arg(EventPattern::MaxDepth),
                    after(node), errorPath);
    if (object.childCount == 0)
        return fail(QStringLiteral("Empty objects are not allowed"), object.span.end(), errorPath);
    const int index = int(m_pattern.m_nodes.size());
    m_pattern.m_nodes.append(PatternNode());
    PatternNode built;
    for (int i = 0; i < object.childCount; ++i) {
        const int member = m_doc.child(node, i);
        const JsonDocument::Node value = m_doc.node(member);
        const QString key = m_doc.key(member);
        const QString memberErrorPath = joinPath(errorPath, key);
        if (key == QLatin1String("$or")) {
            if (value.type != Type::Array)
                return fail(QStringLiteral("It must be an Array followed with $or."), after(member),
                            memberErrorPath);
            QVector<int> alternatives;
            for (int a = 0; a < value.childCount; ++a) {
                const int alt = m_doc.child(member, a);
                const QString altPath = QStringLiteral("%1[%2]").arg(memberErrorPath).arg(a);
                if (m_doc.node(alt).type != Type::Object)
                    return fail(QStringLiteral("Only JSON object is allowed in array of $or "
                                               "relationship."),
                                after(alt), altPath);
                int altIndex = -1;
                if (!compileObject(alt, path, altPath, depth + 1, true, &altIndex))
                    return false;
                alternatives.append(altIndex);
            }
            if (alternatives.size() < 2)
                return fail(QStringLiteral("There must have at least 2 Objects in $or "
                                           "relationship."),
                            value.span.end(), memberErrorPath);
            built.orGroups.append(alternatives);
            continue;
        }
        if (insideOr && reservedInOr(key))
            return fail(QStringLiteral("%1 is Ruler reserved fieldName which cannot be used "
                                       "inside $or.")
                            .arg(key),
                        after(member), memberErrorPath);
        PatternField field;
        field.key = key;
        if (key.contains(QLatin1Char('.')))
            field.keySegments = key.split(QLatin1Char('.'));
        field.path = joinPath(path, key);
        field.span = value.span;
        if (!value.keySpan.isEmpty())
            field.span = {value.keySpan.offset, value.span.end() - value.keySpan.offset};
        if (value.type == Type::Object) {
            if (!compileObject(member, field.path, memberErrorPath, depth + 1, insideOr,
                               &field.child))
                return false;
        } else if (value.type == Type::Array) {
            if (!compileField(member, field.path, memberErrorPath, &field))
                return false;
        } else {
            return fail(QStringLiteral("\"%1\" must be an object or an array").arg(key),
                        after(member), memberErrorPath);
        }
        built.fields.append(field);
    }
    // Match arrays before nested objects: a miss is usually found there, before the walk into
    // the event's deeper objects (the verdict does not depend on the order).
    std::stable_partition(built.fields.begin(), built.fields.end(),
                          [](const PatternField &f) { return f.child < 0; });
    m_pattern.m_nodes[index] = built;
    *out = index;
    return true;
}

bool PatternCompiler::compileField(int array, const QString &path, const QString &errorPath,
                                   PatternField *field)
{
    Q_UNUSED(path);
    const JsonDocument::Node values = m_doc.node(array);
    if (values.childCount == 0)
        return fail(QStringLiteral("Empty arrays are not allowed"), values.span.end(), errorPath);
    if (values.childCount > EventPattern::MaxMatchValues)
        return fail(QStringLiteral("the match array has %1 values, more than the %2 Hookbench "
                                   "compiles")
                        .arg(values.childCount)
                        .arg(EventPattern::MaxMatchValues),
                    after(array), errorPath);
    for (int i = 0; i < values.childCount; ++i) {
        const int element = m_doc.child(array, i);
        const Type type = m_doc.node(element).type;
        if (type == Type::Object) {
            ValueMatcher matcher;
            if (!compileMatchExpression(element, errorPath, &matcher))
                return false;
            field->anyOf.append(matcher);
        } else if (type == Type::Array) {
            return fail(QStringLiteral("Match value must be String, number, true, false, or null"),
                        after(element), errorPath);
        } else {
            field->anyOf.append(ValueMatcher::exact(scalar(element)));
        }
    }
    field->written = QJsonDocument::fromJson(m_doc.rawText(array)).array();
    return true;
}

bool PatternCompiler::compileMatchExpression(int object, const QString &errorPath,
                                             ValueMatcher *out)
{
    const JsonDocument::Node expression = m_doc.node(object);
    if (expression.childCount == 0)
        return fail(QStringLiteral("Match expression name not found"), expression.span.end(),
                    errorPath);
    const int member = m_doc.child(object, 0);
    const QString name = m_doc.key(member);
    const JsonDocument::Node value = m_doc.node(member);
    const bool numericLike =
        name == QLatin1String("numeric") || name == QLatin1String("anything-but");
    if (expression.childCount > 1) {
        const int extra = m_doc.child(object, 1);
        return fail(numericLike ? QStringLiteral("Too many elements in numeric expression")
                                : QStringLiteral("Only one key allowed in match expression"),
                    after(extra), errorPath);
    }
    using Kind = ValueMatcher::Kind;
    if (name == QLatin1String("prefix") || name == QLatin1String("suffix")) {
        const Kind kind = name == QLatin1String("prefix") ? Kind::Prefix : Kind::Suffix;
        if (value.type == Type::String) {
            *out = ValueMatcher::strings(kind, {m_doc.stringValue(member)});
            return true;
        }
        if (value.type == Type::Object && value.childCount == 1) {
            const int inner = m_doc.child(member, 0);
            const QString innerName = m_doc.key(inner);
            if (innerName != QLatin1String("equals-ignore-case"))
                return fail(QStringLiteral("Unsupported %1 pattern: %2").arg(name, innerName),
                            after(inner), errorPath);
            if (!isString(inner))
                return fail(QStringLiteral("equals-ignore-case match pattern must be a string"),
                            after(inner), errorPath);
            *out = ValueMatcher::strings(kind, {m_doc.stringValue(inner)}, true);
            return true;
        }
        return fail(QStringLiteral("%1 match pattern must be a string").arg(name), after(member),
                    errorPath);
    }
    if (name == QLatin1String("equals-ignore-case") || name == QLatin1String("exact")) {
        if (!isString(member))
            return fail(QStringLiteral("%1 match pattern must be a string").arg(name),
                        after(member), errorPath);
        *out = name == QLatin1String("exact")
                   ? ValueMatcher::exact(m_doc.stringValue(member))
                   : ValueMatcher::strings(Kind::EqualsIgnoreCase, {m_doc.stringValue(member)});
        return true;
    }
    if (name == QLatin1String("wildcard")) {
        QString glob;
        if (!compileWildcard(member, errorPath, &glob))
            return false;
        *out = ValueMatcher::strings(Kind::Wildcard, {glob});
        return true;
    }
    if (name == QLatin1String("anything-but"))
        return compileAnythingBut(member, errorPath, out);
    if (name == QLatin1String("numeric")) {
        if (value.type != Type::Array)
            return fail(QStringLiteral("Value of numeric must be an array."), after(member),
                        errorPath);
        return compileNumeric(member, errorPath, out);
    }
    if (name == QLatin1String("exists")) {
        if (value.type != Type::Bool)
            return fail(QStringLiteral("exists match pattern must be either true or false."),
                        after(member), errorPath);
        *out = ValueMatcher::exists(m_doc.rawText(member) == "true");
        return true;
    }
    if (name == QLatin1String("cidr")) {
        if (!isString(member)) // event-ruler says "prefix" here too
            return fail(QStringLiteral("prefix match pattern must be a string"), after(member),
                        errorPath);
        IpRange range;
        QString reason;
        if (!IpRange::parseCidr(m_doc.stringValue(member), &range, &reason)) {
            fail(reason, afterRead(member), errorPath);
            m_error.line = m_error.column = 0; // AWS gives no location for these
            return false;
        }
        *out = ValueMatcher::cidr(range);
        return true;
    }
    return fail(QStringLiteral("Unrecognized match type %1").arg(name), after(member), errorPath);
}

bool PatternCompiler::compileAnythingBut(int member, const QString &errorPath, ValueMatcher *out)
{
    using Kind = ValueMatcher::Kind;
    const JsonDocument::Node value = m_doc.node(member);
    if (value.type == Type::String) {
        *out = ValueMatcher::strings(Kind::AnythingBut, {m_doc.stringValue(member)});
        return true;
    }
    if (value.type == Type::Number) {
        *out = ValueMatcher::anythingButNumbers({m_doc.rawText(member).toDouble()});
        return true;
    }
    if (value.type == Type::Array) {
        if (value.childCount > EventPattern::MaxMatchValues)
            return fail(QStringLiteral("the anything-but list has %1 values, more than the %2 "
                                       "Hookbench compiles")
                            .arg(value.childCount)
                            .arg(EventPattern::MaxMatchValues),
                        after(member), errorPath);
        QStringList strings;
        QVector<double> numbers;
        for (int i = 0; i < value.childCount; ++i) {
            const int e = m_doc.child(member, i);
            if (isString(e))
                strings.append(m_doc.stringValue(e));
            else if (isNumber(e))
                numbers.append(m_doc.rawText(e).toDouble());
            else
                return fail(QStringLiteral("Inside anything but list, start|null|boolean is not "
                                           "supported."),
                            after(e), errorPath);
        }
        if (strings.isEmpty() == numbers.isEmpty())
            return fail(QStringLiteral("Inside anything but list, either all values are number "
                                       "or string, mixed type is not supported"),
                        value.span.end(), errorPath);
        *out = numbers.isEmpty() ? ValueMatcher::strings(Kind::AnythingBut, strings)
                                 : ValueMatcher::anythingButNumbers(numbers);
        return true;
    }
    if (value.type != Type::Object)
        return fail(QStringLiteral("Value of anything-but must be an array or single "
                                   "string/number value."),
                    after(member), errorPath);
    if (value.childCount == 0)
        return fail(QStringLiteral("Anything-But expression name not found"), value.span.end(),
                    errorPath);
    if (value.childCount > 1)
        return fail(QStringLiteral("Only one key allowed in match expression"),
                    after(m_doc.child(member, 1)), errorPath);
    const int inner = m_doc.child(member, 0);
    const QString op = m_doc.key(inner);
    Kind kind;
    if (op == QLatin1String("prefix"))
        kind = Kind::AnythingButPrefix;
    else if (op == QLatin1String("suffix"))
        kind = Kind::AnythingButSuffix;
    else if (op == QLatin1String("equals-ignore-case"))
        kind = Kind::AnythingButIgnoreCase;
    else if (op == QLatin1String("wildcard"))
        kind = Kind::AnythingButWildcard;
    else
        return fail(QStringLiteral("Unsupported anything-but pattern: %1").arg(op), after(inner),
                    errorPath);
    // A string, or (newer EventBridge) a list of strings.
    QVector<int> items;
    const JsonDocument::Node innerValue = m_doc.node(inner);
    if (innerValue.type == Type::Array && innerValue.childCount <= EventPattern::MaxMatchValues) {
        for (int i = 0; i < innerValue.childCount; ++i)
            items.append(m_doc.child(inner, i));
    } else {
        items.append(inner);
    }
    QStringList strings;
    for (int item : items) {
        if (kind == Kind::AnythingButWildcard) {
            QString glob;
            if (!compileWildcard(item, errorPath, &glob))
                return false;
            strings.append(glob);
            continue;
        }
        if (!isString(item)) {
            if (kind == Kind::AnythingButIgnoreCase)
                return fail(QStringLiteral("Inside anything-but/equals-ignore-case list, "
                                           "number|start|null|boolean is not supported."),
                            after(item), errorPath);
            return fail(QStringLiteral("prefix/suffix match pattern must be a string"), after(item),
                        errorPath);
        }
        const QString text = m_doc.stringValue(item);
        if (text.isEmpty() && kind != Kind::AnythingButIgnoreCase)
            return fail(QStringLiteral("Null prefix/suffix not allowed"), afterRead(item),
                        errorPath);
        strings.append(text);
    }
    if (strings.isEmpty())
        return fail(QStringLiteral("Empty arrays are not allowed"), innerValue.span.end(),
                    errorPath);
    *out = ValueMatcher::strings(kind, strings);
    return true;
}

bool PatternCompiler::compileNumeric(int member, const QString &errorPath, ValueMatcher *out)
{
    const JsonDocument::Node array = m_doc.node(member);
    const int n = array.childCount;
    if (n == 0)
        return fail(QStringLiteral("Invalid member in numeric match: ]"), array.span.end(),
                    errorPath);
    const int first = m_doc.child(member, 0);
    if (!isString(first))
        return fail(QStringLiteral("Invalid member in numeric match: %1")
                        .arg(QString::fromUtf8(m_doc.rawText(first).left(40))),
                    after(first), errorPath);
    const QString op = m_doc.stringValue(first);
    static const QStringList Operators = {QStringLiteral("="), QStringLiteral("<"),
                                          QStringLiteral("<="), QStringLiteral(">"),
                                          QStringLiteral(">=")};
    if (!Operators.contains(op))
        return fail(QStringLiteral("Unrecognized numeric range operator: %1").arg(op),
                    afterRead(first), errorPath);
    const QString opName = op == QLatin1String("=") ? QStringLiteral("equals") : op;
    if (n < 2 || !isNumber(m_doc.child(member, 1)))
        return fail(QStringLiteral("Value of %1 must be numeric").arg(opName),
                    n < 2 ? array.span.end() : after(m_doc.child(member, 1)), errorPath);
    const double v = m_doc.rawText(m_doc.child(member, 1)).toDouble();
    const bool lower = op.startsWith(QLatin1Char('>'));
    if (!lower || n == 2) {
        if (n > 2)
            return fail(QStringLiteral("Too many elements in numeric expression"),
                        after(m_doc.child(member, 2)), errorPath);
        if (op == QLatin1String("="))
            *out = ValueMatcher::numeric(true, v, false, true, v, false);
        else if (lower)
            *out = ValueMatcher::numeric(true, v, op == QLatin1String(">"), false, 0, false);
        else
            *out = ValueMatcher::numeric(false, 0, false, true, v, op == QLatin1String("<"));
        return true;
    }
    const int second = m_doc.child(member, 2);
    if (!isString(second))
        return fail(QStringLiteral("Bad value in numeric range: %1")
                        .arg(QString::fromUtf8(m_doc.rawText(second).left(40))),
                    after(second), errorPath);
    const QString op2 = m_doc.stringValue(second);
    if (op2 != QLatin1String("<") && op2 != QLatin1String("<="))
        return fail(QStringLiteral("Bad numeric range operator: %1").arg(op2), afterRead(second),
                    errorPath);
    if (n < 4 || !isNumber(m_doc.child(member, 3)))
        return fail(QStringLiteral("Value of %1 must be numeric").arg(op2),
                    n < 4 ? array.span.end() : after(m_doc.child(member, 3)), errorPath);
    if (n > 4)
        return fail(QStringLiteral("Too many terms in numeric range expression"),
                    after(m_doc.child(member, 4)), errorPath);
    const double top = m_doc.rawText(m_doc.child(member, 3)).toDouble();
    if (!(v < top))
        return fail(QStringLiteral("Bottom must be less than top"),
                    afterRead(m_doc.child(member, 3)), errorPath);
    *out = ValueMatcher::numeric(true, v, op == QLatin1String(">"), true, top,
                                 op2 == QLatin1String("<"));
    return true;
}

bool PatternCompiler::compileWildcard(int node, const QString &errorPath, QString *glob)
{
    if (!isString(node))
        return fail(QStringLiteral("wildcard match pattern must be a string"), after(node),
                    errorPath);
    *glob = m_doc.stringValue(node);
    // Positions are in UTF-8 bytes, as event-ruler's WildcardParser counts them.
    const QByteArray bytes = glob->toUtf8();
    for (int i = 0; i < bytes.size(); ++i) {
        if (bytes.at(i) == '*' && i + 1 < bytes.size() && bytes.at(i + 1) == '*')
            return fail(QStringLiteral("Consecutive wildcard characters at pos %1").arg(i),
                        afterRead(node), errorPath);
        if (bytes.at(i) == '\\') {
            if (i + 1 < bytes.size() && (bytes.at(i + 1) == '*' || bytes.at(i + 1) == '\\')) {
                ++i;
                continue;
            }
            return fail(QStringLiteral("Invalid escape character at pos %1").arg(i),
                        afterRead(node), errorPath);
        }
    }
    return true;
}

qint64 PatternCompiler::combinationsOf(int node) const
{
    // Saturating: the caller only compares with MaxCombinations.
    constexpr qint64 Cap = EventPattern::MaxCombinations + 1;
    const PatternNode &n = m_pattern.m_nodes.at(node);
    qint64 total = 1;
    for (const PatternField &f : n.fields) {
        if (f.child >= 0)
            total = qMin(Cap, total * combinationsOf(f.child));
    }
    for (const QVector<int> &group : n.orGroups) {
        qint64 sum = 0;
        for (int alt : group)
            sum = qMin(Cap, sum + combinationsOf(alt));
        total = qMin(Cap, total * sum);
    }
    return total;
}
