#pragma once

#include "core/io/ImportShape.h"
#include "core/io/JsonArrayStream.h"

// HAR 1.2 (browsers, proxies, Hookbench's own export): each entry of log.entries becomes one
// request (HarEntryReader), read one entry at a time (JsonArrayStream).
class HarImportShape : public ImportShape
{
public:
    HarImportShape();
    QString name() const override { return QStringLiteral("har"); }
    bool detect(const QByteArray &head) const override;
    void start(QIODevice *input, const QString &source) override;
    Next next(ImportedRequest *request) override;

private:
    JsonArrayStream m_entries;
    qint64 m_index = 0;
};
