#include "core/io/CaptureExporter.h"

#include "core/http/RequestFramer.h"
#include "core/io/CaptureRedactor.h"
#include "core/io/CurlExportWriter.h"
#include "core/io/HarExportWriter.h"
#include "core/io/JsonlExportWriter.h"
#include "core/io/RawExportWriter.h"
#include "core/store/CaptureMarks.h"
#include "core/store/CaptureStore.h"

#include <QIODevice>
#include <memory>

namespace {

std::unique_ptr<ExportFormatWriter> writerFor(const CaptureExporter::Options &o)
{
    const bool redacted = o.redactor != nullptr;
    switch (o.format) {
    case CaptureExporter::Format::Raw:
        return std::make_unique<RawExportWriter>();
    case CaptureExporter::Format::Jsonl:
        return std::make_unique<JsonlExportWriter>();
    case CaptureExporter::Format::Har:
        return std::make_unique<HarExportWriter>(o.creatorVersion, redacted);
    case CaptureExporter::Format::Curl:
        return std::make_unique<CurlExportWriter>(o.bodyDir, o.bodyDirFromScript, redacted);
    }
    return nullptr;
}

} // namespace

bool CaptureExporter::parseFormat(const QString &name, Format *format)
{
    if (name == QLatin1String("raw"))
        *format = Format::Raw;
    else if (name == QLatin1String("jsonl"))
        *format = Format::Jsonl;
    else if (name == QLatin1String("har"))
        *format = Format::Har;
    else if (name == QLatin1String("curl"))
        *format = Format::Curl;
    else
        return false;
    return true;
}

QString CaptureExporter::formatNames()
{
    return QStringLiteral("har, jsonl, raw or curl");
}

bool CaptureExporter::write(const CaptureStore &store, const Options &options, QIODevice *out,
                            QString *error, qint64 *redactedCount)
{
    const QVector<qint64> all =
        options.ids.isEmpty() && !options.onlyIds ? store.ids() : options.ids;
    std::unique_ptr<ExportFormatWriter> writer = writerFor(options);
    if (redactedCount)
        *redactedCount = 0;
    if (!writer->begin(out)) {
        *error = writer->errorString();
        return false;
    }
    for (qsizetype i = 0; i < all.size(); ++i) {
        const qint64 id = all.at(i);
        std::optional<Capture> capture = store.capture(id);
        if (!capture) {
            *error = store.errorString().contains(QString::number(id))
                         ? store.errorString()
                         : QStringLiteral("No capture with id %1 in %2").arg(id).arg(store.path());
            return false;
        }
        ExportItem item;
        item.capture = std::move(*capture);
        item.capture.summary.verdictJson = store.verdictJson(id);
        item.capture.parsed = RequestFramer::parse(item.capture.raw);
        item.origin = store.origin(id);
        item.mark = CaptureMarks(store).mark(id);
        if (options.redactor) {
            const QByteArray redacted =
                options.redactor->redact(item.capture.raw, item.capture.parsed, &item.redacted);
            if (!item.redacted.isEmpty()) {
                item.capture.raw = redacted;
                item.capture.parsed = RequestFramer::parse(redacted);
                item.capture.summary.rawSize = redacted.size();
                item.capture.summary.bodySize = item.capture.parsed.bodySize();
                if (redactedCount)
                    ++*redactedCount;
            }
        }
        if (!writer->write(item)) {
            *error = writer->errorString();
            return false;
        }
        if (options.progress && !options.progress(i + 1, all.size())) {
            *error = QStringLiteral("Export cancelled after %1 of %2 captures")
                         .arg(i + 1)
                         .arg(all.size());
            return false;
        }
    }
    if (!writer->finish()) {
        *error = writer->errorString();
        return false;
    }
    return true;
}
