#pragma once

#include "core/config/EndpointConfig.h"

#include <QWidget>

class AwsCredentialsBox;
class HttpTargetsModel;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableView;
struct SelectedCapture;

// The endpoint's `forward` section: the local apps (a table), the EventBridge target and
// `only_verified`, each field checked as it is typed with the config loader's rules and words
// (ForwardConfigJson), and the PutEvents entry the selected capture would become.
class ForwardPage : public QWidget
{
    Q_OBJECT
public:
    explicit ForwardPage(QWidget *parent = nullptr);

    void load(const EndpointConfig &endpoint);
    void store(EndpointConfig *endpoint) const;
    // The problems and the preview for the endpoint as stored.
    void refresh(const EndpointConfig &endpoint);
    void setCapture(const SelectedCapture *capture) { m_capture = capture; }
    // The EventBridge credentials: the source (config) and the stored key (AwsKeyEdits).
    AwsCredentialsBox *credentialsBox() const { return m_credentials; }

Q_SIGNALS:
    void changed();

private:
    QWidget *createHttpBox();
    QGroupBox *createEventBridgeBox();
    QLineEdit *lineEdit(const char *name, const QString &placeholder, QWidget *parent);
    void emitChanged();

    const SelectedCapture *m_capture = nullptr;
    bool m_loading = false;

    QCheckBox *m_onlyVerified;
    HttpTargetsModel *m_httpModel;
    QTableView *m_httpView;
    QLabel *m_httpError;

    QGroupBox *m_eventBridge;
    QComboBox *m_preset;
    QLineEdit *m_bus;
    QLabel *m_busError;
    QLineEdit *m_region;
    QLabel *m_regionError;
    QLineEdit *m_source;
    QLabel *m_sourceError;
    QLineEdit *m_detailType;
    QLabel *m_detailTypeError;
    QLineEdit *m_resources;
    QCheckBox *m_envelope;
    QLineEdit *m_account;
    QLabel *m_accountError;
    QLineEdit *m_profile;
    AwsCredentialsBox *m_credentials;
    QLineEdit *m_endpointUrl;
    QLabel *m_endpointUrlError;
    QSpinBox *m_maxEntryBytes;

    QPlainTextEdit *m_preview;
};
