#pragma once

#include "core/capture/Capture.h"
#include "core/compare/CaptureComparison.h"

#include <QObject>
#include <QThreadPool>
#include <atomic>
#include <memory>

class CaptureStore;

// Reads two captures from the store and compares them on a worker thread (two 50 MB bodies must
// not freeze the window), finding "the previous one" first when asked to; results come back on
// the GUI thread. Requests run one at a time, in order.
class CompareLoader : public QObject
{
    Q_OBJECT
public:
    enum class Previous
    {
        Delivery, // the latest earlier capture with the same delivery id (the same event)
        Endpoint  // the latest earlier capture on the same endpoint
    };
    struct Result
    {
        Capture left; // the earlier one when found as "previous"
        Capture right;
        CaptureComparison comparison;
    };

    explicit CompareLoader(QObject *parent = nullptr);
    ~CompareLoader() override;

    void setStorePath(const QString &path);
    QString storePath() const { return m_storePath; }
    void compare(qint64 leftId, qint64 rightId);
    void compareWithPrevious(qint64 id, Previous previous);
    // Stops the comparisons asked for so far (the one running stops at its next check);
    // cancelled() follows for each instead of compared() or failed().
    void cancel();
    bool isBusy() const { return m_pending > 0; }
    void waitForIdle() { m_pool.waitForDone(); } // for tests

Q_SIGNALS:
    void compared(std::shared_ptr<const CompareLoader::Result> result);
    // Nothing to compare (no earlier capture, a capture not stored, no store), said in a sentence.
    void failed(const QString &message);
    void cancelled();

private:
    void run(qint64 leftId, qint64 rightId, std::optional<Previous> previous);

    QThreadPool m_pool;
    QString m_storePath;
    std::shared_ptr<CaptureStore> m_store; // used by one job at a time (the pool has one thread)
    // The flag of the requests made since the last cancel(); each job keeps the one it was given.
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    int m_pending = 0; // requests not answered yet
};
