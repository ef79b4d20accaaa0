#pragma once

#include "core/verify/CaptureVerifier.h"

#include <QHostAddress>
#include <QObject>
#include <memory>

class CaptureRecorder;
class CaptureStore;
class HttpListener;
class StoreWriter;

// Lives on the capture thread and owns everything there: store connection, writer, listener.
class CaptureWorker : public QObject
{
    Q_OBJECT
public:
    CaptureWorker();
    ~CaptureWorker() override;

    bool start(const QString &storePath, const CaptureVerifier &verifier,
               const QHostAddress &address, quint16 port, QString *error);
    void stop();
    quint16 port() const;
    StoreWriter *writer() const { return m_writer.get(); }

private:
    std::unique_ptr<CaptureStore> m_store;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<CaptureRecorder> m_recorder;
    std::unique_ptr<HttpListener> m_listener;
};
