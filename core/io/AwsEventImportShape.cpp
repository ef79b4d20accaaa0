#include "core/io/AwsEventImportShape.h"

#include "core/io/JsonObjectText.h"

bool AwsEventImportShape::detect(const QByteArray &head) const
{
    return AwsEventMapper::classify(JsonObjectText::leadingKeys(head)) == m_kind;
}

void AwsEventImportShape::start(QIODevice *input, const QString &)
{
    m_events.start(input);
    m_pending.clear();
    m_index = 0;
    m_error.clear();
}

ImportShape::Next AwsEventImportShape::next(ImportedRequest *request)
{
    while (m_pending.isEmpty()) {
        QByteArray text;
        qint64 line = 0;
        switch (m_events.next(&text, &line)) {
        case JsonValueStream::Next::End:
            return Next::End;
        case JsonValueStream::Next::Failed:
            return fail(m_events.errorString());
        case JsonValueStream::Next::Object:
            break;
        }
        QList<ImportedRequest> requests;
        QString why;
        if (!AwsEventMapper::map(m_kind, text, &requests, &why))
            return fail(QStringLiteral("event at line %1: %2").arg(line).arg(why));
        for (ImportedRequest &r : requests)
            r.line = line;
        m_pending = requests;
    }
    *request = m_pending.takeFirst();
    request->entry = m_index++;
    return Next::Request;
}
