#include "core/verify/SignatureEvidence.h"

#include "core/capture/FormFields.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QByteArray firstHeader(const ParsedRequest &parsed, const QList<QByteArray> &names)
{
    for (const QByteArray &n : names) {
        const QByteArray v = parsed.header(n);
        if (!v.isNull())
            return v;
    }
    return {};
}

QByteArray jsonScalar(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().toUtf8();
    if (v.isDouble())
        return QByteArray::number(qint64(v.toDouble()));
    return {};
}

// Mailgun puts timestamp, token and signature in the body: a "signature" object in JSON
// webhooks, three form fields in the legacy ones.
void readMailgun(SignatureEvidence &e)
{
    QByteArray signature;
    const QJsonDocument doc = QJsonDocument::fromJson(e.body);
    if (doc.isObject()) {
        const QJsonObject sig = doc.object().value(QLatin1String("signature")).toObject();
        e.timestampText = jsonScalar(sig.value(QLatin1String("timestamp")));
        e.id = jsonScalar(sig.value(QLatin1String("token")));
        signature = jsonScalar(sig.value(QLatin1String("signature")));
    } else {
        for (const FormFields::Field &f : FormFields::parse(e.body)) {
            if (f.name == QLatin1String("timestamp"))
                e.timestampText = f.value.toUtf8();
            else if (f.name == QLatin1String("token"))
                e.id = f.value.toUtf8();
            else if (f.name == QLatin1String("signature"))
                signature = f.value.toUtf8();
        }
    }
    e.header = {"signature (in the body)", "", ProviderScheme::Algorithm::HmacSha256};
    if (signature.isEmpty()) {
        e.problem = SignatureEvidence::Problem::MissingHeader;
        e.message = QStringLiteral("The body has no Mailgun signature (signature.signature)");
        return;
    }
    ProviderScheme plain;
    plain.encoding = ProviderScheme::Encoding::Hex;
    e.signature = SignatureHeaderParser::parse(plain, e.header, signature);
    if (!e.signature.ok) {
        e.problem = SignatureEvidence::Problem::Malformed;
        e.message = e.signature.error;
    }
}

// The string value of a top-level key, found by scanning rather than parsing the document: the
// event id comes first in practice, and parsing a 1 MB body on every verification would cost
// more than the verification. One pass, no recursion: depth is a counter.
QByteArray topLevelString(const QByteArray &json, const QByteArray &key)
{
    const QByteArray quoted = '"' + key + '"';
    const auto isSpace = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    qint64 depth = 0;
    const qsizetype n = json.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = json.at(i);
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth <= 0)
                return {};
        } else if (c == '"') {
            const bool candidate = depth == 1 && QByteArrayView(json).sliced(i).startsWith(quoted);
            qsizetype end = i + 1;
            while (end < n && json.at(end) != '"')
                end += json.at(end) == '\\' ? 2 : 1;
            if (end >= n)
                return {};
            qsizetype j = end + 1;
            while (j < n && isSpace(json.at(j)))
                ++j;
            if (candidate && end == i + quoted.size() - 1 && j < n && json.at(j) == ':') {
                ++j;
                while (j < n && isSpace(json.at(j)))
                    ++j;
                if (j >= n || json.at(j) != '"')
                    return {};
                const qsizetype close = json.indexOf('"', j + 1);
                return close > j ? json.mid(j + 1, close - j - 1) : QByteArray();
            }
            i = end;
        }
    }
    return {};
}

// The signatures of the scheme's other headers present after e.headerIndex's (Box's secondary
// beside its primary), added to e.signature; one that does not parse is left out.
void addOtherHeaders(SignatureEvidence &e, const ProviderScheme &scheme,
                     const ParsedRequest &parsed)
{
    for (const ProviderScheme::SignatureHeader &h : scheme.signatureHeaders) {
        for (int i = 0; i < parsed.headers.size(); ++i) {
            if (i == e.headerIndex ||
                parsed.headers.at(i).name.compare(h.name, Qt::CaseInsensitive) != 0)
                continue;
            const ParsedSignatureHeader more =
                SignatureHeaderParser::parse(scheme, h, parsed.headers.at(i).value);
            if (more.ok) {
                e.signature.texts.append(more.texts);
                e.signature.decoded.append(more.decoded);
            }
        }
    }
}

} // namespace

QByteArray SignatureEvidence::deliveryId(const ProviderScheme &scheme) const
{
    if (!id.isEmpty() || scheme.idBodyField.isEmpty())
        return id;
    return topLevelString(body, scheme.idBodyField);
}

QByteArray SignatureEvidence::defaultUrl(const ParsedRequest &parsed)
{
    return "http://" + parsed.header("Host") + parsed.target;
}

bool SignatureEvidence::parseTimestamp(ProviderScheme::TimestampUnit unit, const QByteArray &text,
                                       qint64 *seconds)
{
    if (unit == ProviderScheme::TimestampUnit::Rfc3339) {
        // Twitch sends nanoseconds; Qt's ISO parser takes at most milliseconds.
        QByteArray t = text.trimmed();
        const qsizetype dot = t.indexOf('.');
        if (dot > 0) {
            qsizetype end = dot + 1;
            while (end < t.size() && t.at(end) >= '0' && t.at(end) <= '9')
                ++end;
            t = t.left(dot) + t.mid(end);
        }
        // Without an offset (Z, +hh:mm, -hh:mm after the time) the time is UTC: Qt would read it
        // as the host's local time, making verdicts depend on where they are computed.
        const qsizetype timeAt = qMax(t.indexOf('T'), qMax(t.indexOf('t'), t.indexOf(' ')));
        const QByteArray time = timeAt > 0 ? t.mid(timeAt + 1) : QByteArray();
        const bool hasOffset =
            time.contains('Z') || time.contains('z') || time.contains('+') || time.contains('-');
        const QDateTime dt = QDateTime::fromString(QString::fromLatin1(t), Qt::ISODate);
        if (!dt.isValid())
            return false;
        *seconds = hasOffset ? dt.toSecsSinceEpoch()
                             : QDateTime(dt.date(), dt.time(), Qt::UTC).toSecsSinceEpoch();
        return true;
    }
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    const qint64 n = text.toLongLong();
    *seconds = unit == ProviderScheme::TimestampUnit::Milliseconds ? n / 1000 : n;
    return true;
}

SignatureEvidence SignatureEvidence::read(const QByteArray &raw, const ParsedRequest &parsed,
                                          const ProviderScheme &scheme, const QString &url)
{
    SignatureEvidence e;
    // Shares raw's bytes when the body is one piece (not chunked): a large body is not copied.
    if (parsed.bodySegments.size() == 1)
        e.body = QByteArray::fromRawData(raw.constData() + parsed.bodySegments.first().offset,
                                         qsizetype(parsed.bodySegments.first().length));
    else
        e.body = parsed.body(raw);
    e.method = parsed.method;
    e.url = url.isEmpty() ? defaultUrl(parsed) : url.toUtf8();
    e.contentType = parsed.header("Content-Type");
    e.id = firstHeader(parsed, scheme.idHeaders);

    if (scheme.content == ProviderScheme::Content::MailgunBody) {
        readMailgun(e);
        if (e.problem != Problem::None)
            return e;
    } else {
        for (const ProviderScheme::SignatureHeader &h : scheme.signatureHeaders) {
            for (int i = 0; i < parsed.headers.size() && e.headerIndex < 0; ++i) {
                if (parsed.headers.at(i).name.compare(h.name, Qt::CaseInsensitive) == 0) {
                    e.headerIndex = i;
                    e.header = h;
                    e.headerLine = parsed.headers.at(i).lineSpan;
                }
            }
            if (e.headerIndex >= 0)
                break;
        }
        if (e.headerIndex < 0) {
            e.problem = Problem::MissingHeader;
            QStringList names;
            for (const auto &h : scheme.signatureHeaders)
                names.append(QString::fromLatin1(h.name));
            e.message = QStringLiteral("No %1 header").arg(names.join(QLatin1String(" or ")));
            if (!scheme.signatureHeaders.isEmpty())
                e.header = scheme.signatureHeaders.first();
            return e;
        }
        e.signature =
            SignatureHeaderParser::parse(scheme, e.header, parsed.headers.at(e.headerIndex).value);
        if (!e.signature.ok) {
            e.problem = Problem::Malformed;
            e.message = e.signature.error;
            return e;
        }
        if (scheme.everySignatureHeader)
            addOtherHeaders(e, scheme, parsed);
        if (e.signature.hasTimestamp)
            e.timestampText = e.signature.timestamp;
        else if (!scheme.timestampHeaders.isEmpty())
            e.timestampText = firstHeader(parsed, scheme.timestampHeaders);
        else if (!scheme.timestampBodyField.isEmpty()) {
            // Read as the SDKs do (text decoded with U+FFFD for bad UTF-8, then JSON.parse), so a
            // body that is not UTF-8 still yields its timestamp.
            const QJsonDocument doc = QJsonDocument::fromJson(QString::fromUtf8(e.body).toUtf8());
            e.timestampText =
                jsonScalar(doc.object().value(QString::fromLatin1(scheme.timestampBodyField)));
        }
    }

    if (!e.timestampText.isEmpty()) {
        if (!parseTimestamp(scheme.timestampUnit, e.timestampText, &e.timestampS)) {
            e.problem = Problem::Malformed;
            e.message = QStringLiteral("The timestamp '%1' is not a valid timestamp")
                            .arg(QString::fromUtf8(e.timestampText.left(40)));
            return e;
        }
        e.hasTimestamp = true;
    } else if (scheme.timestampRequired) {
        e.problem = Problem::MissingTimestamp;
        QStringList where;
        if (!scheme.timestampKey.isEmpty())
            where.append(QString::fromLatin1(scheme.timestampKey) + QStringLiteral("= in ") +
                         QString::fromLatin1(e.header.name));
        for (const QByteArray &h : scheme.timestampHeaders)
            where.append(QString::fromLatin1(h));
        if (scheme.content == ProviderScheme::Content::MailgunBody)
            where.append(QStringLiteral("signature.timestamp in the body"));
        e.message = QStringLiteral("The scheme signs a timestamp and none was sent (%1)")
                        .arg(where.join(QLatin1String(", ")));
    }
    return e;
}
