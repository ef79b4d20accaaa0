#include "ui/compare/CompareLoader.h"

#include "core/http/RequestFramer.h"
#include "core/store/CaptureStore.h"

#include <QJsonDocument>
#include <QJsonObject>

CompareLoader::CompareLoader(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

CompareLoader::~CompareLoader()
{
    m_pool.clear();
    m_pool.waitForDone(); // jobs post back to this object
}

void CompareLoader::setStorePath(const QString &path)
{
    if (path == m_storePath)
        return;
    m_storePath = path;
    m_store = std::make_shared<CaptureStore>();
}

void CompareLoader::compare(qint64 leftId, qint64 rightId)
{
    run(leftId, rightId, std::nullopt);
}

void CompareLoader::compareWithPrevious(qint64 id, Previous previous)
{
    run(0, id, previous);
}

void CompareLoader::cancel()
{
    *m_cancel = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false); // for the requests to come
}

void CompareLoader::run(qint64 leftId, qint64 rightId, std::optional<Previous> previous)
{
    const QString path = m_storePath;
    const std::shared_ptr<CaptureStore> store = m_store;
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancel;
    ++m_pending;
    m_pool.start([this, leftId, rightId, previous, path, store, cancel] {
        QString error;
        std::shared_ptr<Result> result;
        std::optional<Capture> left, right;
        qint64 from = leftId;
        if (!store || (!store->isOpen() && !store->openReadOnly(path))) {
            error = store ? store->errorString() : tr("Open a store first");
        } else if (!(right = store->capture(rightId))) {
            error = tr("Capture %1 is not in %2").arg(rightId).arg(path);
        } else if (previous == Previous::Delivery) {
            from = store->previousWithSameDeliveryId(rightId);
            // the id as the verdict recorded it (the provider's delivery or event id)
            const QString deliveryId = QJsonDocument::fromJson(store->verdictJson(rightId))
                                           .object()
                                           .value(QLatin1String("delivery_id"))
                                           .toString();
            if (deliveryId.isEmpty())
                error = tr("Capture %1 carries no delivery or event id").arg(rightId);
            else if (from == 0)
                error = tr("No earlier delivery of %1 (capture %2 is the first)")
                            .arg(deliveryId)
                            .arg(rightId);
        } else if (previous == Previous::Endpoint) {
            from = store->previousOnSameEndpoint(rightId);
            if (from == 0)
                error = right->summary.endpointId.isEmpty()
                            ? tr("No earlier capture outside the endpoints before %1").arg(rightId)
                            : tr("No earlier capture on %1 before %2")
                                  .arg(right->summary.endpointId)
                                  .arg(rightId);
        }
        if (error.isEmpty() && !(left = store->capture(from)))
            error = tr("Capture %1 is not in %2").arg(from).arg(path);
        if (error.isEmpty()) {
            result = std::make_shared<Result>();
            result->left = std::move(*left);
            result->right = std::move(*right);
            result->left.parsed = RequestFramer::parse(result->left.raw);
            result->right.parsed = RequestFramer::parse(result->right.raw);
            result->comparison =
                CaptureComparison::compare(result->left, result->right, cancel.get());
        }
        const bool stopped = *cancel;
        QMetaObject::invokeMethod(this, [this, result, error, stopped] {
            --m_pending;
            if (stopped)
                Q_EMIT cancelled();
            else if (result)
                Q_EMIT compared(result);
            else
                Q_EMIT failed(error);
        });
    });
}
