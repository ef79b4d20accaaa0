#pragma once

#include "core/capture/Durability.h"
#include "core/pipeline/CaptureContext.h"
#include "core/pipeline/CaptureImporter.h"

#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <atomic>
#include <memory>

// Imports files (HAR, raw requests, JSONL and the AWS shapes, each detected) into a store on a
// worker thread, verified with the session's endpoints and secrets as captures are, and never
// forwarded. Given the session's writer, the captures go through it in small batches beside the
// live ones (CaptureImporter::attach); else through a writer of the job's own. Progress is
// reported as requests are read; cancel() stops after the request being stored, and every
// capture stored so far stays whole (each is committed whole, with its origin).
class ImportJob : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        CaptureImporter::Stats stats;
        QStringList shapes; // "file.har: har", per file read
        QString error;      // empty when every file was imported (or the job was cancelled)
        bool cancelled = false;
    };

    explicit ImportJob(QObject *parent = nullptr);
    ~ImportJob() override; // cancels and waits

    // Whether `path` is a capture store to open rather than a file to import: an SQLite file, or
    // nothing yet (a new store).
    static bool isStoreFile(const QString &path);

    // `writer`: the one writing `storePath` already (CaptureSession::writer()); it must outlive
    // the job. Null: the job opens the store and writes with its own (no session).
    void start(const QStringList &files, const QString &storePath, Durability durability,
               CaptureContext::Snapshot context, StoreWriter *writer = nullptr);
    void cancel() { m_cancel = true; }
    bool isRunning() const { return m_running; }
    void waitForDone() { m_pool.waitForDone(); } // for tests

Q_SIGNALS:
    void progress(const QString &file, qint64 read);
    void finished(const ImportJob::Outcome &outcome);

private:
    static Outcome run(const QStringList &files, const QString &storePath, Durability durability,
                       const CaptureContext::Snapshot &context, StoreWriter *writer,
                       std::atomic<bool> *cancel, ImportJob *receiver);

    QThreadPool m_pool;
    std::atomic<bool> m_cancel{false};
    bool m_running = false;
};

Q_DECLARE_METATYPE(ImportJob::Outcome)
