#include "ui/list/OrderedIdsReader.h"

#include "core/store/CaptureStore.h"

#include <QPointer>

OrderedIdsReader::OrderedIdsReader(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

OrderedIdsReader::~OrderedIdsReader()
{
    ++m_generation;
    m_pool.waitForDone(); // jobs post back to this object
}

void OrderedIdsReader::read(const QString &storePath, const CaptureFilter &filter,
                            const CaptureOrder &order)
{
    const quint64 generation = ++m_generation;
    m_reading = true;
    m_pool.start([this, generation, storePath, filter, order] {
        if (generation != m_generation) // superseded before it began
            return;
        CaptureStore store;
        QVector<qint64> ids;
        qint64 lastId = 0;
        QString error;
        if (store.openReadOnly(storePath))
            ids = store.ids(filter, order, &lastId);
        else
            error = store.errorString();
        QMetaObject::invokeMethod(this, [this, generation, ids = std::move(ids), lastId, error] {
            if (generation != m_generation)
                return;
            m_reading = false;
            Q_EMIT ready(ids, lastId, error);
        });
    });
}

void OrderedIdsReader::cancel()
{
    ++m_generation;
    m_reading = false;
}
