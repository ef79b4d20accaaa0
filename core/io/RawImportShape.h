#pragma once

#include "core/http/RequestFramer.h"
#include "core/io/ImportShape.h"

// Raw request files (CONTRACT.md): the exact bytes of HTTP/1.1 requests, one or several back to
// back (as `export --format raw` writes them), framed by the listener's own framer.
class RawImportShape : public ImportShape
{
public:
    QString name() const override { return QStringLiteral("raw"); }
    bool detect(const QByteArray &head) const override;
    void start(QIODevice *input, const QString &source) override;
    Next next(ImportedRequest *request) override;

private:
    QIODevice *m_input = nullptr;
    QByteArray m_buf;
    qint64 m_offset = 0; // of m_buf's first byte in the input
    qint64 m_line = 1;   // of m_buf's first byte
    qint64 m_index = 0;
};
