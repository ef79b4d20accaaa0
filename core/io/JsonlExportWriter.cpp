#include "core/io/JsonlExportWriter.h"

#include "core/io/CaptureJson.h"

#include <QIODevice>
#include <QJsonArray>

bool JsonlExportWriter::begin(QIODevice *out)
{
    m_out = out;
    return true;
}

bool JsonlExportWriter::write(const ExportItem &item)
{
    QJsonObject line = CaptureJson::exportLine(item.capture);
    if (!item.origin.isEmpty())
        line.insert("origin", CaptureJson::origin(item.origin));
    if (!item.redacted.isEmpty())
        line.insert("redacted", QJsonArray::fromStringList(item.redacted));
    if (!item.mark.note.isEmpty())
        line.insert("note", item.mark.note);
    if (item.mark.bookmarked)
        line.insert("bookmarked", true);
    const QByteArray bytes = CaptureJson::compact(line);
    if (m_out->write(bytes) != bytes.size())
        return fail(QStringLiteral("Cannot write the export: %1").arg(m_out->errorString()));
    return true;
}
