#include "core/io/JsonlImportShape.h"

#include "core/io/HarEntryReader.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

bool JsonlImportShape::detect(const QByteArray &head) const
{
    const QByteArray first = head.left(head.indexOf('\n')).trimmed();
    return first.startsWith('{') && first.contains("\"raw_base64\"");
}

void JsonlImportShape::start(QIODevice *input, const QString &)
{
    m_input = input;
    m_line = 0;
    m_index = 0;
    m_error.clear();
}

ImportShape::Next JsonlImportShape::next(ImportedRequest *request)
{
    for (;;) {
        if (m_input->atEnd())
            return Next::End;
        const QByteArray text = m_input->readLine().trimmed();
        ++m_line;
        if (text.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonObject o = QJsonDocument::fromJson(text, &parseError).object();
        if (parseError.error != QJsonParseError::NoError)
            return fail(QStringLiteral("line %1: %2 (at column %3)")
                            .arg(m_line)
                            .arg(parseError.errorString())
                            .arg(parseError.offset + 1));
        const auto raw = QByteArray::fromBase64Encoding(o.value("raw_base64").toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
        if (!o.value("raw_base64").isString() || !raw)
            return fail(QStringLiteral("line %1: raw_base64 is missing or not base64").arg(m_line));
        *request = ImportedRequest();
        request->raw = raw.decoded;
        request->receivedAtUs = HarEntryReader::parseTime(o.value("received_at").toString());
        request->peer = o.value("peer").toString();
        request->entry = m_index++;
        request->line = m_line;
        return Next::Request;
    }
}
