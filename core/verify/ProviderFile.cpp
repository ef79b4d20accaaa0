#include "core/verify/ProviderFile.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace {

using S = ProviderScheme;

template <typename E> struct Named
{
    const char *name;
    E value;
};

const Named<S::Algorithm> Algorithms[] = {
    {"hmac-sha256", S::Algorithm::HmacSha256},
    {"hmac-sha1", S::Algorithm::HmacSha1},
    {"hmac-sha512", S::Algorithm::HmacSha512},
    {"sha256-secret-body", S::Algorithm::Sha256OfSecretAndBody},
    {"token", S::Algorithm::Token},
};
const Named<S::Encoding> Encodings[] = {
    {"hex", S::Encoding::Hex}, {"base64", S::Encoding::Base64}, {"text", S::Encoding::Text}};
const Named<S::HeaderFormat> Formats[] = {{"plain", S::HeaderFormat::Plain},
                                          {"prefixed", S::HeaderFormat::Prefixed},
                                          {"key-value-list", S::HeaderFormat::KeyValueList},
                                          {"versioned-list", S::HeaderFormat::VersionedList},
                                          {"timestamp-list", S::HeaderFormat::TimestampList}};
const Named<S::TimestampUnit> Units[] = {{"seconds", S::TimestampUnit::Seconds},
                                         {"milliseconds", S::TimestampUnit::Milliseconds},
                                         {"rfc3339", S::TimestampUnit::Rfc3339}};
const Named<S::SecretFormat> SecretFormats[] = {{"text", S::SecretFormat::Text},
                                                {"whsec-base64", S::SecretFormat::WhsecBase64},
                                                {"base64", S::SecretFormat::Base64}};

template <typename E, size_t N> QString nameOf(const Named<E> (&table)[N], E value)
{
    for (const Named<E> &n : table) {
        if (n.value == value)
            return QString::fromLatin1(n.name);
    }
    return {};
}

template <typename E, size_t N> QString choices(const Named<E> (&table)[N])
{
    QStringList out;
    for (const Named<E> &n : table)
        out.append(QLatin1Char('"') + QLatin1String(n.name) + QLatin1Char('"'));
    return out.join(QLatin1String(", "));
}

const QStringList Placeholders{QStringLiteral("body"), QStringLiteral("timestamp"),
                               QStringLiteral("id"), QStringLiteral("url"),
                               QStringLiteral("method")};

bool isToken(const QString &name)
{
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    return token.match(name).hasMatch();
}

// Reads one file's JSON, remembering the first problem with the dotted key it is at.
class Reader
{
public:
    explicit Reader(ProviderFile::Problem *problem) : m_problem(problem) {}

    bool failed() const { return m_failed; }
    bool fail(const QString &key, const QString &problem)
    {
        if (!m_failed) {
            m_failed = true;
            m_problem->key = key;
            m_problem->problem = problem;
        }
        return false;
    }

    // Refuses keys the format does not have (a typo would otherwise be a silent default).
    bool onlyKeys(const QJsonObject &o, const QString &at, const QStringList &known)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                return fail(join(at, it.key()), QStringLiteral("unknown key (expected one of: %1)")
                                                    .arg(known.join(QLatin1String(", "))));
        }
        return true;
    }
    bool object(const QJsonObject &o, const QString &at, const QString &key, QJsonObject *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isObject())
            return fail(join(at, key), QStringLiteral("expects an object"));
        *out = v.toObject();
        return true;
    }
    bool string(const QJsonObject &o, const QString &at, const QString &key, QString *out,
                bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return required ? fail(join(at, key), QStringLiteral("is required")) : true;
        if (!v.isString())
            return fail(join(at, key), QStringLiteral("expects a string"));
        *out = v.toString();
        if (required && out->isEmpty())
            return fail(join(at, key), QStringLiteral("must not be empty"));
        return true;
    }
    bool bytes(const QJsonObject &o, const QString &at, const QString &key, QByteArray *out)
    {
        QString s;
        if (!string(o, at, key, &s))
            return false;
        if (o.contains(key))
            *out = s.toUtf8();
        return true;
    }
    bool boolean(const QJsonObject &o, const QString &at, const QString &key, bool *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return fail(join(at, key), QStringLiteral("expects true or false"));
        *out = v.toBool();
        return true;
    }
    bool seconds(const QJsonObject &o, const QString &at, const QString &key, int *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return true;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d > 31536000 || d != double(int(d)))
            return fail(join(at, key),
                        QStringLiteral("expects a whole number of seconds from 0 to 31536000"));
        *out = int(d);
        return true;
    }
    bool headerNames(const QJsonObject &o, const QString &at, const QString &key,
                     QList<QByteArray> *out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return true;
        if (!v.isArray())
            return fail(join(at, key), QStringLiteral("expects an array of header names"));
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            const QString at2 = join(at, key) + QStringLiteral("[%1]").arg(i);
            if (!a.at(i).isString() || !isToken(a.at(i).toString()))
                return fail(at2, QStringLiteral("expects a header name (letters, digits, '-')"));
            out->append(a.at(i).toString().toLatin1());
        }
        return true;
    }
    template <typename E, size_t N>
    bool choice(const QJsonObject &o, const QString &at, const QString &key,
                const Named<E> (&table)[N], E *out)
    {
        QString s;
        if (!string(o, at, key, &s))
            return false;
        if (!o.contains(key))
            return true;
        for (const Named<E> &n : table) {
            if (s == QLatin1String(n.name)) {
                *out = n.value;
                return true;
            }
        }
        return fail(join(at, key),
                    QStringLiteral("'%1' is not one of %2").arg(s.left(40), choices(table)));
    }

    static QString join(const QString &at, const QString &key)
    {
        return at.isEmpty() ? key : at + QLatin1Char('.') + key;
    }

private:
    ProviderFile::Problem *m_problem;
    bool m_failed = false;
};

bool readSignature(Reader &r, const QJsonObject &o, S &s)
{
    const QString at = QStringLiteral("signature");
    if (!r.onlyKeys(o, at,
                    {"headers", "algorithm", "encoding", "format", "list_separator",
                     "signature_key", "timestamp_key", "test_mode_key", "content", "every_header"}))
        return false;
    S::Algorithm algorithm = S::Algorithm::HmacSha256;
    if (!r.choice(o, at, "algorithm", Algorithms, &algorithm) ||
        !r.choice(o, at, "encoding", Encodings, &s.encoding) ||
        !r.choice(o, at, "format", Formats, &s.headerFormat))
        return false;
    if (!o.contains(QLatin1String("encoding")))
        return r.fail("signature.encoding", QStringLiteral("is required (\"hex\" or \"base64\")"));
    const QJsonValue headers = o.value(QLatin1String("headers"));
    if (!headers.isArray() || headers.toArray().isEmpty())
        return r.fail("signature.headers",
                      QStringLiteral("expects a non-empty array of {\"name\": ...} objects"));
    const QJsonArray list = headers.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString hat = QStringLiteral("signature.headers[%1]").arg(i);
        if (!list.at(i).isObject())
            return r.fail(hat,
                          QStringLiteral("expects an object {\"name\": ..., \"prefix\": ...}"));
        const QJsonObject h = list.at(i).toObject();
        S::SignatureHeader header;
        header.algorithm = algorithm;
        QString name;
        if (!r.onlyKeys(h, hat, {"name", "prefix", "algorithm"}) ||
            !r.string(h, hat, "name", &name, true) || !r.bytes(h, hat, "prefix", &header.prefix) ||
            !r.choice(h, hat, "algorithm", Algorithms, &header.algorithm))
            return false;
        if (!isToken(name))
            return r.fail(hat + QStringLiteral(".name"),
                          QStringLiteral("'%1' is not a header name").arg(name.left(40)));
        header.name = name.toLatin1();
        const bool prefixed = s.headerFormat == S::HeaderFormat::Prefixed;
        if (prefixed && header.prefix.isEmpty())
            return r.fail(hat + QStringLiteral(".prefix"),
                          QStringLiteral("is required with \"format\": \"prefixed\""));
        if (!prefixed && !header.prefix.isEmpty())
            return r.fail(hat + QStringLiteral(".prefix"),
                          QStringLiteral("needs \"format\": \"prefixed\""));
        s.signatureHeaders.append(header);
    }
    if (!r.bytes(o, at, "list_separator", &s.listSeparator) ||
        !r.bytes(o, at, "signature_key", &s.signatureKey) ||
        !r.bytes(o, at, "timestamp_key", &s.timestampKey) ||
        !r.bytes(o, at, "test_mode_key", &s.testModeKey) ||
        !r.bytes(o, at, "content", &s.contentTemplate) ||
        !r.boolean(o, at, "every_header", &s.everySignatureHeader))
        return false;
    const bool list_ = s.headerFormat == S::HeaderFormat::KeyValueList ||
                       s.headerFormat == S::HeaderFormat::VersionedList;
    if (list_ && s.signatureKey.isEmpty())
        return r.fail("signature.signature_key",
                      QStringLiteral("is required with \"format\": \"%1\"")
                          .arg(nameOf(Formats, s.headerFormat)));
    const bool separated = s.headerFormat == S::HeaderFormat::KeyValueList ||
                           s.headerFormat == S::HeaderFormat::TimestampList;
    if (separated && s.listSeparator.size() != 1)
        return r.fail("signature.list_separator", QStringLiteral("expects one character"));
    for (const char *key : {"timestamp_key", "test_mode_key", "list_separator"}) {
        const bool applies = s.headerFormat == S::HeaderFormat::KeyValueList ||
                             (separated && QByteArray(key) == "list_separator");
        if (o.contains(QLatin1String(key)) && !applies)
            return r.fail(QStringLiteral("signature.") + QLatin1String(key),
                          QStringLiteral("only applies to \"format\": \"key-value-list\"%1")
                              .arg(QByteArray(key) == "list_separator"
                                       ? QStringLiteral(" or \"timestamp-list\"")
                                       : QString()));
    }
    if (s.contentTemplate.isEmpty())
        return r.fail("signature.content", QStringLiteral("must not be empty"));
    // A token (GitLab) is the secret itself in a header: nothing is signed or encoded.
    for (int i = 0; i < s.signatureHeaders.size(); ++i) {
        const bool token = s.signatureHeaders.at(i).algorithm == S::Algorithm::Token;
        if (token != (algorithm == S::Algorithm::Token))
            return r.fail(QStringLiteral("signature.headers[%1].algorithm").arg(i),
                          QStringLiteral("\"token\" cannot be mixed with signing algorithms"));
    }
    if (algorithm == S::Algorithm::Token) {
        if (s.encoding != S::Encoding::Text)
            return r.fail("signature.encoding",
                          QStringLiteral("must be \"text\" with \"algorithm\": \"token\" (the "
                                         "header carries the token as it is)"));
        if (s.headerFormat != S::HeaderFormat::Plain)
            return r.fail("signature.format",
                          QStringLiteral("must be \"plain\" with \"algorithm\": \"token\""));
        if (o.contains(QLatin1String("content")))
            return r.fail("signature.content",
                          QStringLiteral("a token signs nothing: leave \"content\" out"));
    } else if (s.encoding == S::Encoding::Text) {
        return r.fail("signature.encoding",
                      QStringLiteral("\"text\" is only for \"algorithm\": \"token\""));
    }
    static const QRegularExpression placeholder(QStringLiteral("\\{([^{}]*)\\}"));
    for (auto it = placeholder.globalMatch(QString::fromUtf8(s.contentTemplate)); it.hasNext();) {
        const QString p = it.next().captured(1);
        if (!Placeholders.contains(p))
            return r.fail("signature.content",
                          QStringLiteral("unknown placeholder {%1} (use {body}, {timestamp}, "
                                         "{id}, {url}, {method})")
                              .arg(p.left(40)));
    }
    return true;
}

bool readTimestamp(Reader &r, const QJsonObject &o, S &s)
{
    const QString at = QStringLiteral("timestamp");
    if (!r.onlyKeys(
            o, at,
            {"headers", "body_field", "unit", "required", "tolerance_s", "tolerance_both_ways"}) ||
        !r.headerNames(o, at, "headers", &s.timestampHeaders) ||
        !r.bytes(o, at, "body_field", &s.timestampBodyField) ||
        !r.choice(o, at, "unit", Units, &s.timestampUnit) ||
        !r.boolean(o, at, "required", &s.timestampRequired) ||
        !r.seconds(o, at, "tolerance_s", &s.toleranceS) ||
        !r.boolean(o, at, "tolerance_both_ways", &s.toleranceBothWays))
        return false;
    if (!s.timestampHeaders.isEmpty() && s.headerFormat == S::HeaderFormat::TimestampList)
        return r.fail("timestamp.headers",
                      QStringLiteral("the timestamp already rides in the signature header "
                                     "(\"format\": \"timestamp-list\")"));
    if (!s.timestampHeaders.isEmpty() && !s.timestampKey.isEmpty())
        return r.fail("timestamp.headers",
                      QStringLiteral("the timestamp already rides in the signature header "
                                     "(signature.timestamp_key)"));
    if (!s.timestampHeaders.isEmpty() && !s.timestampBodyField.isEmpty())
        return r.fail("timestamp.body_field", QStringLiteral("give headers or a body field, "
                                                             "not both"));
    return true;
}

bool readRest(Reader &r, const QJsonObject &root, S &s)
{
    QJsonObject id, secret, detect, sign;
    if (!r.object(root, {}, "id", &id) || !r.object(root, {}, "secret", &secret) ||
        !r.object(root, {}, "detect", &detect) || !r.object(root, {}, "sign", &sign))
        return false;
    if (!r.onlyKeys(id, "id", {"headers", "body_field"}) ||
        !r.headerNames(id, "id", "headers", &s.idHeaders) ||
        !r.bytes(id, "id", "body_field", &s.idBodyField))
        return false;
    if (!r.onlyKeys(secret, "secret", {"format", "prefix"}) ||
        !r.choice(secret, "secret", "format", SecretFormats, &s.secretFormat) ||
        !r.bytes(secret, "secret", "prefix", &s.secretPrefix))
        return false;
    if (!r.onlyKeys(detect, "detect", {"headers", "by_signature_header"}) ||
        !r.headerNames(detect, "detect", "headers", &s.detectHeaders) ||
        !r.boolean(detect, "detect", "by_signature_header", &s.detectBySignatureHeader))
        return false;
    if (!r.onlyKeys(sign, "sign", {"headers"}))
        return false;
    const QJsonValue headers = sign.value(QLatin1String("headers"));
    if (!headers.isUndefined() && !headers.isArray())
        return r.fail("sign.headers", QStringLiteral("expects an array of \"Name: value\""));
    const QJsonArray list = headers.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString text = list.at(i).toString();
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        if (!list.at(i).isString() || colon <= 0 || !isToken(text.left(colon)))
            return r.fail(QStringLiteral("sign.headers[%1]").arg(i),
                          QStringLiteral("expects \"Name: value\""));
        s.signHeaders.append({text.left(colon).toLatin1(), text.mid(colon + 1).trimmed().toUtf8()});
    }
    return true;
}

// What the signed content and the other fields need from each other.
bool checkConsistency(Reader &r, const S &s, bool requiredGiven)
{
    const bool hasTimestampSource = !s.timestampHeaders.isEmpty() || !s.timestampKey.isEmpty() ||
                                    !s.timestampBodyField.isEmpty() ||
                                    s.headerFormat == S::HeaderFormat::TimestampList;
    if (s.contentTemplate.contains("{timestamp}") && !hasTimestampSource)
        return r.fail("signature.content",
                      QStringLiteral("signs {timestamp}, but no timestamp is read: give "
                                     "timestamp.headers (or signature.timestamp_key)"));
    if (s.timestampRequired && !hasTimestampSource)
        return r.fail("timestamp.required",
                      QStringLiteral("a timestamp is required but none is read: give "
                                     "timestamp.headers, timestamp.body_field or "
                                     "signature.timestamp_key"));
    if (requiredGiven && !s.timestampRequired && s.contentTemplate.contains("{timestamp}"))
        return r.fail("timestamp.required",
                      QStringLiteral("must be true: the content signs {timestamp}"));
    if (s.contentTemplate.contains("{id}") && s.idHeaders.isEmpty())
        return r.fail("signature.content",
                      QStringLiteral("signs {id}, but no id is read: give id.headers"));
    if (s.toleranceS >= 0 && !hasTimestampSource)
        return r.fail("timestamp.tolerance_s",
                      QStringLiteral("there is no timestamp to check it against"));
    if (s.secretFormat != S::SecretFormat::Text &&
        (s.signatureHeaders.first().algorithm == S::Algorithm::Sha256OfSecretAndBody ||
         s.signatureHeaders.first().algorithm == S::Algorithm::Token))
        return r.fail("secret.format", QStringLiteral("\"%1\" needs an HMAC algorithm")
                                           .arg(nameOf(SecretFormats, s.secretFormat)));
    return true;
}

// A small ordered JSON writer: QJsonObject sorts its keys, and a definition reads best in the
// order SCHEMA.md gives (name first, the signature before the details).
struct Member
{
    QString key;
    QJsonValue value;         // a leaf (string, number, bool, array of scalars)
    QList<Member> children;   // an object, when value is undefined
    QList<QJsonObject> items; // an array of objects written one per line
    bool isItems = false;
};

QByteArray scalar(const QJsonValue &v)
{
    QJsonArray wrap{v};
    QByteArray text = QJsonDocument(wrap).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

QByteArray inlineValue(const QJsonValue &v)
{
    if (!v.isArray())
        return scalar(v);
    QByteArrayList parts;
    for (const QJsonValue &e : v.toArray())
        parts.append(scalar(e));
    return '[' + parts.join(", ") + ']';
}

QByteArray inlineObject(const QJsonObject &o, const QStringList &order)
{
    QByteArrayList parts;
    for (const QString &k : order) {
        if (o.contains(k))
            parts.append(scalar(k) + ": " + scalar(o.value(k)));
    }
    return "{" + parts.join(", ") + "}";
}

void writeObject(QByteArray &out, const QList<Member> &members, int depth)
{
    const QByteArray pad(2 * (depth + 1), ' ');
    out += "{\n";
    for (int i = 0; i < members.size(); ++i) {
        const Member &m = members.at(i);
        out += pad + scalar(m.key) + ": ";
        if (m.isItems) {
            out += "[\n";
            for (int j = 0; j < m.items.size(); ++j) {
                out +=
                    pad + "  " +
                    inlineObject(m.items.at(j), {QStringLiteral("name"), QStringLiteral("prefix"),
                                                 QStringLiteral("algorithm")});
                out += j + 1 < m.items.size() ? ",\n" : "\n";
            }
            out += pad + ']';
        } else if (m.value.isUndefined()) {
            writeObject(out, m.children, depth + 1);
        } else {
            out += inlineValue(m.value);
        }
        out += i + 1 < members.size() ? ",\n" : "\n";
    }
    out += QByteArray(2 * depth, ' ') + '}';
}

QJsonArray strings(const QList<QByteArray> &list)
{
    QJsonArray a;
    for (const QByteArray &b : list)
        a.append(QString::fromUtf8(b));
    return a;
}

Member leaf(const char *key, const QJsonValue &v)
{
    return {QString::fromLatin1(key), v, {}, {}, false};
}

Member group(const char *key, const QList<Member> &children)
{
    return {QString::fromLatin1(key), QJsonValue(QJsonValue::Undefined), children, {}, false};
}

} // namespace

QString ProviderFile::Problem::text() const
{
    if (key.isEmpty())
        return path + QStringLiteral(": ") + problem;
    return path + QStringLiteral(": ") + key + QStringLiteral(": ") + problem;
}

std::optional<ProviderScheme> ProviderFile::parse(const QByteArray &bytes, const QString &path,
                                                  ProviderScheme::Origin origin, Problem *problem)
{
    problem->path = path;
    Reader r(problem);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        r.fail({}, QStringLiteral("not valid JSON: %1 at byte %2")
                       .arg(error.errorString())
                       .arg(error.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        r.fail({}, QStringLiteral("expects a JSON object"));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    S s;
    s.origin = origin;
    s.sourcePath = path;
    QJsonObject signature, timestamp;
    const QString fileName = QFileInfo(path).completeBaseName();
    if (!r.onlyKeys(root, {},
                    {"name", "title", "docs", "notes", "signature", "timestamp", "id", "secret",
                     "detect", "sign"}) ||
        !r.string(root, {}, "name", &s.name, true) ||
        !r.string(root, {}, "title", &s.title, true) || !r.string(root, {}, "docs", &s.docs) ||
        !r.string(root, {}, "notes", &s.notes) || !r.object(root, {}, "signature", &signature) ||
        !r.object(root, {}, "timestamp", &timestamp))
        return std::nullopt;
    static const QRegularExpression name(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    if (!name.match(s.name).hasMatch()) {
        r.fail(
            "name",
            QStringLiteral("'%1' is not lower-case letters, digits and '-'").arg(s.name.left(40)));
        return std::nullopt;
    }
    if (s.name == QLatin1String("auto") || s.name == QLatin1String("generic-hmac")) {
        r.fail("name", QStringLiteral("'%1' is reserved").arg(s.name));
        return std::nullopt;
    }
    if (s.name != fileName) {
        r.fail("name", QStringLiteral("'%1' differs from the file name (%2.json): name the file "
                                      "after the provider")
                           .arg(s.name, fileName));
        return std::nullopt;
    }
    if (!root.contains(QLatin1String("signature"))) {
        r.fail("signature", QStringLiteral("is required"));
        return std::nullopt;
    }
    if (!readSignature(r, signature, s))
        return std::nullopt;
    // Whether a timestamp is required follows from the content unless said.
    s.timestampRequired = s.contentTemplate.contains("{timestamp}");
    if (!readTimestamp(r, timestamp, s) || !readRest(r, root, s) ||
        !checkConsistency(r, s, timestamp.contains(QLatin1String("required"))))
        return std::nullopt;
    return s;
}

bool ProviderFile::fitsData(const ProviderScheme &s)
{
    if (s.content != S::Content::Template || s.signatureHeaders.isEmpty())
        return false;
    for (const S::SignatureHeader &h : s.signatureHeaders) {
        if (nameOf(Algorithms, h.algorithm).isEmpty())
            return false;
    }
    return !nameOf(SecretFormats, s.secretFormat).isEmpty();
}

QByteArray ProviderFile::write(const ProviderScheme &s)
{
    if (!fitsData(s))
        return {};
    const S::Algorithm algorithm = s.signatureHeaders.first().algorithm;
    QList<QJsonObject> headers;
    for (const S::SignatureHeader &h : s.signatureHeaders) {
        QJsonObject o{{QStringLiteral("name"), QString::fromLatin1(h.name)}};
        if (!h.prefix.isEmpty())
            o.insert(QStringLiteral("prefix"), QString::fromUtf8(h.prefix));
        if (h.algorithm != algorithm)
            o.insert(QStringLiteral("algorithm"), nameOf(Algorithms, h.algorithm));
        headers.append(o);
    }
    QList<Member> signature{{QStringLiteral("headers"), {}, {}, headers, true},
                            leaf("algorithm", nameOf(Algorithms, algorithm)),
                            leaf("encoding", nameOf(Encodings, s.encoding)),
                            leaf("format", nameOf(Formats, s.headerFormat))};
    if (s.headerFormat == S::HeaderFormat::KeyValueList ||
        s.headerFormat == S::HeaderFormat::TimestampList)
        signature.append(leaf("list_separator", QString::fromUtf8(s.listSeparator)));
    if (!s.signatureKey.isEmpty())
        signature.append(leaf("signature_key", QString::fromUtf8(s.signatureKey)));
    if (!s.timestampKey.isEmpty())
        signature.append(leaf("timestamp_key", QString::fromUtf8(s.timestampKey)));
    if (!s.testModeKey.isEmpty())
        signature.append(leaf("test_mode_key", QString::fromUtf8(s.testModeKey)));
    if (!s.isToken())
        signature.append(leaf("content", QString::fromUtf8(s.contentTemplate)));
    if (s.everySignatureHeader)
        signature.append(leaf("every_header", true));

    QList<Member> top{leaf("name", s.name), leaf("title", s.title)};
    if (!s.docs.isEmpty())
        top.append(leaf("docs", s.docs));
    if (!s.notes.isEmpty())
        top.append(leaf("notes", s.notes));
    top.append(group("signature", signature));
    if (s.hasTimestamp() || s.toleranceS >= 0) {
        QList<Member> t;
        if (!s.timestampHeaders.isEmpty())
            t.append(leaf("headers", strings(s.timestampHeaders)));
        if (!s.timestampBodyField.isEmpty())
            t.append(leaf("body_field", QString::fromUtf8(s.timestampBodyField)));
        t.append(leaf("unit", nameOf(Units, s.timestampUnit)));
        t.append(leaf("required", s.timestampRequired));
        if (s.toleranceS >= 0) {
            t.append(leaf("tolerance_s", s.toleranceS));
            t.append(leaf("tolerance_both_ways", s.toleranceBothWays));
        }
        top.append(group("timestamp", t));
    }
    if (!s.idHeaders.isEmpty() || !s.idBodyField.isEmpty()) {
        QList<Member> id;
        if (!s.idHeaders.isEmpty())
            id.append(leaf("headers", strings(s.idHeaders)));
        if (!s.idBodyField.isEmpty())
            id.append(leaf("body_field", QString::fromUtf8(s.idBodyField)));
        top.append(group("id", id));
    }
    QList<Member> secret{leaf("format", nameOf(SecretFormats, s.secretFormat))};
    if (!s.secretPrefix.isEmpty())
        secret.append(leaf("prefix", QString::fromUtf8(s.secretPrefix)));
    top.append(group("secret", secret));
    if (!s.detectHeaders.isEmpty() || !s.detectBySignatureHeader) {
        QList<Member> detect;
        if (!s.detectHeaders.isEmpty())
            detect.append(leaf("headers", strings(s.detectHeaders)));
        detect.append(leaf("by_signature_header", s.detectBySignatureHeader));
        top.append(group("detect", detect));
    }
    if (!s.signHeaders.isEmpty()) {
        QJsonArray sign;
        for (const auto &h : s.signHeaders)
            sign.append(QString::fromUtf8(h.first + ": " + h.second));
        top.append(group("sign", {leaf("headers", sign)}));
    }
    QByteArray out;
    writeObject(out, top, 0);
    return out + '\n';
}
