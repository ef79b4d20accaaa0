#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/config/AppConfig.h"
#include "core/verify/CaptureVerifier.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>

class CaptureWorker;

// Runs the listener and the store writer on their own thread, so neither the GUI nor the
// CLI's output ever delays a sender. Emits captured() for each request once it is committed.
class CaptureServer : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QString bind = QStringLiteral("127.0.0.1");
        quint16 port = 8787;
        QString storePath;
        AppConfig config;                 // endpoints and limits
        CaptureVerifier::Secrets secrets; // by endpoint id; held in memory only
    };

    explicit CaptureServer(QObject *parent = nullptr);
    ~CaptureServer() override;

    // Connect to captured() before calling this: it is forwarded only if someone listens.
    bool start(const Settings &settings, QString *error);
    void stop();
    bool isRunning() const { return m_worker != nullptr; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    QString url() const; // http://127.0.0.1:8787 or http://[::1]:8787

    static bool parseBindAddress(const QString &text, QHostAddress *address);

Q_SIGNALS:
    void captured(const QVector<CaptureSummary> &batch); // once per commit, in arrival order
    void storeFailed(const QString &error);

private:
    QThread m_thread;
    CaptureWorker *m_worker = nullptr;
    QHostAddress m_address;
    quint16 m_port = 0;
};
