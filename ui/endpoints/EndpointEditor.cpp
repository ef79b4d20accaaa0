#include "ui/endpoints/EndpointEditor.h"

#include "core/secrets/AwsKeychain.h"
#include "core/secrets/SecretStore.h"
#include "ui/endpoints/AwsCredentialsBox.h"
#include "ui/endpoints/EditorWidgets.h"
#include "ui/endpoints/EndpointDraft.h"
#include "ui/endpoints/EndpointGeneralPage.h"
#include "ui/endpoints/EndpointListModel.h"
#include "ui/endpoints/EndpointValidator.h"
#include "ui/endpoints/ForwardPage.h"
#include "ui/endpoints/ResponsePage.h"
#include "ui/endpoints/RulesPage.h"
#include "ui/endpoints/SecretsPage.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

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

QScrollArea *scrolled(QWidget *page, QWidget *parent)
{
    auto *scroll = new QScrollArea(parent);
    scroll->setWidgetResizable(true);
    scroll->setWidget(page);
    return scroll;
}

} // namespace

EndpointEditor::EndpointEditor(const AppConfig &config, SecretStore *secrets, QWidget *parent)
    : QDialog(parent), m_config(config), m_store(secrets), m_model(new EndpointListModel(this))
{
    setWindowTitle(tr("Endpoints"));
    m_model->setEndpoints(config.endpoints);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(createListPane());
    splitter->addWidget(createPages());
    splitter->setStretchFactor(1, 1);

    m_saveState = new QLabel(this);
    m_saveState->setObjectName(QStringLiteral("saveState"));
    connect(m_secrets, &SecretsPage::statusMessage, m_saveState, &QLabel::setText);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EndpointEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EndpointEditor::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_saveState, 1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);
    resize(1100, 760);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { loadForm(currentRow()); });
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
    return SecretsPage::noKeychainText();
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

    auto *add = EditorWidgets::button(tr("Add"), "addEndpoint", pane);
    m_duplicate = EditorWidgets::button(tr("Duplicate"), "duplicateEndpoint", pane);
    m_delete = EditorWidgets::button(tr("Delete…"), "deleteEndpoint", pane);
    connect(add, &QPushButton::clicked, this, &EndpointEditor::addEndpoint);
    connect(m_duplicate, &QPushButton::clicked, this, &EndpointEditor::duplicateEndpoint);
    connect(m_delete, &QPushButton::clicked, this, &EndpointEditor::confirmDelete);
    m_listProblem = EditorWidgets::errorLabel(pane, "listProblem");

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
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

QWidget *EndpointEditor::createPages()
{
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("endpointForm"));

    auto *endpointPage = new QWidget;
    m_general = new EndpointGeneralPage(endpointPage);
    m_secrets = new SecretsPage(&m_edits, m_store, endpointPage);
    m_response = new ResponsePage(endpointPage);
    auto *endpointLayout = new QVBoxLayout(endpointPage);
    endpointLayout->addWidget(m_general);
    endpointLayout->addWidget(m_secrets);
    endpointLayout->addWidget(m_response);
    endpointLayout->addStretch();
    m_forward = new ForwardPage;
    m_forward->setObjectName(QStringLiteral("forwardPage"));
    m_rules = new RulesPage;
    m_rules->setObjectName(QStringLiteral("rulesPage"));
    m_pages->addTab(scrolled(endpointPage, m_pages), tr("&Endpoint"));
    m_pages->addTab(scrolled(m_forward, m_pages), tr("F&orward"));
    m_pages->addTab(m_rules, tr("Ru&les"));

    connect(m_general, &EndpointGeneralPage::changed, this, &EndpointEditor::storeForm);
    connect(m_general, &EndpointGeneralPage::providerChanged, this,
            [this] { loadForm(currentRow()); }); // shows or hides the generic fields
    connect(m_general, &EndpointGeneralPage::showRequestsClicked, this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        // Captures are recorded under the id the endpoint had when they arrived.
        const QString original = m_model->originalId(row);
        Q_EMIT showRequestsOf(original.isEmpty() ? m_model->endpoint(row).id : original);
    });
    connect(m_response, &ResponsePage::changed, this, &EndpointEditor::storeForm);
    connect(m_forward, &ForwardPage::changed, this, &EndpointEditor::storeForm);
    connect(m_forward->credentialsBox(), &AwsCredentialsBox::keyEdited, this,
            &EndpointEditor::updateProblems);
    connect(m_rules, &RulesPage::changed, this, &EndpointEditor::storeForm);
    return m_pages;
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

void EndpointEditor::setAwsKeychain(AwsKeychain *keychain)
{
    m_awsKeychain = keychain;
    m_forward->credentialsBox()->setEdits(keychain ? &m_awsEdits : nullptr);
    if (keychain) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            if (m_model->originalId(row).isEmpty()) // added here: nothing stored yet
                m_awsEdits.setEmpty(m_model->key(row));
            else
                readAwsKey(row);
        }
    }
    m_forward->credentialsBox()->setEndpoint(currentKey());
}

QList<AwsKeyEdits::Change> EndpointEditor::awsKeyChanges() const
{
    return m_awsKeychain ? m_awsEdits.changes(*m_model, m_deletedIds)
                         : QList<AwsKeyEdits::Change>();
}

void EndpointEditor::readAwsKey(int row)
{
    const quint64 key = m_model->key(row);
    m_awsEdits.startLoading(key);
    m_awsKeychain->read(m_model->endpoint(row).id, this, [this, key](const AwsKeychain::Result &r) {
        m_awsEdits.setLoaded(key, r);
        if (key == currentKey())
            m_forward->credentialsBox()->refresh();
    });
}

bool EndpointEditor::awsKeysValid() const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (!m_awsEdits.problem(m_model->key(row)).isEmpty())
            return false;
    }
    return true;
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

void EndpointEditor::setSelectedCapture(const SelectedCapture &capture)
{
    m_capture = capture;
    m_forward->setCapture(&*m_capture);
    m_rules->setCapture(&*m_capture);
    selectEndpoint(capture.capture.summary.endpointId);
    refreshPages();
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
        if (key == m_secrets->key())
            m_secrets->refresh();
    });
}

void EndpointEditor::loadForm(int row)
{
    m_loading = true;
    m_pages->setEnabled(row >= 0);
    m_duplicate->setEnabled(row >= 0);
    m_delete->setEnabled(row >= 0);
    const EndpointConfig e = row >= 0 ? m_model->endpoint(row) : EndpointConfig{};
    m_general->load(e);
    m_response->load(e);
    m_forward->load(e);
    m_rules->load(e);
    m_loading = false;
    updateProblems();
    m_secrets->setEndpoint(row >= 0 ? m_model->key(row) : 0, e.id, e.provider);
    m_forward->credentialsBox()->setEndpoint(row >= 0 ? m_model->key(row) : 0);
    refreshPages();
}

void EndpointEditor::storeForm()
{
    const int row = currentRow();
    if (m_loading || row < 0)
        return;
    EndpointConfig e = m_model->endpoint(row);
    const EndpointConfig before = e;
    m_general->store(&e);
    m_response->store(&e);
    m_forward->store(&e);
    m_rules->store(&e);
    m_model->setEndpoint(row, e);
    if (e.id != before.id || e.provider != before.provider) // Generate depends on the provider
        m_secrets->setEndpoint(m_model->key(row), e.id, e.provider);
    refreshPages();
}

void EndpointEditor::refreshPages()
{
    const int row = currentRow();
    const EndpointConfig e = row >= 0 ? m_model->endpoint(row) : EndpointConfig{};
    m_forward->refresh(e);
    m_rules->refresh(e);
}

void EndpointEditor::updateProblems()
{
    const int row = currentRow();
    const QList<EndpointConfig> &all = m_model->endpoints();
    if (row >= 0)
        m_general->showProblems(EndpointValidator::idProblem(all, row),
                                EndpointValidator::pathProblem(all, row),
                                EndpointValidator::schemeProblem(m_model->endpoint(row)));
    else
        m_general->showProblems({}, {}, {});
    int otherInvalid = 0;
    for (int i = 0; i < all.size(); ++i) {
        if (i != row && !EndpointValidator::problem(all, i).isEmpty())
            ++otherInvalid;
    }
    EditorWidgets::showError(
        m_listProblem, otherInvalid > 0 ? tr("%n other endpoint(s) marked in red need fixing.",
                                             nullptr, otherInvalid)
                                        : QString());
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_saving && m_model->isValid() && awsKeysValid());
}

int EndpointEditor::insertNew(int row, EndpointConfig endpoint)
{
    endpoint.id = EndpointDraft::uniqueId(endpoint.id, idsOf(m_model->endpoints()));
    endpoint.path = EndpointDraft::uniquePath(endpoint.path, pathsOf(m_model->endpoints()));
    row = m_model->insertEndpoint(row, endpoint);
    m_edits.setEmpty(m_model->key(row));
    m_awsEdits.setEmpty(m_model->key(row)); // a copy starts without the key, as without secrets
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
    m_pages->setCurrentIndex(0);
    m_general->idField()->setFocus();
    m_general->idField()->selectAll();
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
    m_awsEdits.forget(key);
    m_model->removeEndpoint(row);
    const int next = qMin(row, m_model->rowCount() - 1);
    if (next >= 0)
        m_list->setCurrentIndex(m_model->index(next, 0));
    else
        loadForm(-1);
}

void EndpointEditor::accept()
{
    if (m_saving || !m_model->isValid() || !awsKeysValid())
        return;
    const QList<SecretChange> changes = m_store ? secretChanges() : QList<SecretChange>();
    const QList<AwsKeyEdits::Change> awsChanges = awsKeyChanges();
    if (changes.isEmpty() && awsChanges.isEmpty()) {
        finishSaving({});
        return;
    }
    m_saving = true;
    m_pendingWrites = int(changes.size() + awsChanges.size());
    m_writeErrors.clear();
    m_pages->setEnabled(false);
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
    for (const AwsKeyEdits::Change &change : awsChanges) {
        const QString id = change.endpointId;
        auto done = [this, id](const AwsKeychain::Result &r) {
            if (!r.ok())
                m_writeErrors.append(tr("%1 (AWS access key): %2").arg(id, r.error));
            if (--m_pendingWrites == 0)
                finishSaving(m_writeErrors);
        };
        if (change.kind == AwsKeyEdits::Change::Kind::Remove)
            m_awsKeychain->remove(id, this, done);
        else
            m_awsKeychain->write(id, change.key, this, done);
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
