#pragma once

#include "core/io/ExportFormatWriter.h"

#include <QString>

// `--format curl`: a POSIX shell script of one curl command per capture that sends its exact
// bytes again: the method and target as sent (--path-as-is), every header in order with its
// case and duplicates (curl's own Host, User-Agent, Accept, Content-Type and Expect are
// removed when the capture did not have them), HTTP/1.1, and the body as sent (content
// encoding kept) through --data-binary: inline when it is short printable text, else from a
// file in `bodyDir`. What curl cannot reproduce (spacing inside a header line, chunk sizes) is
// said in a comment above the command. The script takes the base URL as its first argument.
class CurlExportWriter : public ExportFormatWriter
{
public:
    // `bodyDir`: where body files go; `bodyDirFromScript`: how the script names that folder
    // relative to its own location. Without them a body that needs a file is an error.
    CurlExportWriter(QString bodyDir, QString bodyDirFromScript, bool redacted = false);
    // Standalone commands (for the clipboard): no script header, the URL written out (`baseUrl`
    // followed by the capture's target) and body files named by their absolute paths.
    void setBaseUrl(const QByteArray &baseUrl) { m_baseUrl = baseUrl; }
    bool begin(QIODevice *out) override;
    bool write(const ExportItem &item) override;
    bool finish() override { return true; }

    static QByteArray shellQuoted(const QByteArray &bytes); // 'it'\''s'
    // Whether a body can be given inline on the command line (short printable UTF-8 text).
    static bool inlineable(const QByteArray &body);

private:
    bool put(const QByteArray &bytes);
    QByteArray bodyArgument(const ExportItem &item, const QByteArray &body);

    QString m_bodyDir;
    QString m_bodyDirFromScript;
    bool m_redacted;
    QByteArray m_baseUrl; // standalone when set
    QIODevice *m_out = nullptr;
};
