#include "core/io/HarImportShape.h"

#include "core/io/HarEntryReader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

HarImportShape::HarImportShape() : m_entries({"log", "entries"}) {}

bool HarImportShape::detect(const QByteArray &head) const
{
    static const QRegularExpression re(QStringLiteral("^(\\x{FEFF})?\\s*\\{\\s*\"log\"\\s*:"));
    return re.match(QString::fromUtf8(head.left(4096))).hasMatch();
}

void HarImportShape::start(QIODevice *input, const QString &)
{
    m_entries.start(input);
    m_index = 0;
    m_error.clear();
}

ImportShape::Next HarImportShape::next(ImportedRequest *request)
{
    QByteArray text;
    qint64 line = 0;
    switch (m_entries.next(&text, &line)) {
    case JsonArrayStream::Next::End:
        return Next::End;
    case JsonArrayStream::Next::Failed:
        return fail(m_entries.errorString());
    case JsonArrayStream::Next::Element:
        break;
    }
    const qint64 index = m_index++;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qint64 at = line + text.left(parseError.offset).count('\n');
        return fail(QStringLiteral("entry %1 (line %2): %3")
                        .arg(index)
                        .arg(at)
                        .arg(parseError.errorString()));
    }
    *request = ImportedRequest();
    request->entry = index;
    request->line = line;
    QString why;
    if (!HarEntryReader::read(doc.object(), request, &why))
        return fail(QStringLiteral("entry %1 (line %2): %3").arg(index).arg(line).arg(why));
    return Next::Request;
}
