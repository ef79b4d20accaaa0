#include "ui/io/ImportJob.h"

#include "core/io/ImportShapes.h"

#include <QFile>
#include <QFileInfo>

ImportJob::ImportJob(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

ImportJob::~ImportJob()
{
    m_cancel = true;
    m_pool.waitForDone();
}

bool ImportJob::isStoreFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return true;
    return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3\0", 16);
}

void ImportJob::start(const QStringList &files, const QString &storePath, Durability durability,
                      CaptureContext::Snapshot context, StoreWriter *writer)
{
    m_cancel = false;
    m_running = true;
    m_pool.start([this, files, storePath, durability, context, writer] {
        const Outcome outcome = run(files, storePath, durability, context, writer, &m_cancel, this);
        QMetaObject::invokeMethod(this, [this, outcome] {
            m_running = false;
            Q_EMIT finished(outcome);
        });
    });
}

ImportJob::Outcome ImportJob::run(const QStringList &files, const QString &storePath,
                                  Durability durability, const CaptureContext::Snapshot &context,
                                  StoreWriter *writer, std::atomic<bool> *cancel,
                                  ImportJob *receiver)
{
    Outcome out;
    // every file is opened and its shape found before anything is stored
    std::vector<std::pair<std::unique_ptr<QFile>, std::unique_ptr<ImportShape>>> inputs;
    for (const QString &name : files) {
        auto file = std::make_unique<QFile>(name);
        if (!file->open(QIODevice::ReadOnly)) {
            out.error = tr("Cannot read %1: %2").arg(name, file->errorString());
            return out;
        }
        std::unique_ptr<ImportShape> shape =
            ImportShapes::detect(file->peek(ImportShapes::DetectBytes));
        if (!shape) {
            out.error = tr("%1 is not a file Hookbench imports (%2)")
                            .arg(name, ImportShapes::names().join(QStringLiteral(", ")));
            return out;
        }
        out.shapes.append(QStringLiteral("%1: %2").arg(QFileInfo(name).fileName(), shape->name()));
        inputs.emplace_back(std::move(file), std::move(shape));
    }
    CaptureImporter importer(context);
    QString error;
    if (writer) {
        importer.attach(writer, storePath); // beside the live captures, in small batches
    } else if (!importer.open(storePath, durability, &error)) {
        out.error = error;
        return out;
    }
    for (auto &[file, shape] : inputs) {
        const QString name = file->fileName();
        shape->start(file.get(), name);
        const CaptureImporter::Result result = importer.run(*shape, name, &error, [&](qint64 read) {
            if (read % 64 == 0)
                QMetaObject::invokeMethod(
                    receiver, [receiver, name, read] { Q_EMIT receiver->progress(name, read); });
            return !*cancel;
        });
        if (result == CaptureImporter::Result::Cancelled) {
            out.cancelled = true;
            break;
        }
        if (result != CaptureImporter::Result::Done) {
            out.error = result == CaptureImporter::Result::InputError
                            ? QStringLiteral("%1: %2").arg(name, error)
                            : error;
            break;
        }
    }
    QString stored;
    if (!importer.finish(&stored) && out.error.isEmpty())
        out.error = stored;
    out.stats = importer.stats();
    return out;
}
