#include "core/forward/EventBridgeInputBuilder.h"

#include "core/capture/ContentDecoder.h"
#include "core/http/RequestFramer.h"

#include <QJsonDocument>

bool EventBridgeInputBuilder::build(const Capture &capture, const QByteArray &verdictJson,
                                    EventBridgeInput *in, QString *error)
{
    const ParsedRequest parsed = RequestFramer::parse(capture.raw);
    if (parsed.hasError() && parsed.headerSectionEnd < 0) {
        *error = QStringLiteral("the request does not frame: %1").arg(parsed.error);
        return false;
    }
    in->method = parsed.method;
    in->target = parsed.target;
    in->headers.clear();
    for (const HeaderField &h : parsed.headers)
        in->headers.append({h.name, h.value});
    const ContentDecoder::Result body =
        ContentDecoder::decode(parsed.body(capture.raw), parsed.header("Content-Encoding"));
    if (!body.ok) {
        *error = QStringLiteral("the body cannot be decoded: %1").arg(body.error);
        return false;
    }
    in->body = body.data;
    const QJsonDocument verdict = QJsonDocument::fromJson(verdictJson);
    in->verdict = verdict.isObject() ? std::optional<QJsonObject>(verdict.object()) : std::nullopt;
    in->receivedAt = QDateTime::fromMSecsSinceEpoch(capture.summary.receivedAtUs / 1000, Qt::UTC);
    return true;
}
