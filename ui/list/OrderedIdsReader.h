#pragma once

#include "core/store/CaptureFilter.h"
#include "core/store/CaptureOrder.h"

#include <QObject>
#include <QThreadPool>
#include <QVector>
#include <atomic>

// Reads the ids of the captures that pass a filter in a sort order (CaptureStore::ids, from
// the order's index) on a worker thread with its own read-only connection, so sorting a million
// captures never blocks the GUI thread. A new read() supersedes the one in flight: only the
// latest read's result is delivered.
class OrderedIdsReader : public QObject
{
    Q_OBJECT
public:
    explicit OrderedIdsReader(QObject *parent = nullptr);
    ~OrderedIdsReader() override;

    void read(const QString &storePath, const CaptureFilter &filter, const CaptureOrder &order);
    void cancel(); // nothing in flight is delivered
    bool isReading() const { return m_reading; }

Q_SIGNALS:
    // `lastId`: the highest id stored when the ids were read (live captures after it are not
    // in `ids`). An empty `error` on success.
    void ready(const QVector<qint64> &ids, qint64 lastId, const QString &error);

private:
    QThreadPool m_pool;
    std::atomic<quint64> m_generation{0};
    bool m_reading = false;
};
