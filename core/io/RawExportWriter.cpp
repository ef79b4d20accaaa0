#include "core/io/RawExportWriter.h"

#include <QIODevice>

bool RawExportWriter::begin(QIODevice *out)
{
    m_out = out;
    return true;
}

bool RawExportWriter::write(const ExportItem &item)
{
    const QByteArray &raw = item.capture.raw;
    if (m_out->write(raw) != raw.size())
        return fail(QStringLiteral("Cannot write the export: %1").arg(m_out->errorString()));
    return true;
}
