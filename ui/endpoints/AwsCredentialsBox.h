#pragma once

#include "core/config/ForwardConfig.h"

#include <QWidget>

class AwsKeyEdits;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

// The EventBridge target's credentials: the source (the AWS CLI chain, or an access key stored in
// the keychain for this endpoint) and, for the keychain, the key's fields, what is stored now and
// "Remove stored key". The source goes to the config; the key only to AwsKeyEdits (in memory),
// which the editor writes to the keychain on OK.
class AwsCredentialsBox : public QWidget
{
    Q_OBJECT
public:
    explicit AwsCredentialsBox(QWidget *parent = nullptr);

    // `edits` null: no keychain, so the keychain source says why and takes no key.
    void setEdits(AwsKeyEdits *edits) { m_edits = edits; }
    void setEndpoint(quint64 key); // fills the fields from the edits
    void refresh();                // the keychain answered: what is stored now

    void setSource(EventBridgeForwardTarget::Credentials source);
    EventBridgeForwardTarget::Credentials source() const;

    static QString noKeychainText();

Q_SIGNALS:
    void sourceChanged();
    void keyEdited(); // typed or removed: the editor re-checks whether OK can be pressed

private:
    void typed();
    void removeStored();

    AwsKeyEdits *m_edits = nullptr;
    quint64 m_key = 0;
    bool m_filling = false;

    QComboBox *m_source;
    QWidget *m_fields;
    QLabel *m_state;
    QLineEdit *m_accessKeyId;
    QLineEdit *m_secretAccessKey;
    QLineEdit *m_sessionToken;
    QLabel *m_error;
    QPushButton *m_remove;
};
