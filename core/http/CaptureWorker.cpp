#include "core/http/CaptureWorker.h"

#include "core/http/CaptureRecorder.h"
#include "core/http/HttpListener.h"
#include "core/store/CaptureStore.h"
#include "core/store/StoreWriter.h"

CaptureWorker::CaptureWorker() = default;

CaptureWorker::~CaptureWorker()
{
    stop();
}

bool CaptureWorker::start(const QString &storePath, const CaptureVerifier &verifier,
                          const QHostAddress &address, quint16 port, QString *error)
{
    stop();
    m_store = std::make_unique<CaptureStore>();
    if (!m_store->open(storePath)) {
        *error = m_store->errorString();
        m_store.reset();
        return false;
    }
    m_writer = std::make_unique<StoreWriter>(
        m_store.get(), [verifier](NewCapture &capture, const CaptureStore &store) {
            verifier.annotate(capture, store);
        });
    m_recorder = std::make_unique<CaptureRecorder>(verifier.config(), m_writer.get());
    m_listener = std::make_unique<HttpListener>(m_recorder.get(), verifier.config().limits);
    if (!m_listener->listen(address, port)) {
        *error = QStringLiteral("Cannot listen on %1 port %2: %3")
                     .arg(address.toString())
                     .arg(port)
                     .arg(m_listener->errorString());
        stop();
        return false;
    }
    return true;
}

void CaptureWorker::stop()
{
    // Connections (children of the listener) go first, then whoever they hand requests to.
    m_listener.reset();
    m_recorder.reset();
    m_writer.reset();
    m_store.reset();
}

quint16 CaptureWorker::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}
