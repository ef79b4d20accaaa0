#include "ui/io/ExportJob.h"

#include "core/Version.h"
#include "core/io/CaptureRedactor.h"
#include "core/store/CaptureStore.h"
#include "ui/io/ExportTarget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>

namespace {

CaptureExporter::Format coreFormat(ExportJob::Format format)
{
    switch (format) {
    case ExportJob::Format::Har:
        return CaptureExporter::Format::Har;
    case ExportJob::Format::Jsonl:
        return CaptureExporter::Format::Jsonl;
    case ExportJob::Format::RawFolder:
        return CaptureExporter::Format::Raw;
    case ExportJob::Format::Curl:
        return CaptureExporter::Format::Curl;
    }
    return CaptureExporter::Format::Har;
}

// The redactor of `export --redact-secrets`, with the secrets the app holds (never written).
CaptureRedactor redactorFor(const CaptureVerifier &context)
{
    QList<QByteArray> values;
    const CaptureVerifier::Secrets &secrets = context.secrets();
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        for (const SigningSecret &s : it.value())
            values.append(s.value);
    }
    CaptureRedactor redactor(context.config(), values);
    for (QByteArray &v : values)
        SigningSecret::wipe(v);
    return redactor;
}

// Raw request files, <id>.http each, into the target's temporary folder.
bool writeFolder(const CaptureStore &store, const CaptureExporter::Options &base,
                 const QString &folder, ExportJob::Outcome *out)
{
    const QVector<qint64> ids = base.onlyIds ? base.ids : store.ids();
    out->total = ids.size();
    CaptureExporter::Options one = base;
    one.onlyIds = true;
    one.progress = nullptr;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        QFile file(QDir(folder).filePath(QString::number(ids.at(i)) + QLatin1String(".http")));
        if (!file.open(QIODevice::WriteOnly)) {
            out->error =
                QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        one.ids = {ids.at(i)};
        qint64 redacted = 0;
        if (!CaptureExporter::write(store, one, &file, &out->error, &redacted))
            return false;
        out->redacted += redacted;
        out->exported = i + 1;
        if (base.progress && !base.progress(i + 1, ids.size())) {
            out->cancelled = true;
            return false;
        }
    }
    return true;
}

} // namespace

ExportJob::ExportJob(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

ExportJob::~ExportJob()
{
    m_cancel = true;
    m_pool.waitForDone();
}

void ExportJob::start(const Request &request)
{
    m_cancel = false;
    m_running = true;
    m_pool.start([this, request] {
        qint64 reported = -1;
        const Outcome outcome = run(request, [this, &reported](qint64 done, qint64 total) {
            if (done == total || done - reported >= 64) { // a few signals, not one a capture
                reported = done;
                QMetaObject::invokeMethod(this,
                                          [this, done, total] { Q_EMIT progress(done, total); });
            }
            return !m_cancel;
        });
        QMetaObject::invokeMethod(this, [this, outcome] {
            m_running = false;
            Q_EMIT finished(outcome);
        });
    });
}

ExportJob::Outcome ExportJob::run(const Request &request,
                                  const std::function<bool(qint64, qint64)> &progress)
{
    Outcome out;
    CaptureStore store; // read only: an export never writes the store it reads
    if (!store.openReadOnly(request.storePath)) {
        out.error = store.errorString();
        return out;
    }
    CaptureExporter::Options options;
    options.format = coreFormat(request.format);
    options.ids = request.ids;
    std::sort(options.ids.begin(), options.ids.end());
    options.onlyIds = !request.all;
    options.creatorVersion = QStringLiteral(HOOKBENCH_VERSION);
    CaptureRedactor redactor;
    if (request.redactWith) {
        redactor = redactorFor(*request.redactWith);
        options.redactor = &redactor;
    }
    bool stopped = false;
    options.progress = [&](qint64 done, qint64 total) {
        out.exported = done;
        out.total = total;
        stopped = progress && !progress(done, total);
        return !stopped;
    };

    const bool folder = request.format == Format::RawFolder;
    ExportTarget target(request.target,
                        folder ? ExportTarget::Kind::Folder : ExportTarget::Kind::File);
    ExportTarget bodies(request.target + QLatin1String(".bodies"), ExportTarget::Kind::Folder);
    if (!target.open(&out.error))
        return out;
    if (request.format == Format::Curl) {
        if (!bodies.open(&out.error))
            return out;
        options.bodyDir = bodies.folder();
        options.bodyDirFromScript = QFileInfo(bodies.path()).fileName();
    }
    bool ok;
    if (folder) {
        ok = writeFolder(store, options, target.folder(), &out);
    } else {
        if (options.onlyIds)
            out.total = options.ids.size();
        ok = CaptureExporter::write(store, options, target.device(), &out.error, &out.redacted);
        out.cancelled = stopped;
    }
    if (out.cancelled) {
        out.error.clear();
        return out; // the temporary file or folder goes with `target`
    }
    if (!ok)
        return out;
    if (request.format == Format::Curl && !bodies.commit(&out.error))
        return out;
    if (target.commit(&out.error))
        out.target = request.target;
    return out;
}
