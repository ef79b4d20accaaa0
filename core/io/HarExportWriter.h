#pragma once

#include "core/io/ExportFormatWriter.h"

#include <QString>

// `--format har`: HAR 1.2, one entry per capture, written entry by entry (the body in slices).
// Headers keep their order, case and duplicates. The body is the exact message body (transfer
// framing removed, content encoding kept) in postData.text, or base64 with "encoding": "base64"
// when it is not valid UTF-8: the field HAR 1.2 defines for response content, which Chrome,
// Firefox and har-validator (no additionalProperties) accept on postData too. The `_hookbench`
// object (HAR's custom-field convention) carries the capture id, endpoint, provider, verdict,
// peer, the exact request target and head (head_base64), so that Hookbench imports its own
// HAR byte for byte; a capture that did not frame cleanly also carries raw_base64.
class HarExportWriter : public ExportFormatWriter
{
public:
    explicit HarExportWriter(QString creatorVersion, bool redacted = false);
    bool begin(QIODevice *out) override;
    bool write(const ExportItem &item) override;
    bool finish() override;

    // http://HOST/target for the HAR's url (HOST from the Host header, else "localhost"); bytes
    // outside printable ASCII are percent-encoded.
    static QByteArray urlOf(const QByteArray &target, const QByteArray &host);

private:
    bool put(const QByteArray &bytes);

    QString m_creatorVersion;
    bool m_redacted;
    QIODevice *m_out = nullptr;
    qint64 m_entries = 0;
};
