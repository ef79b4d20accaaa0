#pragma once

#include "core/pipeline/CaptureSession.h"
#include "ui/window/CaptureLoader.h"

#include <QMainWindow>

class FilterBar;
class SearchBar;
class AwsKeychain;
class CaptureInspector;
class DeadLetterDialog;
class EmptyState;
class QAction;
class QLabel;
class QSplitter;
class QTableView;
class RequestListModel;
class EndpointEditor;
struct Capture;
class SecretStore;

// The request list above the three-pane inspector, with the listener's controls.
// The capture session and its options are injected; the window never owns the flow.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `secrets` may be null (no keychain): captures are then verified as "no secret".
    MainWindow(CaptureSession *session, SecretStore *secrets,
               const CaptureSession::Options &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    bool openStore(const QString &path); // shows the store; the listener writes into it
    // Files handed to the app (its command line, a later launch): capture stores are opened (the
    // last one stays); HAR files are refused until they can be imported. True when a store is
    // open afterwards.
    // Stores are opened; other files (HAR, raw requests, AWS events, ...) imported into the open
    // store, or the default one.
    bool openFiles(const QStringList &files);
    void importFiles(const QStringList &files); // with progress and Cancel
    bool startListener();
    // Reads every endpoint's secrets from the keychain (asynchronously), then calls `then`.
    void loadSecrets(std::function<void()> then);
    void stopListener();
    // Where EventBridge access keys typed into the app live (may stay unset: no keychain).
    void setAwsKeychain(AwsKeychain *keychain) { m_awsKeychain = keychain; }
    // Reads the access keys of the endpoints whose EventBridge credentials are "keychain" into
    // the session (asynchronously; forwarding waits for them rather than failing).
    void loadAwsKeys();
    void setConfigProblem(const QString &problem);
    // Where the endpoint editor saves the config (atomically); empty: the editor cannot save.
    void setConfigPath(const QString &path) { m_configPath = path; }
    // The endpoint editor, with a new endpoint drafted from `fromCapture` when given.
    EndpointEditor *editEndpoints(const Capture *fromCapture = nullptr);
    void showRequestsOf(const QString &endpointId); // empty: every endpoint
    // The dead forwards of the open store, with retry (Ctrl+Shift+D).
    DeadLetterDialog *showDeadForwards();
    void selectCapture(qint64 id); // in the list, when the filter shows it

    RequestListModel *requestModel() const { return m_model; }
    const CaptureSession::Options &settings() const { return m_settings; }
    QTableView *requestView() const { return m_list; }
    CaptureInspector *inspector() const { return m_inspector; }
    CaptureLoader *loader() const { return m_loader; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void onCurrentRowChanged(const QModelIndex &current);
    void updateListenerState();
    void restoreState();
    void saveState() const;

    void applySecrets(const CaptureVerifier::Secrets &secrets);
    void onSecretsChanged(const QString &endpointId);
    void applyConfig(const AppConfig &config);
    void applyRules();

    CaptureSession *m_session;
    SecretStore *m_secrets;
    AwsKeychain *m_awsKeychain = nullptr;
    CaptureSession::Options m_settings;
    RequestListModel *m_model;
    QTableView *m_list;
    CaptureInspector *m_inspector;
    CaptureLoader *m_loader;
    QSplitter *m_splitter;
    QLabel *m_address;
    EmptyState *m_emptyState; // over the list while the store holds no capture
    FilterBar *m_filters;
    SearchBar *m_search; // the query bar (Ctrl+K)
    QAction *m_toggleListener = nullptr;
    QAction *m_copyUrl = nullptr;
    QString m_configPath;
};
