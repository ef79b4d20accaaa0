#pragma once

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class SecretEdits;
class SecretListModel;
class SecretStore;

// The signing secrets of the endpoint being edited: the list (masked, current first) and paste,
// generate, reveal, copy and remove. Edits go to the editor's SecretEdits; the keychain is
// written by the editor on OK.
class SecretsPage : public QGroupBox
{
    Q_OBJECT
public:
    // `store` may be null (no keychain): the page is then disabled and says why.
    SecretsPage(SecretEdits *edits, SecretStore *store, QWidget *parent = nullptr);

    // The endpoint now shown: its key in SecretEdits, its id and provider (for Generate).
    void setEndpoint(quint64 key, const QString &id, const QString &provider);
    void refresh(); // SecretEdits changed (the keychain answered)
    quint64 key() const { return m_key; }

    static QString noKeychainText();

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    void updateButtons();
    void hideRevealed();
    void pasteSecret();
    void generateSecret();
    void addSecret(const QByteArray &value);
    void revealSecret();
    void copySecret();
    void removeSecret();
    int currentSecretRow() const;

    SecretEdits *m_edits;
    SecretStore *m_store;
    quint64 m_key = 0;
    QString m_id;
    QString m_provider;

    QLabel *m_note;
    SecretListModel *m_model;
    QTableView *m_view;
    QPushButton *m_paste;
    QPushButton *m_generate;
    QPushButton *m_reveal;
    QPushButton *m_copy;
    QPushButton *m_remove;
    QLineEdit *m_revealed;
};
