#pragma once

#include "core/io/ImportShape.h"

// Hookbench's own `export --format jsonl`: one capture per line, its exact bytes in raw_base64.
class JsonlImportShape : public ImportShape
{
public:
    QString name() const override { return QStringLiteral("jsonl"); }
    bool detect(const QByteArray &head) const override;
    void start(QIODevice *input, const QString &source) override;
    Next next(ImportedRequest *request) override;

private:
    QIODevice *m_input = nullptr;
    qint64 m_line = 0;
    qint64 m_index = 0;
};
