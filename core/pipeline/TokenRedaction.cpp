#include "core/pipeline/TokenRedaction.h"

#include "core/capture/ParsedRequest.h"
#include "core/pipeline/CaptureVerifier.h"
#include "core/secrets/SigningSecret.h"
#include "core/store/NewCapture.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/Verdict.h"

#include <QJsonDocument>

const char TokenRedaction::Note[] =
    " (the token was redacted when the capture was stored: this is the verdict from that time)";

namespace {

constexpr char Prefix[] = "[redacted]";
constexpr qsizetype PrefixSize = sizeof(Prefix) - 1;

std::optional<ProviderScheme> endpointTokenScheme(const CaptureVerifier &verifier,
                                                  const QString &endpointId,
                                                  const ParsedRequest &parsed)
{
    const EndpointConfig *e = verifier.config().endpointById(endpointId);
    return e ? TokenRedaction::tokenScheme(*e, parsed) : std::nullopt;
}

bool isTokenHeader(const ProviderScheme &scheme, const QByteArray &name)
{
    for (const ProviderScheme::SignatureHeader &h : scheme.signatureHeaders) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray TokenRedaction::marker(qsizetype length)
{
    if (length < PrefixSize)
        return QByteArray(length, '*');
    return QByteArray(Prefix) + QByteArray(length - PrefixSize, '*');
}

bool TokenRedaction::isMarker(const QByteArray &value)
{
    return !value.isEmpty() && value == marker(value.size());
}

bool TokenRedaction::apply(NewCapture &capture, const ParsedRequest &parsed,
                           const CaptureVerifier &verifier)
{
    if (capture.summary.endpointId.isEmpty() || !capture.summary.parseError.isEmpty())
        return false;
    const std::optional<ProviderScheme> scheme =
        endpointTokenScheme(verifier, capture.summary.endpointId, parsed);
    if (!scheme)
        return false;
    QList<ByteSpan> spans;
    for (const HeaderField &h : parsed.headers) {
        if (isTokenHeader(*scheme, h.name) && !h.valueSpan.isEmpty() && !isMarker(h.value))
            spans.append(h.valueSpan);
    }
    if (spans.isEmpty())
        return false;
    // The fast verdict from the token as sent (no store: the duplicate check needs none here).
    std::optional<Verdict> verdict =
        verifier.verify(capture.summary, capture.raw, parsed, nullptr, false);
    for (const ByteSpan &span : spans) {
        QByteArray token = capture.raw.mid(span.offset, span.length);
        capture.raw.replace(span.offset, span.length, marker(span.length));
        SigningSecret::wipe(token);
    }
    if (verdict) {
        verdict->message += QLatin1String(Note);
        capture.deliveryId = verdict->deliveryId;
        capture.summary.verdictReason = verdict->reasonCode();
        capture.summary.verdictJson =
            QJsonDocument(verdict->toJson()).toJson(QJsonDocument::Compact);
    }
    return true;
}

std::optional<ProviderScheme> TokenRedaction::tokenScheme(const EndpointConfig &endpoint,
                                                          const ParsedRequest &parsed)
{
    if (endpoint.provider.isEmpty())
        return std::nullopt;
    QString error; // "auto" picks the provider whose headers the request carries
    std::optional<ProviderScheme> scheme =
        ProviderRegistry::resolve(endpoint.provider, endpoint.scheme, parsed, &error);
    if (scheme && scheme->isToken())
        return scheme;
    return std::nullopt;
}

bool TokenRedaction::isRedacted(const ParsedRequest &parsed, const ProviderScheme &scheme)
{
    if (!scheme.isToken())
        return false;
    for (const HeaderField &h : parsed.headers) {
        if (isTokenHeader(scheme, h.name) && isMarker(h.value))
            return true;
    }
    return false;
}
