#include "core/io/CaptureRedactor.h"

#include "core/config/AppConfig.h"
#include "core/io/ChunkedFraming.h"
#include "core/verify/ProviderRegistry.h"

CaptureRedactor::CaptureRedactor(const AppConfig &config, QList<QByteArray> secrets)
{
    for (const ProviderScheme &scheme : ProviderRegistry::schemes()) {
        for (const ProviderScheme::SignatureHeader &h : scheme.signatureHeaders)
            addHeader(h.name);
    }
    for (const EndpointConfig &e : config.endpoints) {
        const QString header = e.scheme.value(QStringLiteral("header")).toString();
        if (!header.isEmpty())
            addHeader(header.toUtf8());
    }
    for (const char *name : {"Authorization", "Proxy-Authorization", "Cookie"})
        addHeader(name);
    for (const QByteArray &s : secrets)
        addSecret(s);
}

void CaptureRedactor::addHeader(const QByteArray &name)
{
    m_headers.insert(name.toLower());
}

void CaptureRedactor::addSecret(const QByteArray &value)
{
    if (value.size() >= 4 && !m_secrets.contains(value)) // shorter ones would match anything
        m_secrets.append(value);
}

QByteArray CaptureRedactor::replaceSecrets(QByteArray bytes, bool *changed) const
{
    for (const QByteArray &secret : m_secrets) {
        if (bytes.contains(secret)) {
            bytes.replace(secret, Marker);
            *changed = true;
        }
    }
    return bytes;
}

QByteArray CaptureRedactor::redact(const QByteArray &raw, const ParsedRequest &parsed,
                                   QStringList *what) const
{
    if (parsed.hasError() || parsed.headerSectionEnd < 0)
        return raw;
    QByteArray head = raw.left(parsed.requestLine.end());
    QStringList found;
    bool secretInHeaders = false;
    const QByteArray originalBody = parsed.body(raw);
    bool secretInBody = false;
    const QByteArray body = replaceSecrets(originalBody, &secretInBody);
    qint64 at = parsed.requestLine.end();
    for (const HeaderField &h : parsed.headers) {
        head += raw.mid(at, h.valueSpan.offset - at); // line break, name, colon, spacing
        QByteArray value = h.value;
        if (m_headers.contains(h.name.toLower())) {
            value = Marker;
            const QString entry = QStringLiteral("header ") + QString::fromLatin1(h.name);
            if (!found.contains(entry))
                found.append(entry);
        } else if (h.name.compare("Content-Length", Qt::CaseInsensitive) == 0 && secretInBody &&
                   !parsed.chunked) {
            value = QByteArray::number(body.size());
        } else {
            value = replaceSecrets(value, &secretInHeaders);
        }
        head += value;
        at = h.valueSpan.end();
    }
    head += raw.mid(at, parsed.headerSectionEnd - at);
    if (secretInHeaders)
        found.append(QStringLiteral("a configured secret in a header"));
    if (secretInBody)
        found.append(QStringLiteral("a configured secret in the body"));
    if (found.isEmpty())
        return raw;
    what->append(found);
    if (!secretInBody)
        return head + raw.mid(parsed.headerSectionEnd);
    return head + (parsed.chunked ? ChunkedFraming::frame(body) : body);
}
