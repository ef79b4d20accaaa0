#include "core/http/CaptureServer.h"

#include "core/http/CaptureWorker.h"
#include "core/store/StoreWriter.h"

#include <QMetaMethod>

CaptureServer::CaptureServer(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<CaptureSummary>();
    qRegisterMetaType<QVector<CaptureSummary>>();
    m_thread.setObjectName(QStringLiteral("capture"));
}

CaptureServer::~CaptureServer()
{
    stop();
}

bool CaptureServer::parseBindAddress(const QString &text, QHostAddress *address)
{
    if (text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        *address = QHostAddress(QHostAddress::LocalHost);
        return true;
    }
    QString host = text;
    if (host.startsWith('[') && host.endsWith(']'))
        host = host.mid(1, host.size() - 2);
    return address->setAddress(host);
}

bool CaptureServer::start(const Settings &settings, QString *error)
{
    stop();
    QHostAddress address;
    if (!parseBindAddress(settings.bind, &address)) {
        *error = QStringLiteral("Not an IP address to listen on: %1").arg(settings.bind);
        return false;
    }
    m_thread.start();
    auto *worker = new CaptureWorker;
    worker->moveToThread(&m_thread);
    bool ok = false;
    QMetaObject::invokeMethod(
        worker,
        [&] {
            ok = worker->start(settings.storePath,
                               CaptureVerifier(settings.config, settings.secrets), address,
                               settings.port, error);
            // Captures cross to this thread only when someone listens (the CLI without --jsonl
            // does not), so connect before start().
            if (ok && isSignalConnected(QMetaMethod::fromSignal(&CaptureServer::captured)))
                connect(worker->writer(), &StoreWriter::stored, this, &CaptureServer::captured);
            if (ok) {
                connect(worker->writer(), &StoreWriter::failed, this, &CaptureServer::storeFailed);
            }
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        worker->deleteLater();
        m_thread.quit();
        m_thread.wait();
        return false;
    }
    m_worker = worker;
    m_address = address;
    m_port = worker->port();
    return true;
}

void CaptureServer::stop()
{
    if (!m_worker)
        return;
    CaptureWorker *worker = m_worker;
    m_worker = nullptr;
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_port = 0;
}

QString CaptureServer::url() const
{
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol
                             ? '[' + m_address.toString() + ']'
                             : m_address.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_port);
}
