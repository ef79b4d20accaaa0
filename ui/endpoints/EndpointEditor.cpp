#include "ui/endpoints/EndpointEditor.h"

#include "core/secrets/SecretRotation.h"
#include "core/secrets/SecretStore.h"
#include "core/verify/ProviderRegistry.h"
#include "ui/endpoints/EndpointDraft.h"
#include "ui/endpoints/EndpointListModel.h"
#include "ui/endpoints/EndpointValidator.h"
#include "ui/endpoints/GenericHmacFields.h"
#include "ui/endpoints/ResponseHeadersModel.h"
#include "ui/endpoints/SecretGenerator.h"
#include "ui/endpoints/SecretListModel.h"
#include "ui/endpoints/SecretPasteDialog.h"

#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace {

const QString GenericHmac = QStringLiteral("generic-hmac");
constexpr int MaxToleranceS = 365 * 24 * 3600; // as ConfigLoader accepts
constexpr int MaxDelayMs = 600000;

QLabel *errorLabel(QWidget *parent, const char *name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c00000;"));
    label->hide();
    return label;
}

void showError(QLabel *label, const QString &problem)
{
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
}

// A field with its error underneath, so the message sits next to what it is about.
QWidget *withError(QWidget *field, QLabel *error)
{
    auto *box = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

QPushButton *button(const QString &text, const char *name, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    b->setAutoDefault(false); // Enter in a field means OK, not Add or Delete
    return b;
}

QStringList idsOf(const QList<EndpointConfig> &endpoints)
{
    QStringList ids;
    for (const EndpointConfig &e : endpoints)
        ids.append(e.id);
    return ids;
}

QStringList pathsOf(const QList<EndpointConfig> &endpoints)
{
    QStringList paths;
    for (const EndpointConfig &e : endpoints)
        paths.append(e.path);
    return paths;
}

} // namespace

EndpointEditor::EndpointEditor(const AppConfig &config, SecretStore *secrets, QWidget *parent)
    : QDialog(parent), m_config(config), m_store(secrets), m_model(new EndpointListModel(this))
{
    setWindowTitle(tr("Endpoints"));
    m_model->setEndpoints(config.endpoints);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(createListPane());
    auto *scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setWidget(createForm());
    splitter->addWidget(scroll);
    splitter->setStretchFactor(1, 1);

    m_saveState = new QLabel(this);
    m_saveState->setObjectName(QStringLiteral("saveState"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EndpointEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EndpointEditor::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_saveState, 1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);
    resize(1000, 700);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EndpointEditor::onCurrentRowChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &EndpointEditor::updateProblems);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EndpointEditor::updateProblems);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EndpointEditor::updateProblems);

    for (int row = 0; row < m_model->rowCount(); ++row)
        readSecrets(row);
    if (m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0, 0));
    else
        loadForm(-1);
}

EndpointEditor::~EndpointEditor() = default;

QString EndpointEditor::noKeychainText()
{
    return tr("No OS keychain is available: secrets cannot be stored, and verification shows "
              "'no secret'");
}

QWidget *EndpointEditor::createListPane()
{
    auto *pane = new QWidget(this);
    m_list = new QTableView(pane);
    m_list->setObjectName(QStringLiteral("endpointList"));
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers); // edited in the form
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);

    m_add = button(tr("Add"), "addEndpoint", pane);
    m_duplicate = button(tr("Duplicate"), "duplicateEndpoint", pane);
    m_delete = button(tr("Delete…"), "deleteEndpoint", pane);
    connect(m_add, &QPushButton::clicked, this, &EndpointEditor::addEndpoint);
    connect(m_duplicate, &QPushButton::clicked, this, &EndpointEditor::duplicateEndpoint);
    connect(m_delete, &QPushButton::clicked, this, &EndpointEditor::confirmDelete);
    m_listProblem = errorLabel(pane, "listProblem");

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_duplicate);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_listProblem);
    layout->addLayout(buttons);
    return pane;
}

QWidget *EndpointEditor::createForm()
{
    m_form = new QWidget;
    m_form->setObjectName(QStringLiteral("endpointForm"));

    auto *endpointBox = new QGroupBox(tr("Endpoint"), m_form);
    m_id = new QLineEdit(endpointBox);
    m_id->setObjectName(QStringLiteral("id"));
    m_idError = errorLabel(endpointBox, "idError");
    m_path = new QLineEdit(endpointBox);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setPlaceholderText(QStringLiteral("/stripe"));
    m_pathError = errorLabel(endpointBox, "pathError");
    auto *endpointForm = new QFormLayout(endpointBox);
    endpointForm->addRow(tr("Id:"), withError(m_id, m_idError));
    endpointForm->addRow(tr("Path:"), withError(m_path, m_pathError));

    auto *signatureBox = new QGroupBox(tr("Signature"), m_form);
    m_provider = new QComboBox(signatureBox);
    m_provider->setObjectName(QStringLiteral("provider"));
    m_provider->addItem(tr("none (capture only)"), QString());
    for (const QString &name : ProviderRegistry::names())
        m_provider->addItem(name, name);
    m_generic = new GenericHmacFields(signatureBox);
    m_generic->setObjectName(QStringLiteral("genericHmac"));
    m_schemeError = errorLabel(signatureBox, "schemeError");
    m_tolerance = new QSpinBox(signatureBox);
    m_tolerance->setObjectName(QStringLiteral("tolerance"));
    m_tolerance->setRange(-1, MaxToleranceS);
    m_tolerance->setSuffix(tr(" s"));
    m_tolerance->setSpecialValueText(tr("provider default"));
    auto *signatureForm = new QFormLayout(signatureBox);
    signatureForm->addRow(tr("Provider:"), m_provider);
    signatureForm->addRow(withError(m_generic, m_schemeError));
    signatureForm->addRow(tr("Timestamp tolerance:"), m_tolerance);

    auto *requestsBox = new QGroupBox(tr("Requests"), m_form);
    m_showRequests =
        button(tr("Show the requests this endpoint received"), "showRequests", requestsBox);
    connect(m_showRequests, &QPushButton::clicked, this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        // Captures are recorded under the id the endpoint had when they arrived.
        const QString original = m_model->originalId(row);
        Q_EMIT showRequestsOf(original.isEmpty() ? m_model->endpoint(row).id : original);
    });
    auto *requestsLayout = new QHBoxLayout(requestsBox);
    requestsLayout->addWidget(m_showRequests);
    requestsLayout->addStretch();

    auto *layout = new QVBoxLayout(m_form);
    layout->addWidget(endpointBox);
    layout->addWidget(signatureBox);
    layout->addWidget(createSecretsBox());
    layout->addWidget(createResponseBox());
    layout->addWidget(requestsBox);
    layout->addStretch();

    for (QLineEdit *edit : {m_id, m_path})
        connect(edit, &QLineEdit::textChanged, this, &EndpointEditor::storeForm);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        if (m_loading)
            return;
        if (providerChoice() == GenericHmac)
            m_generic->setScheme(m_model->endpoint(currentRow()).scheme);
        storeForm();
        loadForm(currentRow()); // shows or hides the generic fields, updates defaults
    });
    connect(m_generic, &GenericHmacFields::changed, this, &EndpointEditor::storeForm);
    for (QSpinBox *spin : {m_tolerance, m_status, m_delay})
        connect(spin, &QSpinBox::valueChanged, this, &EndpointEditor::storeForm);
    connect(m_body, &QPlainTextEdit::textChanged, this, &EndpointEditor::storeForm);
    connect(m_headerModel, &QAbstractItemModel::dataChanged, this, &EndpointEditor::storeForm);
    connect(m_headerModel, &QAbstractItemModel::rowsRemoved, this, &EndpointEditor::storeForm);
    return m_form;
}

QGroupBox *EndpointEditor::createSecretsBox()
{
    m_secretsBox = new QGroupBox(tr("Signing secrets"), m_form);
    m_secretsBox->setObjectName(QStringLiteral("secretsBox"));
    m_secretsNote = new QLabel(m_secretsBox);
    m_secretsNote->setObjectName(QStringLiteral("secretsNote"));
    m_secretsNote->setWordWrap(true);
    m_secretModel = new SecretListModel(this);
    m_secretView = new QTableView(m_secretsBox);
    m_secretView->setObjectName(QStringLiteral("secretList"));
    m_secretView->setModel(m_secretModel);
    m_secretView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_secretView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_secretView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_secretView->verticalHeader()->hide();
    m_secretView->horizontalHeader()->setStretchLastSection(true);
    m_secretView->setMaximumHeight(110);

    m_paste = button(tr("Paste…"), "pasteSecret", m_secretsBox);
    m_generate = button(tr("Generate"), "generateSecret", m_secretsBox);
    m_reveal = button(tr("Reveal"), "revealSecret", m_secretsBox);
    m_copy = button(tr("Copy"), "copySecret", m_secretsBox);
    m_removeSecret = button(tr("Remove"), "removeSecret", m_secretsBox);
    connect(m_paste, &QPushButton::clicked, this, &EndpointEditor::pasteSecret);
    connect(m_generate, &QPushButton::clicked, this, &EndpointEditor::generateSecret);
    connect(m_reveal, &QPushButton::clicked, this, &EndpointEditor::revealSecret);
    connect(m_copy, &QPushButton::clicked, this, &EndpointEditor::copySecret);
    connect(m_removeSecret, &QPushButton::clicked, this, &EndpointEditor::removeSecret);
    connect(m_secretView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        hideRevealed();
        updateSecretButtons();
    });

    m_revealed = new QLineEdit(m_secretsBox);
    m_revealed->setObjectName(QStringLiteral("revealedSecret"));
    m_revealed->setReadOnly(true);
    m_revealed->hide();

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_paste, m_generate, m_reveal, m_copy, m_removeSecret})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(m_secretsBox);
    layout->addWidget(m_secretsNote);
    layout->addWidget(m_secretView);
    layout->addWidget(m_revealed);
    layout->addLayout(buttons);
    return m_secretsBox;
}

QGroupBox *EndpointEditor::createResponseBox()
{
    auto *box = new QGroupBox(tr("Response"), m_form);
    m_status = new QSpinBox(box);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setRange(100, 599);
    m_headerModel = new ResponseHeadersModel(this);
    m_headerView = new QTableView(box);
    m_headerView->setObjectName(QStringLiteral("responseHeaders"));
    m_headerView->setModel(m_headerModel);
    m_headerView->verticalHeader()->hide();
    m_headerView->horizontalHeader()->setStretchLastSection(true);
    m_headerView->setMaximumHeight(110);
    auto *addHeader = button(tr("Add Header"), "addHeader", box);
    auto *removeHeader = button(tr("Remove Header"), "removeHeader", box);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headerModel->appendHeader();
        m_headerView->setCurrentIndex(m_headerModel->index(row, 0));
        m_headerView->edit(m_headerView->currentIndex());
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_headerView->currentIndex();
        if (current.isValid())
            m_headerModel->removeRows(current.row(), 1);
    });
    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch();
    auto *headers = new QWidget(box);
    auto *headersLayout = new QVBoxLayout(headers);
    headersLayout->setContentsMargins(0, 0, 0, 0);
    headersLayout->addWidget(m_headerView);
    headersLayout->addLayout(headerButtons);

    m_body = new QPlainTextEdit(box);
    m_body->setObjectName(QStringLiteral("responseBody"));
    m_body->setMaximumHeight(100);
    m_delay = new QSpinBox(box);
    m_delay->setObjectName(QStringLiteral("delay"));
    m_delay->setRange(0, MaxDelayMs);
    m_delay->setSuffix(tr(" ms"));

    auto *form = new QFormLayout(box);
    form->addRow(tr("Status:"), m_status);
    form->addRow(tr("Headers:"), headers);
    form->addRow(tr("Body:"), m_body);
    form->addRow(tr("Delay:"), m_delay);
    return box;
}

AppConfig EndpointEditor::result() const
{
    AppConfig config = m_config;
    config.endpoints = m_model->endpoints();
    return config;
}

QList<SecretChange> EndpointEditor::secretChanges() const
{
    return m_edits.changes(*m_model, m_deletedIds);
}

int EndpointEditor::currentRow() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? current.row() : -1;
}

quint64 EndpointEditor::currentKey() const
{
    const int row = currentRow();
    return row < 0 ? 0 : m_model->key(row);
}

void EndpointEditor::selectEndpoint(const QString &id)
{
    const int row = m_model->rowOfId(id);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row, 0));
}

void EndpointEditor::readSecrets(int row)
{
    const quint64 key = m_model->key(row);
    if (!m_store) {
        m_edits.setEmpty(key);
        return;
    }
    m_edits.startLoading(key);
    m_store->read(m_model->endpoint(row).id, this, [this, key](const SecretStore::Result &r) {
        m_edits.setLoaded(key, r);
        if (key == currentKey())
            updateSecrets();
    });
}

void EndpointEditor::onCurrentRowChanged()
{
    loadForm(currentRow());
}

void EndpointEditor::loadForm(int row)
{
    m_loading = true;
    m_form->setEnabled(row >= 0);
    m_duplicate->setEnabled(row >= 0);
    m_delete->setEnabled(row >= 0);
    const EndpointConfig e = row >= 0 ? m_model->endpoint(row) : EndpointConfig{};
    m_id->setText(e.id);
    m_path->setText(e.path);
    setProviderChoice(e.provider);
    const bool generic = e.provider == GenericHmac;
    m_generic->setVisible(generic);
    if (generic)
        m_generic->setScheme(e.scheme);
    const auto scheme = ProviderRegistry::find(e.provider);
    const int defaultTolerance = scheme ? scheme->toleranceS : -1;
    m_tolerance->setSpecialValueText(defaultTolerance >= 0
                                         ? tr("provider default (%1 s)").arg(defaultTolerance)
                                         : tr("provider default (none)"));
    m_tolerance->setValue(e.toleranceS);
    m_status->setValue(e.response.status);
    m_headerModel->setHeaders(e.response.headers);
    m_body->setPlainText(QString::fromUtf8(e.response.body));
    m_delay->setValue(e.response.delayMs);
    m_loading = false;
    updateProblems();
    updateSecrets();
}

void EndpointEditor::storeForm()
{
    const int row = currentRow();
    if (m_loading || row < 0)
        return;
    EndpointConfig e = m_model->endpoint(row);
    e.id = m_id->text();
    e.path = m_path->text();
    e.provider = providerChoice();
    // Other providers keep their scheme object as loaded: the config keeps what it was given.
    if (e.provider == GenericHmac)
        e.scheme = m_generic->scheme();
    e.toleranceS = m_tolerance->value();
    e.response.status = m_status->value();
    e.response.headers = m_headerModel->headers();
    e.response.body = m_body->toPlainText().toUtf8();
    e.response.delayMs = m_delay->value();
    m_model->setEndpoint(row, e);
}

void EndpointEditor::updateProblems()
{
    const int row = currentRow();
    const QList<EndpointConfig> &all = m_model->endpoints();
    showError(m_idError, row >= 0 ? EndpointValidator::idProblem(all, row) : QString());
    showError(m_pathError, row >= 0 ? EndpointValidator::pathProblem(all, row) : QString());
    showError(m_schemeError,
              row >= 0 ? EndpointValidator::schemeProblem(m_model->endpoint(row)) : QString());
    int otherInvalid = 0;
    for (int i = 0; i < all.size(); ++i) {
        if (i != row && !EndpointValidator::problem(all, i).isEmpty())
            ++otherInvalid;
    }
    showError(m_listProblem,
              otherInvalid > 0
                  ? tr("%n other endpoint(s) marked in red need fixing.", nullptr, otherInvalid)
                  : QString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_saving && m_model->isValid());
}

void EndpointEditor::updateSecrets()
{
    hideRevealed();
    const SecretEdits::Entry *e = m_edits.entry(currentKey());
    if (!m_store) {
        m_secretsBox->setEnabled(false);
        m_secretsNote->setText(noKeychainText());
        m_secretModel->setSecrets({});
    } else if (!e || e->state == SecretEdits::State::Loading) {
        m_secretsBox->setEnabled(true);
        m_secretsNote->setText(tr("Reading the secrets from the keychain…"));
        m_secretModel->setSecrets({});
    } else if (e->state == SecretEdits::State::Failed) {
        m_secretsBox->setEnabled(true);
        m_secretsNote->setText(e->error);
        m_secretModel->setSecrets({});
    } else {
        m_secretsBox->setEnabled(true);
        m_secretsNote->setText(
            e->secrets.isEmpty()
                ? tr("No secret yet: requests to this endpoint verify as 'no secret'.")
                : tr("Tried in this order; the first is current. Values are masked."));
        m_secretModel->setSecrets(e->secrets);
    }
    updateSecretButtons();
}

void EndpointEditor::updateSecretButtons()
{
    const SecretEdits::Entry *e = m_edits.entry(currentKey());
    const bool loaded = m_store && e && e->state == SecretEdits::State::Loaded;
    const bool selected = currentSecretRow() >= 0;
    m_paste->setEnabled(loaded);
    m_generate->setEnabled(loaded && SecretGenerator::canGenerate(providerChoice()));
    m_reveal->setEnabled(loaded && selected);
    m_copy->setEnabled(loaded && selected);
    m_removeSecret->setEnabled(loaded && selected);
}

void EndpointEditor::hideRevealed()
{
    m_revealed->clear();
    m_revealed->hide();
}

void EndpointEditor::setProviderChoice(const QString &provider)
{
    int i = m_provider->findData(provider);
    if (i < 0) {
        // Not a provider this build knows: kept as it is rather than silently changed.
        m_provider->addItem(provider, provider);
        i = m_provider->count() - 1;
    }
    m_provider->setCurrentIndex(i);
}

QString EndpointEditor::providerChoice() const
{
    return m_provider->currentData().toString();
}

int EndpointEditor::insertNew(int row, EndpointConfig endpoint)
{
    endpoint.id = EndpointDraft::uniqueId(endpoint.id, idsOf(m_model->endpoints()));
    endpoint.path = EndpointDraft::uniquePath(endpoint.path, pathsOf(m_model->endpoints()));
    row = m_model->insertEndpoint(row, endpoint);
    m_edits.setEmpty(m_model->key(row));
    m_list->setCurrentIndex(m_model->index(row, 0));
    return row;
}

void EndpointEditor::addDraft(const EndpointConfig &draft)
{
    insertNew(m_model->rowCount(), draft);
}

void EndpointEditor::addEndpoint()
{
    EndpointConfig e;
    e.id = QStringLiteral("endpoint");
    e.path = QStringLiteral("/hook");
    insertNew(m_model->rowCount(), e);
    m_id->setFocus();
    m_id->selectAll();
}

void EndpointEditor::duplicateEndpoint()
{
    const int row = currentRow();
    if (row < 0)
        return;
    // The copy starts without secrets: one secret verifying two endpoints would make
    // `secret_of_other_endpoint` diagnoses meaningless.
    EndpointConfig copy = m_model->endpoint(row);
    copy.id += QStringLiteral("-copy");
    copy.path += QStringLiteral("-copy");
    insertNew(row + 1, copy);
}

void EndpointEditor::confirmDelete()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const quint64 key = m_model->key(row);
    const QString id = m_model->endpoint(row).id;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete Endpoint"),
                                tr("Delete endpoint \"%1\"?").arg(id), QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setInformativeText(
        m_store ? tr("Its signing secrets are removed from the OS keychain too when you press OK. "
                     "Captured requests stay in the store.")
                : tr("Captured requests stay in the store."));
    QPushButton *yes = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Non-blocking: no nested event loop while the keychain may be answering.
    connect(box, &QMessageBox::finished, this, [this, box, yes, key] {
        if (box->clickedButton() == yes)
            deleteEndpoint(key);
    });
    box->open();
}

void EndpointEditor::deleteEndpoint(quint64 key)
{
    const int row = m_model->rowOfKey(key);
    if (row < 0)
        return;
    const QString original = m_model->originalId(row);
    if (!original.isEmpty())
        m_deletedIds.append(original);
    m_edits.forget(key);
    m_model->removeEndpoint(row);
    const int next = qMin(row, m_model->rowCount() - 1);
    if (next >= 0)
        m_list->setCurrentIndex(m_model->index(next, 0));
    else
        loadForm(-1);
}

void EndpointEditor::pasteSecret()
{
    const int row = currentRow();
    if (row < 0)
        return;
    auto *dialog = new SecretPasteDialog(m_model->endpoint(row).id, this);
    const quint64 key = m_model->key(row);
    connect(dialog, &QDialog::finished, this, [this, dialog, key](int result) {
        if (result == QDialog::Accepted && key == currentKey())
            addSecret(dialog->value());
        dialog->deleteLater();
    });
    dialog->open();
}

void EndpointEditor::generateSecret()
{
    QByteArray value = SecretGenerator::generate(providerChoice());
    addSecret(value);
    SigningSecret::wipe(value);
}

void EndpointEditor::addSecret(const QByteArray &value)
{
    const quint64 key = currentKey();
    const SecretEdits::Entry *e = m_edits.entry(key);
    if (!e || e->state != SecretEdits::State::Loaded || value.isEmpty())
        return;
    QList<SigningSecret> list =
        SecretRotation::add(e->secrets, value, QDateTime::currentDateTimeUtc());
    if (list.size() > 1)
        list[1].label = QStringLiteral("previous");
    m_edits.setSecrets(key, list);
    updateSecrets();
    m_secretView->setCurrentIndex(m_secretModel->index(0, 0));
}

void EndpointEditor::revealSecret()
{
    const int row = currentSecretRow();
    if (row < 0)
        return;
    m_revealed->setText(QString::fromUtf8(m_secretModel->secrets().at(row).value));
    m_revealed->show();
}

void EndpointEditor::copySecret()
{
    const int row = currentSecretRow();
    if (row < 0)
        return;
    QGuiApplication::clipboard()->setText(
        QString::fromUtf8(m_secretModel->secrets().at(row).value));
    m_saveState->setText(tr("Secret copied to the clipboard."));
}

void EndpointEditor::removeSecret()
{
    const int row = currentSecretRow();
    const SecretEdits::Entry *e = m_edits.entry(currentKey());
    if (row < 0 || !e)
        return;
    QList<SigningSecret> list = e->secrets;
    list.removeAt(row);
    m_edits.setSecrets(currentKey(), list);
    updateSecrets();
}

int EndpointEditor::currentSecretRow() const
{
    const QModelIndex current = m_secretView->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void EndpointEditor::accept()
{
    if (m_saving || !m_model->isValid())
        return;
    const QList<SecretChange> changes = secretChanges();
    if (!m_store || changes.isEmpty()) {
        finishSaving({});
        return;
    }
    m_saving = true;
    m_pendingWrites = int(changes.size());
    m_writeErrors.clear();
    m_form->setEnabled(false);
    m_list->setEnabled(false);
    m_buttons->setEnabled(false);
    m_saveState->setText(tr("Saving the secrets to the keychain…"));
    for (const SecretChange &change : changes) {
        const QString id = change.endpointId;
        auto done = [this, id](const SecretStore::Result &r) {
            if (!r.ok())
                m_writeErrors.append(tr("%1: %2").arg(id, r.error));
            if (--m_pendingWrites == 0)
                finishSaving(m_writeErrors);
        };
        if (change.kind == SecretChange::Kind::Remove)
            m_store->remove(id, this, done);
        else
            m_store->write(id, change.secrets, this, done);
    }
}

void EndpointEditor::finishSaving(const QStringList &errors)
{
    m_saving = false;
    m_buttons->setEnabled(true);
    m_saveState->clear();
    Q_EMIT secretsWritten(errors);
    if (!errors.isEmpty()) {
        // Parented to the window that opened the editor, so the report outlives the dialog; the
        // config changes are still accepted (result()): only the secrets need setting again.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Secrets Not Saved"),
                                    tr("The endpoints were changed, but some secrets could not be "
                                       "written to the keychain. Set them again in the editor."),
                                    QMessageBox::Ok, parentWidget());
        box->setObjectName(QStringLiteral("secretWriteErrors"));
        box->setDetailedText(errors.join(QLatin1Char('\n')));
        box->setInformativeText(errors.join(QLatin1Char('\n')));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    QDialog::accept();
}

void EndpointEditor::reject()
{
    if (m_saving)
        return; // the keychain is being written: wait for its answer
    QDialog::reject();
}
