#pragma once

#include "core/io/CaptureExporter.h"
#include "core/pipeline/CaptureContext.h"

#include <QObject>
#include <QThreadPool>
#include <QVector>
#include <atomic>

// Exports captures of a store on a worker thread, with a read-only connection of its own, in
// one of `hookbench-cli export`'s formats (CaptureExporter, the same code) or as raw request
// files into a folder (<id>.http each). Everything is written to a temporary file or folder
// beside the target and renamed into place at the end (ExportTarget), so a cancelled or failed
// export leaves no partial file. Redaction uses the secrets of the context given, in memory
// only.
class ExportJob : public QObject
{
    Q_OBJECT
public:
    enum class Format
    {
        Har,
        Jsonl,
        RawFolder, // one file per capture, the exact bytes
        Curl       // a shell script; bodies that need a file go in TARGET.bodies
    };
    struct Request
    {
        QString storePath;
        Format format = Format::Har;
        QVector<qint64> ids; // exported in ascending order
        bool all = false;    // every capture of the store (ids ignored)
        QString target;      // a file, or the folder for RawFolder
        // Set: signature and credential headers and these secrets replaced by [redacted], as
        // `export --redact-secrets` does.
        CaptureContext::Snapshot redactWith;
    };
    struct Outcome
    {
        qint64 exported = 0;
        qint64 total = 0;
        qint64 redacted = 0; // captures with something redacted
        QString target;      // what was written (empty when nothing was)
        QString error;       // empty when done or cancelled
        bool cancelled = false;
    };

    explicit ExportJob(QObject *parent = nullptr);
    ~ExportJob() override; // cancels and waits

    void start(const Request &request);
    void cancel() { m_cancel = true; }
    bool isRunning() const { return m_running; }
    void waitForDone() { m_pool.waitForDone(); } // for tests

    // Runs an export on the calling thread; `progress` returning false cancels.
    static Outcome run(const Request &request,
                       const std::function<bool(qint64 done, qint64 total)> &progress);

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(const ExportJob::Outcome &outcome);

private:
    QThreadPool m_pool;
    std::atomic<bool> m_cancel{false};
    bool m_running = false;
};

Q_DECLARE_METATYPE(ExportJob::Outcome)
