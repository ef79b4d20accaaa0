#include "core/io/CaptureExporter.h"

#include "core/io/CaptureJson.h"
#include "core/store/CaptureStore.h"

#include <QIODevice>

bool CaptureExporter::parseFormat(const QString &name, Format *format)
{
    if (name == QLatin1String("raw"))
        *format = Format::Raw;
    else if (name == QLatin1String("jsonl"))
        *format = Format::Jsonl;
    else
        return false;
    return true;
}

bool CaptureExporter::write(const CaptureStore &store, Format format, const QVector<qint64> &ids,
                            QIODevice *out, QString *error)
{
    const QVector<qint64> all = ids.isEmpty() ? store.ids() : ids;
    for (qint64 id : all) {
        std::optional<Capture> capture = store.capture(id);
        if (!capture) {
            *error = QStringLiteral("No capture with id %1 in %2").arg(id).arg(store.path());
            return false;
        }
        capture->summary.verdictJson = store.verdictJson(id);
        const QByteArray bytes = format == Format::Raw
                                     ? capture->raw
                                     : CaptureJson::compact(CaptureJson::exportLine(*capture));
        if (out->write(bytes) != bytes.size()) {
            *error = QStringLiteral("Cannot write the export: %1").arg(out->errorString());
            return false;
        }
    }
    return true;
}
