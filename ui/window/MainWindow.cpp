#include "ui/window/MainWindow.h"

#include "core/config/ConfigWriter.h"
#include "core/secrets/AwsKeychain.h"
#include "core/secrets/SecretStore.h"
#include "ui/compare/CompareActions.h"
#include "ui/endpoints/EndpointDraft.h"
#include "ui/endpoints/EndpointEditor.h"
#include "ui/forward/CompiledRules.h"
#include "ui/forward/DeadLetterDialog.h"
#include "ui/forward/DeliveryTimeline.h"
#include "ui/forward/ResendActions.h"
#include "ui/forward/RulesPanel.h"
#include "ui/io/ExportDialog.h"
#include "ui/io/ImportDialog.h"
#include "ui/list/FilterBar.h"
#include "ui/list/ListStatusLabel.h"
#include "ui/list/RequestListModel.h"
#include "ui/list/RequestListView.h"
#include "ui/list/SearchBar.h"
#include "ui/list/TimelineStrip.h"
#include "ui/raw/ByteView.h"
#include "ui/raw/RawViewActions.h"
#include "ui/window/AboutDialog.h"
#include "ui/window/BodyPane.h"
#include "ui/window/CaptureActions.h"
#include "ui/window/CaptureInspector.h"
#include "ui/window/DeleteActions.h"
#include "ui/window/DesktopNotifications.h"
#include "ui/window/EmptyState.h"
#include "ui/window/KeychainReads.h"
#include "ui/window/ListKeys.h"
#include "ui/window/MarkActions.h"
#include "ui/window/PaneMenus.h"
#include "ui/window/RecentStores.h"
#include "ui/window/StatusBarItems.h"
#include "ui/window/StoreFileActions.h"
#include "ui/window/ThemeActions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

MainWindow::MainWindow(CaptureSession *session, SecretStore *secrets,
                       const CaptureSession::Options &settings, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_secrets(secrets), m_settings(settings),
      m_model(new RequestListModel(this)), m_list(new RequestListView(m_model, this)),
      m_inspector(new CaptureInspector(this)), m_loader(new CaptureLoader(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)), m_address(new QLabel(this)),
      m_filters(new FilterBar(m_model, this)), m_search(new SearchBar(m_model, this))
{
    setWindowTitle(QStringLiteral("Hookbench"));
    m_list->setObjectName(QStringLiteral("requestList"));
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection); // the current row: inspector
    m_list->verticalHeader()->hide();
    m_list->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // uniform rows
    m_list->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_list->horizontalHeader()->setSectionResizeMode(RequestListModel::PathColumn,
                                                     QHeaderView::Stretch);
    m_list->setWordWrap(false);

    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_inspector);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);
    statusBar()->addPermanentWidget(new ListStatusLabel(m_model, this)); // kept true
    statusBar()->addPermanentWidget(m_address);
    new StatusBarItems(statusBar(), m_session, m_secrets); // req/s, keychain unavailable
    m_emptyState = new EmptyState(m_list, m_model);        // over the list while the store is empty
    connect(m_emptyState, &EmptyState::startListenerRequested, this, &MainWindow::startListener);
    connect(m_emptyState, &EmptyState::createEndpointRequested, this, [this] { editEndpoints(); });
    connect(m_emptyState, &EmptyState::copied, this,
            [this](const QString &message) { statusBar()->showMessage(message, 3000); });

    createActions();
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentRowChanged);
    connect(m_loader, &CaptureLoader::loaded, m_inspector, &CaptureInspector::show);
    connect(m_loader, &CaptureLoader::failed, m_inspector,
            [this](qint64, const QString &error) { m_inspector->showMessage(error); });
    connect(m_session, &CaptureSession::captured, m_model, &RequestListModel::appendLive);
    connect(m_session, &CaptureSession::completed, m_model, [this](const CaptureSummary &s) {
        if (!s.verdictReason.isEmpty()) // its hazards are stored now
            m_model->refresh(s.id);
    });
    // A verdict that no longer holds (new secret, new tolerance) is replaced through the
    // session's one writer; its bytes are untouched.
    connect(m_loader, &CaptureLoader::verdictOutdated, m_session, &CaptureSession::updateVerdict);
    connect(m_session, &CaptureSession::verdictUpdated, m_model,
            [this](qint64 id) { m_model->refresh(id); });
    // Forward outcomes and retries by hand: the row's Forward column and the open timeline.
    connect(m_session, &CaptureSession::forwardUpdated, m_model, &RequestListModel::refreshForward);
    connect(m_session, &CaptureSession::forwardUpdated, m_inspector->deliveryTimeline(),
            &DeliveryTimeline::applyEntry);
    connect(m_session, &CaptureSession::forwardsRequeued, m_inspector->deliveryTimeline(),
            &DeliveryTimeline::onRequeued);
    connect(m_session, &CaptureSession::forwardsRequeued, m_model,
            [this](const QVector<qint64> &ids, bool allDead) {
                if (allDead)
                    m_model->refreshAll();
                for (const qint64 id : ids)
                    m_model->refresh(id);
            });
    applyRules();
    m_session->setConfig(m_settings.config);
    m_emptyState->setConfig(m_settings.config);
    applySecrets(m_settings.secrets);
    if (m_secrets)
        connect(m_secrets, &SecretStore::secretsChanged, this, &MainWindow::onSecretsChanged);
    connect(m_session, &CaptureSession::reverifyProgress, this, [this](qint64 done, qint64 total) {
        statusBar()->showMessage(tr("Verifying again: %1 of %2").arg(done).arg(total));
    });
    connect(m_session, &CaptureSession::reverifyFinished, this,
            [this](const QString &endpointId, qint64 changed, const QString &error) {
                statusBar()->showMessage(
                    error.isEmpty()
                        ? tr("%1: %n verdict(s) changed", nullptr, int(changed)).arg(endpointId)
                        : error,
                    5000);
                m_model->refreshAll(); // the verdicts shown are re-read; rows stay put
            });
    connect(m_session, &CaptureSession::storeFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Store error: %1").arg(error));
    });
    restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Store…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open capture store"), m_model->storePath(),
                                         tr("Hookbench stores (*.sqlite *.db);;All files (*)"));
        if (!path.isEmpty())
            openStore(path);
    });
    open->setShortcut(QKeySequence::Open);
    QAction *import = file->addAction(tr("&Import…"), this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Import into %1").arg(m_settings.storePath), QString(),
            tr("HAR, raw requests, JSONL, AWS events and logs (*.har *.http *.txt *.json "
               "*.jsonl *.log);;All files (*)"));
        if (!files.isEmpty())
            importFiles(files);
    });
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    QAction *exportTo = file->addAction(tr("&Export…"), this, [this] { // ui/io/ExportDialog
        auto *dialog =
            new ExportDialog(m_model, m_list->selectionModel(), m_session->context(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    exportTo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    // Open Recent, Save Store As, Merge Store Into This, Retention (ui/window/StoreFileActions)
    auto *storeFiles = new StoreFileActions(
        file, m_session, m_model, [this](const QString &path) { return openStore(path); },
        [this] { return m_settings.config.retention; }, this);
    connect(storeFiles, &StoreFileActions::told, statusBar(), &QStatusBar::showMessage);
    connect(storeFiles, &StoreFileActions::retentionChosen, this, [this](RetentionLimits limits) {
        AppConfig config = m_settings.config;
        config.retention = limits;
        QString error;
        if (m_configPath.isEmpty() || !ConfigWriter::write(config, m_configPath, &error))
            QMessageBox::warning(this, tr("Retention not saved"),
                                 m_configPath.isEmpty() ? tr("No config file to save to.") : error);
        m_settings.config = config; // the writer applies it from the next commit
        m_session->setConfig(config);
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *listener = menuBar()->addMenu(tr("&Listener"));
    m_toggleListener = listener->addAction(tr("&Start Listener"), this, [this] {
        if (m_session->isListening())
            stopListener();
        else
            startListener();
    });
    m_toggleListener->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_copyUrl = listener->addAction(tr("&Copy URL"), this, [this] {
        QGuiApplication::clipboard()->setText(m_session->url());
        statusBar()->showMessage(tr("Copied %1").arg(m_session->url()), 3000);
    });
    m_copyUrl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

    QMenu *endpoints = menuBar()->addMenu(tr("&Endpoints"));
    QAction *edit = endpoints->addAction(tr("&Edit Endpoints…"), this, [this] { editEndpoints(); });
    edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *fromRequest = endpoints->addAction(tr("&Create Endpoint from Request"), this, [this] {
        const CaptureLoader::Result *current = m_inspector->current();
        if (current)
            editEndpoints(&current->capture);
        else
            statusBar()->showMessage(tr("Select a request first"), 3000);
    });
    fromRequest->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QAction *all =
        endpoints->addAction(tr("Show &All Requests"), this, [this] { showRequestsOf(QString()); });
    all->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *focusList = view->addAction(tr("Request &List"), this, [this] { m_list->setFocus(); });
    focusList->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *focusRaw = view->addAction(tr("&Raw Bytes"), this, [this] {
        m_inspector->showTab(CaptureInspector::Tab::Request); // the panes' tab
        m_inspector->rawView()->setFocus();
    });
    focusRaw->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction *focusHeaders = view->addAction(tr("&Headers"), this, [this] {
        m_inspector->showTab(CaptureInspector::Tab::Request);
        m_inspector->headersView()->setFocus();
    });
    focusHeaders->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    QAction *focusBody = view->addAction(tr("&Body"), this, [this] {
        m_inspector->showTab(CaptureInspector::Tab::Request);
        m_inspector->bodyPane()->setFocus();
    });
    focusBody->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));

    QAction *delivery = view->addAction(tr("&Delivery Timeline"), this, [this] {
        m_inspector->showTab(CaptureInspector::Tab::Delivery);
        m_inspector->deliveryTimeline()->setFocus();
    });
    delivery->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    QAction *rules = view->addAction(tr("R&ules of the Request"), this, [this] {
        m_inspector->showTab(CaptureInspector::Tab::Rules);
        m_inspector->rulesPanel()->setFocus();
    });
    rules->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_6));
    view->addSeparator(); // Soft Wrap (Alt+Z), Line-End Marks (Alt+Shift+Z), remembered
    new RawViewActions(view, {m_inspector->rawView(), m_inspector->bodyPane()->textView()}, this);
    new PaneMenus(m_inspector); // copy value / JSON pointer / header / bytes; accessible names
    new DesktopNotifications(view, this, m_session); // off unless checked
    new ThemeActions(view, this);                    // System, Light or Dark, remembered

    QMenu *forwarding = menuBar()->addMenu(tr("F&orwarding"));
    QAction *dead =
        forwarding->addAction(tr("&Dead Forwards…"), this, [this] { showDeadForwards(); });
    dead->setObjectName(QStringLiteral("showDeadForwards"));
    dead->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    const auto selected = [this]() -> const Capture * {
        const CaptureLoader::Result *current = m_inspector->current();
        return current ? &current->capture : nullptr;
    };
    new ResendActions(forwarding, m_secrets, &m_settings.config, selected, this); // Ctrl+(Shift+)R
    // the Request menu (copy as curl / raw HTTP / body, save, open) and the list's context menu
    const auto loaded = [this]() -> const Capture * { // the selected row's capture, once loaded
        const CaptureLoader::Result *current = m_inspector->current();
        const QModelIndex row = m_list->currentIndex();
        const bool same = current && row.isValid() &&
                          current->capture.summary.id == m_model->captureId(row.row());
        return same ? &current->capture : nullptr;
    };
    QMenu *request = menuBar()->addMenu(tr("&Request"));
    auto *copy = new CaptureActions(
        request, loaded, [this] { return m_session->url(); }, this);
    connect(copy, &CaptureActions::told, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_list->addActions(copy->actions());
    for (const char *name : {"resendCapture", "editAndResendCapture"})
        m_list->addAction(findChild<QAction *>(QLatin1String(name)));
    m_list->addAction(fromRequest);
    auto *marks = new MarkActions(request, m_list, m_model, m_session, m_inspector->tabs());
    m_list->addActions(marks->actions()); // Ctrl+B, Ctrl+Shift+N (the Note tab)
    auto *deletes = new DeleteActions(request, file, m_list, m_model, m_session, this); // Delete
    connect(deletes, &DeleteActions::told, statusBar(), &QStatusBar::showMessage);
    const auto selectedId = [this] {
        const QModelIndex current = m_list->currentIndex();
        return current.isValid() ? m_model->captureId(current.row()) : 0;
    }; // Ctrl+D, Ctrl+Shift+P, Ctrl+M, Ctrl+Shift+K:
    new CompareActions(
        menuBar()->addMenu(tr("&Compare")), selectedId, [this] { return m_model->storePath(); },
        this);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Hookbench"), this, [this] {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });

    QToolBar *bar = addToolBar(tr("Listener"));
    bar->setObjectName(QStringLiteral("listenerToolBar"));
    bar->addAction(m_toggleListener);
    bar->addAction(m_copyUrl);
    bar->addAction(open);
    bar->addSeparator();
    bar->addWidget(m_filters);
    QAction *focusFilter = view->addAction(tr("&Filter by Verdict"), m_filters->verdictBox(),
                                           [this] { m_filters->verdictBox()->setFocus(); });
    focusFilter->setShortcut(QKeySequence::Find);
    QAction *focusForward =
        forwarding->addAction(tr("&Filter by Forward State"), m_filters->forwardBox(),
                              [this] { m_filters->forwardBox()->setFocus(); });
    focusForward->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    QAction *focusRules =
        forwarding->addAction(tr("Filter by &Rule Matches"), m_filters->rulesBox(),
                              [this] { m_filters->rulesBox()->setFocus(); });
    focusRules->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    // the query bar on a row of its own; the combos above stay as shortcuts, ANDed with it
    addToolBarBreak();
    QToolBar *searchTools = addToolBar(tr("Search"));
    searchTools->setObjectName(QStringLiteral("searchToolBar"));
    searchTools->addWidget(m_search);
    // the timeline strip right above the list: its brushed range filters the list
    addToolBarBreak();
    QToolBar *timelineTools = addToolBar(tr("Timeline"));
    timelineTools->setObjectName(QStringLiteral("timelineToolBar"));
    auto *timeline = new TimelineStrip(m_model, timelineTools);
    timeline->followSearch(m_search);
    timelineTools->addWidget(timeline);
    QAction *focusTimeline = view->addAction(
        tr("Ti&meline"), timeline, [timeline] { timeline->setFocus(Qt::ShortcutFocusReason); });
    focusTimeline->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    QAction *focusSearch =
        view->addAction(tr("&Search and Filter…"), m_search, &SearchBar::focusQuery);
    focusSearch->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_session, &CaptureSession::searchIndexProgress, m_search,
            &SearchBar::setIndexProgress);
    new ListKeys(m_list, m_search, view); // j/k in the list, "/" to the query bar
}

bool MainWindow::openStore(const QString &path)
{
    // An import writes through the session's writer into the open store: it finishes first (a
    // second instance may hand over a store file while the import dialog is up).
    for (const ImportDialog *import : findChildren<ImportDialog *>()) {
        if (import->job()->isRunning()) {
            auto *box = new QMessageBox(QMessageBox::Information, tr("Import running"),
                                        tr("An import into %1 is running. Wait for it to finish "
                                           "or cancel it, then open %2.")
                                            .arg(m_settings.storePath, path),
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            return false;
        }
    }
    const bool wasListening = m_session->isListening();
    QString error;
    // The session writes the store (creating it); the list and the inspector only read it.
    if (!m_session->open(path, &error) || !m_model->open(path, &error)) {
        QMessageBox::warning(this, tr("Cannot open the store"), error);
        updateListenerState();
        return false;
    }
    m_settings.storePath = path;
    RecentStores::add(path); // File > Open Recent
    m_loader->setStorePath(path);
    m_inspector->setStorePath(path);
    m_inspector->showMessage(tr("Store %1: select a request to see it.").arg(path));
    if (wasListening)
        startListener();
    updateListenerState();
    return true;
}

bool MainWindow::openFiles(const QStringList &files)
{
    QStringList imports; // HAR, raw requests, JSONL, what AWS logged: into the open store
    for (const QString &file : files) {
        if (ImportJob::isStoreFile(file))
            openStore(file);
        else
            imports.append(file);
    }
    if (!imports.isEmpty() && !m_session->isOpen())
        openStore(m_settings.storePath);
    if (!imports.isEmpty() && m_session->isOpen())
        importFiles(imports);
    raise();
    activateWindow();
    return m_session->isOpen();
}

void MainWindow::importFiles(const QStringList &files)
{
    auto *dialog = new ImportDialog(files, m_settings.storePath, m_settings.config.durability,
                                    m_session->context(), this, m_session->writer());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, m_model,
            [this] { m_model->setFilter(m_model->filter()); }); // the new rows are read
    dialog->open();
}

bool MainWindow::startListener()
{
    QString error;
    const bool ok = m_session->startListening(m_settings.bind, m_settings.port, &error);
    if (!ok)
        statusBar()->showMessage(tr("Listener not started: %1").arg(error));
    updateListenerState();
    return ok;
}

void MainWindow::stopListener()
{
    m_session->stopListening();
    updateListenerState();
}

void MainWindow::applySecrets(const CaptureVerifier::Secrets &secrets)
{
    m_settings.secrets = secrets;
    m_session->setSecrets(secrets);
    m_loader->setVerifier(m_session->context());
}

EndpointEditor *MainWindow::editEndpoints(const Capture *fromCapture)
{
    auto *editor = new EndpointEditor(m_settings.config, m_secrets, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setAwsKeychain(m_awsKeychain);
    // The selected request: the forward page previews its PutEvents entry, the rules page tests
    // the rules against it.
    if (const CaptureLoader::Result *current = m_inspector->current()) {
        QByteArray verdict = current->capture.summary.verdictJson;
        if (verdict.isEmpty() && current->verdict)
            verdict = QJsonDocument(current->verdict->toJson()).toJson(QJsonDocument::Compact);
        editor->setSelectedCapture({current->capture, verdict});
    }
    if (fromCapture)
        editor->addDraft(EndpointDraft::fromCapture(*fromCapture, m_settings.config));
    connect(editor, &EndpointEditor::showRequestsOf, this, &MainWindow::showRequestsOf);
    connect(editor, &QDialog::accepted, this, [this, editor] {
        const AppConfig config = editor->result();
        QString error;
        if (m_configPath.isEmpty() || !ConfigWriter::write(config, m_configPath, &error)) {
            QMessageBox::warning(this, tr("Endpoints not saved"),
                                 m_configPath.isEmpty() ? tr("No config file to save to.") : error);
        }
        applyConfig(config);
        loadAwsKeys(); // the keychain was written before the dialog closed
    });
    editor->open();
    return editor;
}

void MainWindow::applyConfig(const AppConfig &config)
{
    // New paths, providers and responses take effect with the next request; the listener keeps
    // its port and its connections.
    m_settings.config = config;
    m_session->setConfig(config);
    m_emptyState->setConfig(config);
    m_loader->setVerifier(m_session->context());
    applyRules();
    for (const EndpointConfig &e : config.endpoints) {
        if (!e.provider.isEmpty())
            m_session->reverify(e.id);
    }
}

void MainWindow::applyRules()
{
    const std::shared_ptr<const CompiledRules> rules = CompiledRules::compile(m_settings.config);
    m_model->setRules(rules);
    m_filters->setRules(rules);
    QHash<QString, QString> providers; // for the query bar's provider:
    for (const EndpointConfig &e : m_settings.config.endpoints)
        providers.insert(e.id, e.provider);
    m_search->setEndpointProviders(providers);
    m_inspector->rulesPanel()->setRules(rules);
}

DeadLetterDialog *MainWindow::showDeadForwards()
{
    if (!m_session->isOpen()) {
        statusBar()->showMessage(tr("Open a store first"), 3000);
        return nullptr;
    }
    auto *dialog = new DeadLetterDialog(m_session, m_session->storePath(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeadLetterDialog::showCaptureRequested, this, &MainWindow::selectCapture);
    dialog->open();
    return dialog;
}

void MainWindow::selectCapture(qint64 id)
{
    const int row = m_model->rowForId(id);
    if (row < 0) {
        statusBar()->showMessage(tr("Capture %1 is not in the list as filtered").arg(id), 5000);
        return;
    }
    m_list->setCurrentIndex(m_model->index(row, RequestListModel::TimeColumn));
    m_list->scrollTo(m_list->currentIndex());
}

void MainWindow::showRequestsOf(const QString &endpointId)
{
    CaptureFilter filter = m_model->filter();
    filter.endpointId = endpointId;
    m_model->setFilter(filter);
    statusBar()->showMessage(
        endpointId.isEmpty() ? tr("Showing the requests of every endpoint")
                             : tr("Showing the requests of %1 (Ctrl+Shift+A: all)").arg(endpointId),
        5000);
}

void MainWindow::onSecretsChanged(const QString &endpointId)
{
    m_secrets->read(endpointId, this, [this, endpointId](const SecretStore::Result &result) {
        CaptureVerifier::Secrets secrets = m_settings.secrets;
        if (result.ok() && !result.secrets.isEmpty())
            secrets.insert(endpointId, result.secrets);
        else
            secrets.remove(endpointId);
        applySecrets(secrets); // new captures are verified with it from the next request on
        m_session->reverify(endpointId);
    });
}

void MainWindow::loadSecrets(std::function<void()> then)
{
    const auto loaded = [this, then](const CaptureVerifier::Secrets &secrets,
                                     const QString &problem) {
        applySecrets(secrets);
        if (!problem.isEmpty())
            statusBar()->showMessage(
                tr("%1 — capturing goes on; verification shows \"no secret\"").arg(problem));
        then();
    };
    if (!KeychainReads::secrets(m_settings.config, m_secrets, this, loaded))
        then();
}

void MainWindow::loadAwsKeys()
{
    KeychainReads::awsKeys(m_settings.config, m_awsKeychain, m_session, this);
}

void MainWindow::setConfigProblem(const QString &problem)
{
    if (!problem.isEmpty())
        QMessageBox::warning(this, tr("Config problem"),
                             tr("%1\n\nHookbench runs with the default settings until the file is "
                                "fixed.")
                                 .arg(problem));
}

void MainWindow::updateListenerState()
{
    const bool running = m_session->isListening();
    m_toggleListener->setText(running ? tr("&Stop Listener") : tr("&Start Listener"));
    m_copyUrl->setEnabled(running);
    m_address->setText(running ? tr("Listening on %1").arg(m_session->url())
                               : tr("Listener stopped"));
    m_emptyState->setListener(running ? m_session->url() : QString());
    setWindowTitle(QStringLiteral("Hookbench — %1").arg(m_settings.storePath));
}

void MainWindow::onCurrentRowChanged(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    m_loader->load(m_model->captureId(current.row()));
}

void MainWindow::restoreState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value("window/geometry").toByteArray()))
        resize(1280, 800);
    QMainWindow::restoreState(settings.value("window/state").toByteArray());
    m_splitter->restoreState(settings.value("window/mainSplitter").toByteArray());
    m_inspector->splitter()->restoreState(settings.value("window/inspectorSplitter").toByteArray());
    // columns shown, their order and widths, the sort: saved by the view as they change
    static_cast<RequestListView *>(m_list)->restoreColumns(QStringLiteral("list/header"));
}

void MainWindow::saveState() const
{
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", QMainWindow::saveState());
    settings.setValue("window/mainSplitter", m_splitter->saveState());
    settings.setValue("window/inspectorSplitter", m_inspector->splitter()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    event->accept();
}
