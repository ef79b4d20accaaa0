#pragma once

#include "core/io/AwsEventMapper.h"
#include "core/io/ImportShape.h"
#include "core/io/JsonValueStream.h"

#include <QList>

// An import shape for one kind of AWS event (AwsEventMapper::Kind), read from a file holding
// one event, events one per line, or a JSON array of them. A subclass names its kind.
class AwsEventImportShape : public ImportShape
{
public:
    explicit AwsEventImportShape(AwsEventMapper::Kind kind) : m_kind(kind) {}
    QString name() const override { return AwsEventMapper::name(m_kind); }
    bool detect(const QByteArray &head) const override;
    void start(QIODevice *input, const QString &source) override;
    Next next(ImportedRequest *request) override;

private:
    AwsEventMapper::Kind m_kind;
    JsonValueStream m_events;
    QList<ImportedRequest> m_pending; // the rest of an event that carries several requests
    qint64 m_index = 0;
};
