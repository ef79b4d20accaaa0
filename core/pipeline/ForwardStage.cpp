#include "core/pipeline/ForwardStage.h"

#include "core/pipeline/ForwardWorker.h"

ForwardStage::ForwardStage(const QString &storePath, const CaptureContext *context,
                           StoreWriter *writer)
    : m_worker(new ForwardWorker(storePath, context, writer))
{
    qRegisterMetaType<OutboxEntry>();
    m_thread.setObjectName(QStringLiteral("forward"));
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &ForwardWorker::entryUpdated, this, &ForwardStage::entryUpdated);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    wake(); // rows a previous session left open
}

ForwardStage::~ForwardStage()
{
    m_thread.quit();
    m_thread.wait();
}

void ForwardStage::wake()
{
    QMetaObject::invokeMethod(m_worker, &ForwardWorker::drain, Qt::QueuedConnection);
}
