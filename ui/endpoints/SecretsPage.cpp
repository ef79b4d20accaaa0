#include "ui/endpoints/SecretsPage.h"

#include "core/secrets/SecretRotation.h"
#include "core/secrets/SecretStore.h"
#include "ui/endpoints/EditorWidgets.h"
#include "ui/endpoints/SecretEdits.h"
#include "ui/endpoints/SecretGenerator.h"
#include "ui/endpoints/SecretListModel.h"
#include "ui/endpoints/SecretPasteDialog.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

SecretsPage::SecretsPage(SecretEdits *edits, SecretStore *store, QWidget *parent)
    : QGroupBox(tr("Signing secrets"), parent), m_edits(edits), m_store(store)
{
    setObjectName(QStringLiteral("secretsBox"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("secretsNote"));
    m_note->setWordWrap(true);
    m_model = new SecretListModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("secretList"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setMaximumHeight(110);

    m_paste = EditorWidgets::button(tr("P&aste…"), "pasteSecret", this);
    m_generate = EditorWidgets::button(tr("&Generate"), "generateSecret", this);
    m_reveal = EditorWidgets::button(tr("&Reveal"), "revealSecret", this);
    m_copy = EditorWidgets::button(tr("&Copy"), "copySecret", this);
    m_remove = EditorWidgets::button(tr("Re&move"), "removeSecret", this);
    connect(m_paste, &QPushButton::clicked, this, &SecretsPage::pasteSecret);
    connect(m_generate, &QPushButton::clicked, this, &SecretsPage::generateSecret);
    connect(m_reveal, &QPushButton::clicked, this, &SecretsPage::revealSecret);
    connect(m_copy, &QPushButton::clicked, this, &SecretsPage::copySecret);
    connect(m_remove, &QPushButton::clicked, this, &SecretsPage::removeSecret);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        hideRevealed();
        updateButtons();
    });

    m_revealed = new QLineEdit(this);
    m_revealed->setObjectName(QStringLiteral("revealedSecret"));
    m_revealed->setReadOnly(true);
    m_revealed->hide();

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_paste, m_generate, m_reveal, m_copy, m_remove})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_view);
    layout->addWidget(m_revealed);
    layout->addLayout(buttons);
}

QString SecretsPage::noKeychainText()
{
    return tr("No OS keychain is available: secrets cannot be stored, and verification shows "
              "'no secret'");
}

void SecretsPage::setEndpoint(quint64 key, const QString &id, const QString &provider)
{
    m_key = key;
    m_id = id;
    m_provider = provider;
    refresh();
}

void SecretsPage::refresh()
{
    hideRevealed();
    const SecretEdits::Entry *e = m_edits->entry(m_key);
    if (!m_store) {
        setEnabled(false);
        m_note->setText(noKeychainText());
        m_model->setSecrets({});
    } else if (!e || e->state == SecretEdits::State::Loading) {
        setEnabled(true);
        m_note->setText(tr("Reading the secrets from the keychain…"));
        m_model->setSecrets({});
    } else if (e->state == SecretEdits::State::Failed) {
        setEnabled(true);
        m_note->setText(e->error);
        m_model->setSecrets({});
    } else {
        setEnabled(true);
        m_note->setText(e->secrets.isEmpty()
                            ? tr("No secret yet: requests to this endpoint verify as 'no secret'.")
                            : tr("Tried in this order; the first is current. Values are masked."));
        m_model->setSecrets(e->secrets);
    }
    updateButtons();
}

void SecretsPage::updateButtons()
{
    const SecretEdits::Entry *e = m_edits->entry(m_key);
    const bool loaded = m_store && e && e->state == SecretEdits::State::Loaded;
    const bool selected = currentSecretRow() >= 0;
    m_paste->setEnabled(loaded);
    m_generate->setEnabled(loaded && SecretGenerator::canGenerate(m_provider));
    m_reveal->setEnabled(loaded && selected);
    m_copy->setEnabled(loaded && selected);
    m_remove->setEnabled(loaded && selected);
}

void SecretsPage::hideRevealed()
{
    m_revealed->clear();
    m_revealed->hide();
}

void SecretsPage::pasteSecret()
{
    if (m_key == 0)
        return;
    auto *dialog = new SecretPasteDialog(m_id, window());
    const quint64 key = m_key;
    connect(dialog, &QDialog::finished, this, [this, dialog, key](int result) {
        if (result == QDialog::Accepted && key == m_key)
            addSecret(dialog->value());
        dialog->deleteLater();
    });
    dialog->open();
}

void SecretsPage::generateSecret()
{
    QByteArray value = SecretGenerator::generate(m_provider);
    addSecret(value);
    SigningSecret::wipe(value);
}

void SecretsPage::addSecret(const QByteArray &value)
{
    const SecretEdits::Entry *e = m_edits->entry(m_key);
    if (!e || e->state != SecretEdits::State::Loaded || value.isEmpty())
        return;
    QList<SigningSecret> list =
        SecretRotation::add(e->secrets, value, QDateTime::currentDateTimeUtc());
    if (list.size() > 1)
        list[1].label = QStringLiteral("previous");
    m_edits->setSecrets(m_key, list);
    refresh();
    m_view->setCurrentIndex(m_model->index(0, 0));
}

void SecretsPage::revealSecret()
{
    const int row = currentSecretRow();
    if (row < 0)
        return;
    m_revealed->setText(QString::fromUtf8(m_model->secrets().at(row).value));
    m_revealed->show();
}

void SecretsPage::copySecret()
{
    const int row = currentSecretRow();
    if (row < 0)
        return;
    QGuiApplication::clipboard()->setText(QString::fromUtf8(m_model->secrets().at(row).value));
    Q_EMIT statusMessage(tr("Secret copied to the clipboard."));
}

void SecretsPage::removeSecret()
{
    const int row = currentSecretRow();
    const SecretEdits::Entry *e = m_edits->entry(m_key);
    if (row < 0 || !e)
        return;
    QList<SigningSecret> list = e->secrets;
    list.removeAt(row);
    m_edits->setSecrets(m_key, list);
    refresh();
}

int SecretsPage::currentSecretRow() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() : -1;
}
