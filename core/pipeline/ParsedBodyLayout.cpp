#include "core/pipeline/ParsedBodyLayout.h"

#include "core/http/RequestFramer.h"
#include "core/io/HttpRequestBytes.h"
#include "core/pipeline/CaptureVerifier.h"
#include "core/verify/JsonLayouts.h"

QByteArray ParsedBodyLayout::resolve(const CaptureVerifier &verifier, const CaptureSummary &summary,
                                     const QByteArray &raw, QString *layout)
{
    layout->clear();
    const EndpointConfig *endpoint = verifier.config().endpointById(summary.endpointId);
    if (!endpoint || endpoint->provider.isEmpty())
        return raw;
    const ParsedRequest parsed = RequestFramer::parse(raw);
    if (parsed.hasError())
        return raw;
    const QByteArray body = parsed.body(raw);
    for (const JsonLayouts::Layout &candidate : JsonLayouts::known(endpoint->provider)) {
        QByteArray laid;
        if (!JsonLayouts::apply(candidate, body, &laid))
            return raw; // not an object or array: there is nothing to lay out
        const QByteArray tried = HttpRequestBytes::withBody(raw, laid);
        const std::optional<Verdict> verdict =
            verifier.verify(summary, tried, RequestFramer::parse(tried), nullptr, false);
        if (!verdict)
            return raw;
        if (verdict->reason == Verdict::Reason::MissingSignatureHeader ||
            verdict->reason == Verdict::Reason::MalformedSignatureHeader ||
            verdict->reason == Verdict::Reason::MissingTimestamp ||
            verdict->reason == Verdict::Reason::NoSecret)
            return raw; // no layout can change that
        if (verdict->matchedSecret >= 0) {
            *layout = candidate.name;
            return tried;
        }
    }
    return raw;
}
