#include "core/pipeline/CaptureSession.h"

#include "core/config/BindAddress.h"
#include "core/http/HttpListener.h"
#include "core/pipeline/CaptureRemover.h"
#include "core/pipeline/CaptureRouter.h"
#include "core/pipeline/DiagnosisStage.h"
#include "core/pipeline/ForwardStage.h"
#include "core/pipeline/Reverifier.h"
#include "core/pipeline/SearchIndexer.h"
#include "core/store/CaptureMarks.h"
#include "core/store/ForwardOutbox.h"
#include "core/store/StoreWriter.h"

#include <QCoreApplication>
#include <future>

namespace {

// Diagnosis threads: leave a core to the listener and the writer.
int diagnosisWorkers()
{
    return qBound(1, QThread::idealThreadCount() - 1, 4);
}

} // namespace

CaptureSession::CaptureSession(QObject *parent) : QObject(parent), m_onCaptureThread(new QObject)
{
    qRegisterMetaType<CaptureSummary>();
    qRegisterMetaType<QVector<CaptureSummary>>();
    m_thread.setObjectName(QStringLiteral("capture"));
    m_onCaptureThread->moveToThread(&m_thread);
    m_thread.start();
}

CaptureSession::~CaptureSession()
{
    close();
    QMetaObject::invokeMethod(
        m_onCaptureThread, [o = m_onCaptureThread] { delete o; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool CaptureSession::open(const QString &storePath, QString *error)
{
    close();
    auto store = std::make_unique<CaptureStore>();
    if (!store->open(storePath, context()->config().durability)) {
        *error = store->errorString();
        return false;
    }
    m_writeStore = std::move(store);
    m_storePath = storePath;
    m_writer = std::make_unique<StoreWriter>(m_writeStore.get());
    m_writer->moveToThread(&m_thread); // Done callbacks (the answers) run on the capture thread
    connect(m_writer.get(), &StoreWriter::stored, m_writer.get(),
            [this](const QVector<CaptureSummary> &batch) { onStored(batch); });
    connect(m_writer.get(), &StoreWriter::failed, this, &CaptureSession::storeFailed);
    // Callbacks from the writer's and the workers' threads come back to this thread queued;
    // this object outlives the writer, which outlives the stages that post to it.
    m_diagnosis = std::make_unique<DiagnosisStage>(
        storePath, m_writer.get(), diagnosisWorkers(), [this](const CaptureSummary &s) {
            QMetaObject::invokeMethod(this, [this, s] { Q_EMIT completed(s); });
        });
    Reverifier::Callbacks callbacks;
    callbacks.progress = [this](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(this,
                                  [this, done, total] { Q_EMIT reverifyProgress(done, total); });
    };
    callbacks.finished = [this](const QString &endpointId, qint64 changed, const QString &e) {
        QMetaObject::invokeMethod(this, [this, endpointId, changed, e] {
            Q_EMIT reverifyFinished(endpointId, changed, e);
        });
    };
    m_reverifier = std::make_unique<Reverifier>(storePath, m_writer.get(), callbacks);
    m_forward = std::make_unique<ForwardStage>(storePath, &m_context, m_writer.get());
    m_forward->moveToThread(&m_thread); // woken by each commit there; ended with the writer
    connect(m_forward.get(), &ForwardStage::entryUpdated, this, &CaptureSession::forwardUpdated);
    m_router = std::make_unique<CaptureRouter>(&m_context, m_writer.get(), m_diagnosis.get());
    // The search index is written on a thread of its own, behind the commits (never before an
    // answer); it catches up with the captures stored before.
    m_indexer = std::make_unique<SearchIndexer>(storePath, [this](qint64 indexed, qint64 latest) {
        QMetaObject::invokeMethod(
            this, [this, indexed, latest] { Q_EMIT searchIndexProgress(indexed, latest); });
    });
    m_indexer->start();
    CaptureRemover::Callbacks removal; // on the writer's thread
    removal.removed = [this](const QVector<qint64> &ids, qint64 n, qint64 maxAfter) {
        QMetaObject::invokeMethod(
            this, [this, ids, n, maxAfter] { Q_EMIT capturesRemoved(ids, n, maxAfter); });
    };
    removal.cleared = [this](qint64 upTo, qint64 n, qint64 maxAfter) {
        QMetaObject::invokeMethod(
            this, [this, upTo, n, maxAfter] { Q_EMIT capturesCleared(upTo, n, maxAfter); });
    };
    removal.shrinking = [this](qint64 before) {
        QMetaObject::invokeMethod(this, [this, before] { Q_EMIT storeShrinking(before); });
    };
    removal.shrunk = [this](qint64 before, qint64 after) {
        QMetaObject::invokeMethod(this,
                                  [this, before, after] { Q_EMIT storeShrunk(before, after); });
    };
    removal.failed = [this](const QString &e) {
        QMetaObject::invokeMethod(this, [this, e] { Q_EMIT storeFailed(e); });
    };
    m_remover = std::make_unique<CaptureRemover>(m_writer.get(), m_indexer.get(), &m_context,
                                                 std::move(removal));
    return true;
}

void CaptureSession::close()
{
    stopListening();
    if (!m_writer)
        return;
    // Everything queued is committed first; then, on the capture thread (where the answers and
    // the commit notifications run, so nothing there races with this), what the last commits
    // handed on is delivered, the stages finish their work, and the writer writes what they
    // left before it stops. Each goes before what it hands work to.
    std::promise<void> written;
    m_writer->post([&written](CaptureStore &) {
        written.set_value();
        return true;
    });
    written.get_future().wait();
    QMetaObject::invokeMethod(
        m_onCaptureThread,
        [this] {
            QCoreApplication::sendPostedEvents(m_writer.get());
            m_router.reset();
            m_forward.reset(); // open rows stay open: the next session sends them
            m_reverifier.reset();
            m_diagnosis.reset();
            m_writer.reset();
            m_remover.reset(); // after the writer: its queued jobs call it
            m_indexer.reset(); // after the last commit's wake(); finishes the batch it writes
        },
        Qt::BlockingQueuedConnection);
    m_writeStore.reset();
    m_storePath.clear();
    QCoreApplication::sendPostedEvents(this); // the last completed() signals
}

bool CaptureSession::start(const Options &options, QString *error)
{
    setConfig(options.config); // before the store opens: it carries listen.durability
    setSecrets(options.secrets);
    setAwsKeys(options.awsKeys);
    return (m_storePath == options.storePath && isOpen()) || open(options.storePath, error)
               ? startListening(options.bind, options.port, error)
               : false;
}

bool CaptureSession::startListening(const QString &bind, quint16 port, QString *error)
{
    stopListening();
    if (!m_router) {
        *error = tr("No store is open to capture into");
        return false;
    }
    QHostAddress address;
    if (!BindAddress::parse(bind, &address)) {
        *error = tr("Not an IP address to listen on: %1").arg(bind);
        return false;
    }
    const ListenerLimits limits = context()->config().limits;
    HttpListener *listener = nullptr;
    QString why;
    QMetaObject::invokeMethod(
        m_onCaptureThread,
        [&] {
            auto *l = new HttpListener(m_router.get(), limits);
            if (l->listen(address, port))
                listener = l;
            else {
                why = l->errorString();
                delete l;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!listener) {
        *error = tr("Cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(why);
        return false;
    }
    m_listener = listener;
    m_address = address;
    m_port = listener->serverPort();
    return true;
}

void CaptureSession::stopListening()
{
    if (!m_listener)
        return;
    HttpListener *listener = m_listener;
    m_listener = nullptr;
    // Its connections are its children: they go with it, on the thread they live on.
    QMetaObject::invokeMethod(
        m_onCaptureThread, [listener] { delete listener; }, Qt::BlockingQueuedConnection);
    m_port = 0;
}

QString CaptureSession::url() const
{
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol
                             ? '[' + m_address.toString() + ']'
                             : m_address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_port);
}

void CaptureSession::setConfig(const AppConfig &config)
{
    m_context.replace(context()->withConfig(config));
}

void CaptureSession::setSecrets(const CaptureVerifier::Secrets &secrets)
{
    m_context.replace(context()->withSecrets(secrets));
}

void CaptureSession::setAwsKeys(const StoredAwsKeys &keys)
{
    m_context.replace(context()->withAwsKeys(keys));
    if (m_forward)
        m_forward->wake();
}

void CaptureSession::onStored(const QVector<CaptureSummary> &batch)
{
    // Only captures at a forwarding endpoint have outbox rows to send now (rows queued by
    // `forward retry` or left by another process are found by the worker's poll).
    const AppConfig &config = context()->config();
    for (const CaptureSummary &s : batch) {
        const EndpointConfig *e = config.endpointById(s.endpointId);
        if (e && !e->forward.isEmpty()) {
            m_forward->wake();
            break;
        }
    }
    if (m_indexer)
        m_indexer->wake();
    Q_EMIT captured(batch);
    if (m_remover)
        m_remover->afterCommit(batch); // retention, behind this commit
    for (const CaptureSummary &s : batch) {
        if (s.verdictReason.isEmpty())
            Q_EMIT completed(s); // nothing to diagnose (the router hands on the others)
    }
}

void CaptureSession::updateVerdict(const CaptureStore::VerdictRow &row)
{
    if (!m_writer)
        return;
    m_writer->post([this, row](CaptureStore &store) {
        const bool ok = store.setVerdict(row.id, row.reason, row.json);
        if (ok)
            QMetaObject::invokeMethod(this, [this, id = row.id] { Q_EMIT verdictUpdated(id); });
        return ok;
    });
}

void CaptureSession::reverify(const QString &endpointId)
{
    if (m_reverifier)
        m_reverifier->start(context(), endpointId);
}

void CaptureSession::retryForwards(const QVector<qint64> &captureIds, bool allDead)
{
    if (!m_writer)
        return;
    m_writer->post([this, captureIds, allDead](CaptureStore &store) {
        const bool ok = ForwardOutbox(store).retryDead(captureIds, allDead) >= 0;
        if (ok)
            QMetaObject::invokeMethod(this, [this, captureIds, allDead] {
                Q_EMIT forwardsRequeued(captureIds, allDead);
                if (m_forward)
                    m_forward->wake();
            });
        return ok;
    });
}

void CaptureSession::setBookmarked(const QVector<qint64> &captureIds, bool bookmarked)
{
    if (!m_writer || captureIds.isEmpty())
        return;
    m_writer->post([this, captureIds, bookmarked](CaptureStore &store) {
        const bool ok = CaptureMarks(store).setBookmarked(captureIds, bookmarked);
        if (ok)
            QMetaObject::invokeMethod(this,
                                      [this, captureIds] { Q_EMIT marksChanged(captureIds); });
        return ok;
    });
}

void CaptureSession::setNote(qint64 captureId, const QString &note)
{
    if (!m_writer)
        return;
    m_writer->post([this, captureId, note](CaptureStore &store) {
        const bool ok = CaptureMarks(store).setNote(captureId, note);
        if (ok)
            QMetaObject::invokeMethod(this, [this, captureId] {
                if (m_indexer)
                    m_indexer->wake();
                Q_EMIT marksChanged({captureId});
            });
        return ok;
    });
}

void CaptureSession::removeCaptures(const QVector<qint64> &ids)
{
    if (m_remover)
        m_remover->remove(ids);
}

void CaptureSession::clearCaptures()
{
    if (!m_remover)
        return;
    // What is stored as the user asks goes; captures stored after that stay.
    CaptureStore reading;
    if (reading.openReadOnly(m_storePath))
        m_remover->clearAll(reading.lastId(), true);
    else
        Q_EMIT storeFailed(reading.errorString());
}

void CaptureSession::write(std::function<bool(CaptureStore &store)> job)
{
    if (!m_writer)
        return;
    m_writer->post([this, job = std::move(job)](CaptureStore &store) {
        const bool ok = job(store);
        if (m_indexer)
            m_indexer->wake();
        return ok;
    });
}
