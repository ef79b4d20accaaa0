#pragma once

#include "core/config/AppConfig.h"
#include "ui/endpoints/SecretChange.h"
#include "ui/endpoints/SecretEdits.h"

#include <QDialog>
#include <QStringList>

class EndpointListModel;
class GenericHmacFields;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class ResponseHeadersModel;
class SecretListModel;
class SecretStore;

// Adds, edits, duplicates and deletes endpoints, and sets their signing secrets. Everything is
// edited in memory; OK is enabled only while every endpoint is valid. On OK the changed secret
// lists are written to the keychain (the dialog closes once the keychain answered) and result()
// holds the config to save. A keychain error is reported but never loses the config changes.
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

    // Adds an endpoint proposed by the app (EndpointDraft::fromCapture) and selects it. Its id
    // and path are made unique if the list took them meanwhile.
    void addDraft(const EndpointConfig &draft);
    void selectEndpoint(const QString &id);
    int currentRow() const;

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
    QWidget *createForm();
    QGroupBox *createSecretsBox();
    QGroupBox *createResponseBox();

    void readSecrets(int row);
    void onCurrentRowChanged();
    void loadForm(int row);
    void storeForm();
    void updateProblems();
    void updateSecrets();
    void updateSecretButtons();
    void hideRevealed();
    void setProviderChoice(const QString &provider);
    QString providerChoice() const;

    void addEndpoint();
    void duplicateEndpoint();
    void confirmDelete();
    void deleteEndpoint(quint64 key);
    int insertNew(int row, EndpointConfig endpoint);

    void pasteSecret();
    void generateSecret();
    void addSecret(const QByteArray &value);
    void revealSecret();
    void copySecret();
    void removeSecret();
    int currentSecretRow() const;
    quint64 currentKey() const;

    void finishSaving(const QStringList &errors);

    AppConfig m_config;
    SecretStore *m_store;
    EndpointListModel *m_model;
    SecretEdits m_edits;
    QStringList m_deletedIds; // original ids of deleted endpoints: their keychain entries go
    bool m_loading = false;   // the form is being filled from the model, not edited
    bool m_saving = false;    // OK pressed, keychain writes outstanding
    int m_pendingWrites = 0;
    QStringList m_writeErrors;

    QTableView *m_list;
    QPushButton *m_add;
    QPushButton *m_duplicate;
    QPushButton *m_delete;
    QLabel *m_listProblem;
    QWidget *m_form;

    QLineEdit *m_id;
    QLabel *m_idError;
    QLineEdit *m_path;
    QLabel *m_pathError;
    QComboBox *m_provider;
    GenericHmacFields *m_generic;
    QLabel *m_schemeError;
    QSpinBox *m_tolerance;

    QGroupBox *m_secretsBox;
    QLabel *m_secretsNote;
    SecretListModel *m_secretModel;
    QTableView *m_secretView;
    QPushButton *m_paste;
    QPushButton *m_generate;
    QPushButton *m_reveal;
    QPushButton *m_copy;
    QPushButton *m_removeSecret;
    QLineEdit *m_revealed;

    QSpinBox *m_status;
    ResponseHeadersModel *m_headerModel;
    QTableView *m_headerView;
    QPlainTextEdit *m_body;
    QSpinBox *m_delay;

    QPushButton *m_showRequests;
    QLabel *m_saveState;
    QDialogButtonBox *m_buttons;
};
