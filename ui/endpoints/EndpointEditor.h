#pragma once

#include "core/config/AppConfig.h"
#include "ui/endpoints/AwsKeyEdits.h"
#include "ui/endpoints/SecretChange.h"
#include "ui/endpoints/SecretEdits.h"
#include "ui/endpoints/SelectedCapture.h"

#include <QDialog>
#include <QStringList>

#include <optional>

class AwsKeychain;
class EndpointGeneralPage;
class EndpointListModel;
class ForwardPage;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class ResponsePage;
class RulesPage;
class SecretStore;
class SecretsPage;

// Adds, edits, duplicates and deletes endpoints: the endpoint page (id, path, signature,
// secrets, response), forwarding (local apps, EventBridge, the PutEvents preview) and rules.
// Everything is edited in memory; OK is enabled only while every endpoint is valid. On OK the
// changed secret lists are written to the keychain (the dialog closes once the keychain
// answered) and result() holds the config to save. A keychain error is reported but never loses
// the config changes.
class EndpointEditor : public QDialog
{
    Q_OBJECT
public:
    // `secrets` may be null (no keychain): the secrets section is then disabled and says why.
    EndpointEditor(const AppConfig &config, SecretStore *secrets, QWidget *parent = nullptr);
    ~EndpointEditor() override;

    // `config` with its endpoints replaced by the edited ones (listen settings untouched).
    AppConfig result() const;
    // The keychain writes OK makes (or made) for the current edits.
    QList<SecretChange> secretChanges() const;
    // Where the EventBridge access keys typed into the Forward page go (one keychain entry per
    // endpoint); without it the keychain source says there is no keychain. Reads every
    // endpoint's entry; OK writes the changes with the secrets.
    void setAwsKeychain(AwsKeychain *keychain);
    QList<AwsKeyEdits::Change> awsKeyChanges() const;

    // Adds an endpoint proposed by the app (EndpointDraft::fromCapture) and selects it. Its id
    // and path are made unique if the list took them meanwhile.
    void addDraft(const EndpointConfig &draft);
    void selectEndpoint(const QString &id);
    int currentRow() const;
    // The request selected in the main window: previewed as a PutEvents entry and tested
    // against the rules. Selects the endpoint that received it.
    void setSelectedCapture(const SelectedCapture &capture);

    EndpointListModel *model() const { return m_model; }
    static QString noKeychainText();

    void accept() override;
    void reject() override;

Q_SIGNALS:
    // "Show requests": the lead filters the request list to this endpoint's captures.
    void showRequestsOf(const QString &endpointId);
    // After OK, once every keychain write has answered; `errors` is empty when all succeeded.
    void secretsWritten(const QStringList &errors);

private:
    QWidget *createListPane();
    QWidget *createPages();

    void readSecrets(int row);
    void readAwsKey(int row);
    bool awsKeysValid() const;
    void loadForm(int row);
    void storeForm();
    void refreshPages();
    void updateProblems();

    void addEndpoint();
    void duplicateEndpoint();
    void confirmDelete();
    void deleteEndpoint(quint64 key);
    int insertNew(int row, EndpointConfig endpoint);
    quint64 currentKey() const;

    void finishSaving(const QStringList &errors);

    AppConfig m_config;
    SecretStore *m_store;
    EndpointListModel *m_model;
    SecretEdits m_edits;
    AwsKeychain *m_awsKeychain = nullptr;
    AwsKeyEdits m_awsEdits;
    std::optional<SelectedCapture> m_capture;
    QStringList m_deletedIds; // original ids of deleted endpoints: their keychain entries go
    bool m_loading = false;   // the form is being filled from the model, not edited
    bool m_saving = false;    // OK pressed, keychain writes outstanding
    int m_pendingWrites = 0;
    QStringList m_writeErrors;

    QTableView *m_list;
    QPushButton *m_duplicate;
    QPushButton *m_delete;
    QLabel *m_listProblem;
    QTabWidget *m_pages;

    EndpointGeneralPage *m_general;
    SecretsPage *m_secrets;
    ResponsePage *m_response;
    ForwardPage *m_forward;
    RulesPage *m_rules;

    QLabel *m_saveState;
    QDialogButtonBox *m_buttons;
};
