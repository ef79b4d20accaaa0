#pragma once

#include "core/capture/Capture.h"
#include "core/compare/ByteDiff.h"
#include "core/compare/HeaderDiff.h"
#include "core/compare/JsonDiff.h"

#include <optional>

// Two framed captures compared: their headers as sent, their bodies as bytes (transfer framing
// removed, content encoding kept: the bytes a signature covers) and, when either is JSON, as JSON
// (after undoing a Content-Encoding). The work is linear in the bodies but for bounded
// alignments, so it runs off the GUI thread.
class CaptureComparison
{
public:
    // Both captures must be framed (parsed filled in, e.g. by RequestFramer::parse). `cancel`,
    // when set from another thread, stops the work at the next check (between the steps, and
    // every few thousand values of the JSON comparison): cancelled() then says so.
    static CaptureComparison compare(const Capture &left, const Capture &right,
                                     const std::atomic<bool> *cancel = nullptr);
    bool cancelled() const { return m_cancelled; }

    const HeaderDiff &headers() const { return m_headers; }
    const ByteDiff &body() const { return m_body; }
    // Set when either body is JSON (by its content type or its first byte).
    const std::optional<JsonDiff> &json() const { return m_json; }
    // True when a Content-Encoding was undone for the JSON: its spans are then not body offsets.
    bool jsonDecoded() const { return m_jsonDecoded; }
    QByteArray leftBody() const { return m_leftBody; }
    QByteArray rightBody() const { return m_rightBody; }
    // The request lines, when they differ: "POST /a → PUT /b"; empty when the same.
    QString requestLineChange() const { return m_requestLine; }

private:
    HeaderDiff m_headers;
    ByteDiff m_body;
    std::optional<JsonDiff> m_json;
    QByteArray m_leftBody;
    QByteArray m_rightBody;
    QString m_requestLine;
    bool m_jsonDecoded = false;
    bool m_cancelled = false;
};
