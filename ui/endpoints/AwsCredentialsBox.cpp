#include "ui/endpoints/AwsCredentialsBox.h"

#include "ui/endpoints/AwsKeyEdits.h"
#include "ui/endpoints/EditorWidgets.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QLineEdit *field(const char *name, const QString &placeholder, bool secret, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    if (secret)
        edit->setEchoMode(QLineEdit::Password);
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

AwsCredentialsBox::AwsCredentialsBox(QWidget *parent) : QWidget(parent)
{
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("credentialsSource"));
    m_source->addItem(tr("AWS CLI chain (environment, shared files, credential_process)"),
                      QStringLiteral("chain"));
    m_source->addItem(tr("Access key stored in the keychain"), QStringLiteral("keychain"));
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] {
        m_fields->setVisible(source() == EventBridgeForwardTarget::Credentials::Keychain);
        if (!m_filling)
            Q_EMIT sourceChanged();
    });

    m_fields = new QWidget(this);
    m_fields->setObjectName(QStringLiteral("storedKeyFields"));
    m_state = new QLabel(m_fields);
    m_state->setObjectName(QStringLiteral("storedKeyState"));
    m_state->setWordWrap(true);
    m_accessKeyId = field("accessKeyId", tr("AKIA…"), false, m_fields);
    m_secretAccessKey = field("secretAccessKey", QString(), true, m_fields);
    m_sessionToken = field("sessionToken", tr("optional, for temporary keys"), true, m_fields);
    for (QLineEdit *edit : {m_accessKeyId, m_secretAccessKey, m_sessionToken})
        connect(edit, &QLineEdit::textChanged, this, &AwsCredentialsBox::typed);
    m_error = EditorWidgets::errorLabel(m_fields, "storedKeyError");
    m_remove = EditorWidgets::button(tr("Remove Stored Key"), "removeStoredKey", m_fields);
    connect(m_remove, &QPushButton::clicked, this, &AwsCredentialsBox::removeStored);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Access &key ID:"), m_accessKeyId);
    form->addRow(tr("Secret access ke&y:"), m_secretAccessKey);
    form->addRow(tr("Session token:"), m_sessionToken);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *fieldsLayout = new QVBoxLayout(m_fields);
    fieldsLayout->setContentsMargins(0, 0, 0, 0);
    fieldsLayout->addWidget(m_state);
    fieldsLayout->addLayout(form);
    fieldsLayout->addWidget(m_error);
    fieldsLayout->addLayout(buttons);
    m_fields->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_source);
    layout->addWidget(m_fields);
}

QString AwsCredentialsBox::noKeychainText()
{
    return tr("No OS keychain is available: an access key cannot be stored. Use the AWS CLI "
              "chain instead.");
}

void AwsCredentialsBox::setSource(EventBridgeForwardTarget::Credentials source)
{
    m_filling = true;
    m_source->setCurrentIndex(source == EventBridgeForwardTarget::Credentials::Keychain ? 1 : 0);
    m_filling = false;
}

EventBridgeForwardTarget::Credentials AwsCredentialsBox::source() const
{
    return m_source->currentIndex() == 1 ? EventBridgeForwardTarget::Credentials::Keychain
                                         : EventBridgeForwardTarget::Credentials::Chain;
}

void AwsCredentialsBox::setEndpoint(quint64 key)
{
    m_key = key;
    const AwsKeyEdits::Entry *e = m_edits ? m_edits->entry(key) : nullptr;
    m_filling = true;
    m_accessKeyId->setText(e ? QString::fromUtf8(e->typed.accessKeyId) : QString());
    m_secretAccessKey->setText(e ? QString::fromUtf8(e->typed.secretAccessKey) : QString());
    m_sessionToken->setText(e ? QString::fromUtf8(e->typed.sessionToken) : QString());
    m_filling = false;
    refresh();
}

void AwsCredentialsBox::refresh()
{
    const AwsKeyEdits::Entry *e = m_edits ? m_edits->entry(m_key) : nullptr;
    const bool usable = m_edits && e && e->state != AwsKeyEdits::State::Loading;
    for (QWidget *w :
         {static_cast<QWidget *>(m_accessKeyId), static_cast<QWidget *>(m_secretAccessKey),
          static_cast<QWidget *>(m_sessionToken)})
        w->setEnabled(usable);
    QString state;
    bool stored = false;
    if (!m_edits)
        state = noKeychainText();
    else if (!e || e->state == AwsKeyEdits::State::Loading)
        state = tr("Reading the keychain…");
    else if (e->state == AwsKeyEdits::State::Failed)
        state = e->error;
    else if (e->typed.isComplete())
        state = tr("The key typed below is stored in the keychain when you press OK.");
    else if (e->removeStored && e->stored)
        state = tr("The stored key %1 is removed from the keychain when you press OK.")
                    .arg(e->stored->maskedId());
    else if (e->stored) {
        stored = true;
        state =
            tr("Stored in the keychain: access key %1%2. Type a key below to replace it.")
                .arg(e->stored->maskedId(),
                     e->stored->sessionToken.isEmpty() ? QString() : tr(" with a session token"));
    } else
        state = tr("No key stored yet. Type one; it goes to the keychain, never to the config "
                   "file.");
    m_state->setText(state);
    m_remove->setEnabled(stored || (e && e->typed.isComplete() && e->stored));
    EditorWidgets::showError(m_error, m_edits ? EditorWidgets::sentence(m_edits->problem(m_key))
                                              : QString());
}

void AwsCredentialsBox::typed()
{
    if (m_filling || !m_edits)
        return;
    StoredAwsKey key;
    key.accessKeyId = m_accessKeyId->text().trimmed().toUtf8();
    key.secretAccessKey = m_secretAccessKey->text().toUtf8();
    key.sessionToken = m_sessionToken->text().toUtf8();
    m_edits->setTyped(m_key, key);
    key.wipe();
    refresh();
    Q_EMIT keyEdited();
}

void AwsCredentialsBox::removeStored()
{
    if (!m_edits)
        return;
    m_edits->removeStored(m_key);
    m_filling = true;
    for (QLineEdit *edit : {m_accessKeyId, m_secretAccessKey, m_sessionToken})
        edit->clear();
    m_filling = false;
    refresh();
    Q_EMIT keyEdited();
}
