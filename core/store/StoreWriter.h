#pragma once

#include "NewCapture.h"

#include <QList>
#include <QObject>
#include <functional>

class CaptureStore;

// Group commit: captures handed in during one event-loop turn are written in one transaction,
// and each caller hears back only after that transaction has committed.
class StoreWriter : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const CaptureSummary &stored, bool ok)>;

    explicit StoreWriter(CaptureStore *store, QObject *parent = nullptr);
    void enqueue(NewCapture capture, Done done);

Q_SIGNALS:
    void stored(const CaptureSummary &summary);
    void failed(const QString &error);

private:
    void flush();

    CaptureStore *m_store;
    QList<NewCapture> m_pending;
    QList<Done> m_done;
    bool m_scheduled = false;
};
