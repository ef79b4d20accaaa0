#pragma once

#include "core/store/CaptureFilter.h"
#include "core/store/CaptureQuery.h"

#include <QObject>
#include <QThread>
#include <memory>

class CaptureSearch;

// Runs filter queries (CaptureSearch) on a worker thread of its own, so applying one never blocks
// the window. A newer query cancels the one running (sqlite3_interrupt) and only the newest
// answer is reported.
class QueryRunner : public QObject
{
    Q_OBJECT
public:
    explicit QueryRunner(QObject *parent = nullptr);
    ~QueryRunner() override;

    void setStorePath(const QString &path);
    // `context.fromId` > 0: only the captures from that id on (new ones, appended by the caller).
    void run(const CaptureQuery &query, const CaptureFilter &filter,
             const CaptureQuery::Context &context);
    void cancel(); // the running query ends; nothing is reported for it
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const QVector<qint64> &ids, qint64 fromId, qint64 indexedUpTo, qint64 latestId);
    void failed(const QString &error);

private:
    QThread m_thread;
    QObject *m_worker; // lives on m_thread
    std::shared_ptr<CaptureSearch> m_search;
    QString m_storePath;
    quint64 m_generation = 0;
    bool m_running = false;
};
