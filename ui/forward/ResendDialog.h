#pragma once

#include "core/capture/Capture.h"
#include "core/config/EndpointConfig.h"
#include "core/forward/HttpDelivery.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class ResendBodyEditor;
class ResendHeaderTable;
class ResendResponseView;
class SecretStore;

// "Edit and Resend" for one capture: the target (the endpoint's forward.http URLs, or one typed),
// the headers and body to send (ResendPlan applies them and frames the request), re-signing
// (only for schemes that sign a timestamp, with the endpoint's secret read from the keychain),
// and the local app's answer. The request goes out asynchronously (HttpDelivery) and can be
// canceled; the window never waits on the network or the keychain.
class ResendDialog : public QDialog
{
    Q_OBJECT
public:
    // `endpoint`: the capture's endpoint in the config, if it is there. `secrets` may be null.
    ResendDialog(const Capture &capture, const std::optional<EndpointConfig> &endpoint,
                 SecretStore *secrets, QWidget *parent = nullptr);
    ~ResendDialog() override;

    // Sends what the dialog shows; with re-signing on and the secret still being read, as soon
    // as it is there.
    void send();
    void cancel();
    bool isSending() const { return m_inFlight != nullptr; }

    QComboBox *targetBox() const { return m_target; }
    ResendHeaderTable *headerTable() const { return m_headers; }
    ResendBodyEditor *bodyEditor() const { return m_body; }
    QCheckBox *resignBox() const { return m_resign; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *cancelButton() const { return m_cancel; }
    ResendResponseView *responseView() const { return m_response; }

Q_SIGNALS:
    void answered(const HttpDelivery::Result &result);
    void resignKnown(); // whether re-signing is possible is known (the keychain answered)

private:
    void readSecret(SecretStore *secrets);
    void setResignState(bool possible, const QString &why);
    void onTargetChanged();
    void finishSend(const HttpDelivery::Result &result);
    void updateButtons();

    Capture m_capture;
    std::optional<EndpointConfig> m_endpoint;
    QByteArray m_secret;
    bool m_secretPending = false;
    bool m_sendWhenReady = false;
    QObject *m_inFlight = nullptr; // owns the HttpDelivery; deleting it cancels
    QComboBox *m_target;
    QCheckBox *m_resign;
    ResendHeaderTable *m_headers;
    ResendBodyEditor *m_body;
    ResendResponseView *m_response;
    QLabel *m_summary;
    QPushButton *m_send;
    QPushButton *m_cancel;
};
