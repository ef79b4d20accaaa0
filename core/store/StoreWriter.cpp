#include "StoreWriter.h"

#include "CaptureStore.h"

StoreWriter::StoreWriter(CaptureStore *store, QObject *parent) : QObject(parent), m_store(store) {}

void StoreWriter::enqueue(NewCapture capture, Done done)
{
    m_pending.append(std::move(capture));
    m_done.append(std::move(done));
    if (!m_scheduled) {
        m_scheduled = true;
        QMetaObject::invokeMethod(this, &StoreWriter::flush, Qt::QueuedConnection);
    }
}

void StoreWriter::flush()
{
    m_scheduled = false;
    QList<NewCapture> batch;
    batch.swap(m_pending);
    QList<Done> done;
    done.swap(m_done);
    const bool ok = m_store->append(batch);
    if (!ok)
        Q_EMIT failed(m_store->errorString());
    for (qsizetype i = 0; i < batch.size(); ++i) {
        done[i](batch[i].summary, ok);
        if (ok)
            Q_EMIT stored(batch[i].summary);
    }
}
