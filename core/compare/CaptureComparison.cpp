#include "core/compare/CaptureComparison.h"

#include "core/capture/ContentDecoder.h"

namespace {

bool looksLikeJson(const ParsedRequest &parsed, const QByteArray &body)
{
    if (parsed.header("Content-Type").toLower().contains("json"))
        return true;
    for (const char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

// The body as JSON parsers see it: Content-Encoding undone when possible.
QByteArray decoded(const ParsedRequest &parsed, const QByteArray &body, bool *didDecode)
{
    const QByteArray encoding = parsed.header("Content-Encoding");
    if (encoding.isEmpty())
        return body;
    const ContentDecoder::Result result = ContentDecoder::decode(body, encoding);
    if (!result.ok || !result.decoded)
        return body;
    *didDecode = true;
    return result.data;
}

QString requestLine(const Capture &c)
{
    return QString::fromLatin1(c.parsed.method + ' ' + c.parsed.target);
}

} // namespace

CaptureComparison CaptureComparison::compare(const Capture &left, const Capture &right,
                                             const std::atomic<bool> *cancel)
{
    CaptureComparison out;
    const auto stop = [&] { return (out.m_cancelled = cancel && *cancel); };
    out.m_headers = HeaderDiff::compare(left.parsed.headers, right.parsed.headers);
    out.m_leftBody = left.parsed.body(left.raw);
    out.m_rightBody = right.parsed.body(right.raw);
    if (stop())
        return out;
    out.m_body = ByteDiff::compare(out.m_leftBody, out.m_rightBody);
    if (stop())
        return out;
    if (looksLikeJson(left.parsed, out.m_leftBody) ||
        looksLikeJson(right.parsed, out.m_rightBody)) {
        const QByteArray l = decoded(left.parsed, out.m_leftBody, &out.m_jsonDecoded);
        const QByteArray r = decoded(right.parsed, out.m_rightBody, &out.m_jsonDecoded);
        out.m_json = JsonDiff::compare(l, r, cancel);
        if (out.m_json->cancelled())
            out.m_cancelled = true;
    }
    if (left.parsed.method != right.parsed.method || left.parsed.target != right.parsed.target)
        out.m_requestLine = requestLine(left) + QStringLiteral(" → ") + requestLine(right);
    return out;
}
