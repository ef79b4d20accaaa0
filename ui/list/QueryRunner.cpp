#include "ui/list/QueryRunner.h"

#include "core/store/CaptureSearch.h"

QueryRunner::QueryRunner(QObject *parent)
    : QObject(parent), m_worker(new QObject), m_search(std::make_shared<CaptureSearch>())
{
    m_thread.setObjectName(QStringLiteral("query"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

QueryRunner::~QueryRunner()
{
    cancel();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { delete w; }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void QueryRunner::setStorePath(const QString &path)
{
    cancel();
    m_storePath = path;
}

void QueryRunner::cancel()
{
    ++m_generation;
    m_running = false;
    m_search->interrupt();
}

void QueryRunner::run(const CaptureQuery &query, const CaptureFilter &filter,
                      const CaptureQuery::Context &context)
{
    cancel();
    const quint64 generation = m_generation;
    m_running = true;
    QMetaObject::invokeMethod(m_worker, [this, search = m_search, path = m_storePath, query, filter,
                                         context, generation] {
        CaptureSearch::Result r;
        QString error;
        static thread_local QString openPath;
        if (!search->isOpen() || openPath != path) {
            if (!search->open(path, &error)) {
                r.error = error;
                openPath.clear();
            } else {
                openPath = path;
            }
        }
        if (search->isOpen())
            r = search->ids(query, filter, context);
        QMetaObject::invokeMethod(this, [this, r, generation, from = context.fromId] {
            if (generation != m_generation)
                return; // a newer query (or cancel) since
            m_running = false;
            if (r.ok)
                Q_EMIT finished(r.ids, from, r.indexedUpTo, r.latestId);
            else
                Q_EMIT failed(r.error);
        });
    });
}
