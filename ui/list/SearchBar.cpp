#include "ui/list/SearchBar.h"

#include "core/store/QueryParser.h"
#include "ui/list/QueryRunner.h"
#include "ui/list/RequestListModel.h"

#include <QAction>
#include <QCompleter>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStringListModel>
#include <QTimer>
#include <QToolButton>

namespace {

const char *const HistoryKey = "search/history";
const char *const SavedKey = "search/saved";

bool sameFilter(const CaptureFilter &a, const CaptureFilter &b)
{
    return a.verdict == b.verdict && a.endpointId == b.endpointId &&
           a.withUnmatched == b.withUnmatched && a.forward == b.forward && a.fromUs == b.fromUs &&
           a.toUs == b.toUs;
}

} // namespace

SearchBar::SearchBar(RequestListModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_runner(new QueryRunner(this)), m_edit(new QLineEdit(this)),
      m_completions(new QStringListModel(this)), m_menuButton(new QToolButton(this)),
      m_status(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit->setObjectName(QStringLiteral("searchQuery"));
    m_edit->setPlaceholderText(
        tr("Search: text, provider:stripe status:>=400 after:2d … (Ctrl+K)"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(280);
    m_edit->setAccessibleName(tr("Search and filter query"));
    m_completer = new QCompleter(m_completions, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(m_edit);
    m_menuButton->setText(tr("Filters"));
    m_menuButton->setToolTip(tr("History and saved filters"));
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setMenu(new QMenu(m_menuButton));
    connect(m_menuButton->menu(), &QMenu::aboutToShow, this, &SearchBar::showMenu);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_menuButton);
    layout->addWidget(m_status);

    connect(m_edit, &QLineEdit::textEdited, this, &SearchBar::onEdited);
    connect(m_edit, &QLineEdit::returnPressed, this, &SearchBar::apply);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &completion) {
                // replaces the word being typed
                const QString text = m_edit->text().left(m_edit->cursorPosition());
                const qsizetype start = text.lastIndexOf(QLatin1Char(' ')) + 1;
                const QString rest = m_edit->text().mid(m_edit->cursorPosition());
                const QString head = m_edit->text().left(start) + completion;
                m_edit->setText(head + rest);
                m_edit->setCursorPosition(int(head.size()));
                onEdited(m_edit->text());
            });
    connect(m_edit, &QLineEdit::cursorPositionChanged, this, &SearchBar::updateCompletions);
    connect(m_runner, &QueryRunner::finished, this, &SearchBar::onFinished);
    connect(m_runner, &QueryRunner::failed, this, [this](const QString &error) {
        m_status->setText(tr("Search failed"));
        m_status->setToolTip(error);
    });
    // the combos' filter is part of the query run: run it again when they change
    connect(m_model, &RequestListModel::countsChanged, this, [this] {
        if (!m_query.isEmpty() && m_query.isValid() && m_model->searchActive() &&
            !sameFilter(m_model->filter(), m_model->searchFilter())) {
            CaptureQuery::Context context;
            context.endpointProviders = m_providers;
            m_pendingFilter = m_model->filter();
            m_model->setSearchResult(true, {}, m_pendingFilter); // until the answer
            m_runner->run(m_query, m_pendingFilter, context);
        }
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->storePath() != m_lastStore) {
            m_lastStore = m_model->storePath();
            m_runner->setStorePath(m_lastStore);
        }
    });
    updateCompletions();
    paintValidity();
}

void SearchBar::focusQuery()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void SearchBar::setEndpointProviders(const QHash<QString, QString> &providers)
{
    m_providers = providers;
    updateCompletions();
}

void SearchBar::onEdited(const QString &text)
{
    const CaptureQuery q = CaptureQuery::parse(text);
    m_valid = q.isValid();
    paintValidity();
    m_edit->setToolTip(m_valid ? QString() : q.errorString());
    if (!m_valid) {
        m_status->setText(q.errorString());
        return;
    }
    showIndexState();
    updateCompletions();
}

void SearchBar::paintValidity()
{
    // the palette's own colours: a tint of its link or negative colour, readable in dark themes
    QPalette p = palette();
    if (!m_valid) {
        const QColor base = p.color(QPalette::Base);
        const QColor bad =
            base.lightness() < 128 ? QColor(0x70, 0x20, 0x20) : QColor(0xff, 0xd8, 0xd8);
        p.setColor(QPalette::Base, bad);
        p.setColor(QPalette::Text, base.lightness() < 128 ? QColor(Qt::white) : QColor(Qt::black));
    }
    m_edit->setPalette(p);
    m_edit->setProperty("queryValid", m_valid);
}

void SearchBar::updateCompletions()
{
    const QString text = m_edit->text().left(m_edit->cursorPosition());
    const QString word = text.mid(text.lastIndexOf(QLatin1Char(' ')) + 1);
    QStringList items;
    const qsizetype colon = word.indexOf(QLatin1Char(':'));
    const QString prefix = word.startsWith(QLatin1Char('-')) ? QStringLiteral("-") : QString();
    if (colon < 0) {
        for (const QString &f : QueryParser::fieldNames())
            items.append(prefix + f + QLatin1Char(':'));
    } else {
        const QString field = word.mid(prefix.size(), colon - prefix.size()).toLower();
        QStringList values;
        if (field == QLatin1String("verdict"))
            values = QueryParser::verdictCategories();
        else if (field == QLatin1String("forward"))
            values = QueryParser::forwardStates();
        else if (field == QLatin1String("is"))
            values = QueryParser::isValues();
        else if (field == QLatin1String("status"))
            values = {QStringLiteral(">=400"), QStringLiteral("4xx"), QStringLiteral("5xx"),
                      QStringLiteral("200")};
        else if (field == QLatin1String("after") || field == QLatin1String("before"))
            values = {QStringLiteral("15m"), QStringLiteral("1h"), QStringLiteral("today"),
                      QStringLiteral("yesterday"), QStringLiteral("2d")};
        else if (field == QLatin1String("endpoint"))
            values = m_providers.keys();
        else if (field == QLatin1String("provider"))
            values = m_providers.values();
        else if (field == QLatin1String("method"))
            values = {QStringLiteral("POST"), QStringLiteral("GET"), QStringLiteral("PUT")};
        else if (field == QLatin1String("header"))
            values = {QStringLiteral("stripe-signature"), QStringLiteral("x-hub-signature-256"),
                      QStringLiteral("content-type")};
        values.removeDuplicates();
        values.sort();
        for (const QString &v : std::as_const(values))
            items.append(word.left(colon + 1) + v);
    }
    if (m_completions->stringList() != items)
        m_completions->setStringList(items);
    m_completer->setCompletionPrefix(word);
}

void SearchBar::apply()
{
    const QString text = m_edit->text().trimmed();
    const CaptureQuery q = CaptureQuery::parse(text);
    m_valid = q.isValid();
    paintValidity();
    if (!m_valid) {
        m_status->setText(q.errorString());
        return;
    }
    m_query = q;
    m_applied = text;
    m_runner->setStorePath(m_model->storePath());
    if (q.isEmpty()) {
        m_runner->cancel();
        m_model->setSearchResult(false, {}, {});
        showIndexState();
        Q_EMIT applied(text);
        return;
    }
    remember(text);
    CaptureQuery::Context context;
    context.endpointProviders = m_providers;
    m_status->setText(tr("Searching…"));
    m_pendingFilter = m_model->filter();
    m_runner->run(q, m_pendingFilter, context);
}

void SearchBar::onFinished(const QVector<qint64> &ids, qint64 fromId, qint64 indexedUpTo,
                           qint64 latestId)
{
    m_indexedUpTo = qMax(m_indexedUpTo, indexedUpTo);
    m_latestId = qMax(m_latestId, latestId);
    // text terms hold the captures the index has read; the others every capture stored
    m_seenUpTo = m_query.usesSearchIndex() ? indexedUpTo : latestId;
    if (fromId > 0)
        m_model->appendSearchIds(ids);
    else
        m_model->setSearchResult(true, ids, m_pendingFilter);
    showIndexState();
    if (fromId == 0)
        Q_EMIT applied(m_applied);
}

void SearchBar::setIndexProgress(qint64 indexedUpTo, qint64 latestId)
{
    m_indexedUpTo = indexedUpTo;
    m_latestId = qMax(m_latestId, latestId);
    showIndexState();
    catchUpLive();
}

void SearchBar::catchUpLive()
{
    // new captures the query may select: asked for once the index has read them
    if (!m_model->searchActive() || m_runner->isRunning())
        return;
    const qint64 upTo = m_query.usesSearchIndex() ? m_indexedUpTo : m_latestId;
    if (upTo <= m_seenUpTo)
        return;
    CaptureQuery::Context context;
    context.endpointProviders = m_providers;
    context.fromId = m_seenUpTo + 1;
    m_runner->run(m_query, m_model->searchFilter(), context);
}

void SearchBar::showIndexState()
{
    if (!m_valid)
        return;
    const qint64 behind = m_latestId - m_indexedUpTo;
    QString text;
    if (m_model->searchActive())
        text = m_model->rowCount() == 1 ? tr("1 match") : tr("%1 matches").arg(m_model->rowCount());
    if (behind > 0) {
        const QString indexing = tr("indexing for search: %1 captures to go").arg(behind);
        text = text.isEmpty() ? indexing : text + QStringLiteral(" · ") + indexing;
    }
    m_status->setText(text);
    m_status->setToolTip(behind > 0 ? tr("Text, header:, body: and type: terms find the captures "
                                         "the search index has read so far")
                                    : QString());
}

void SearchBar::remember(const QString &query)
{
    QSettings settings;
    QStringList h = settings.value(QLatin1String(HistoryKey)).toStringList();
    h.removeAll(query);
    h.prepend(query);
    while (h.size() > HistorySize)
        h.removeLast();
    settings.setValue(QLatin1String(HistoryKey), h);
}

QStringList SearchBar::history() const
{
    return QSettings().value(QLatin1String(HistoryKey)).toStringList();
}

QStringList SearchBar::savedNames() const
{
    QSettings settings;
    settings.beginGroup(QLatin1String(SavedKey));
    QStringList names = settings.childKeys();
    names.sort(Qt::CaseInsensitive);
    return names;
}

void SearchBar::saveAs(const QString &name)
{
    if (name.trimmed().isEmpty() || !CaptureQuery::parse(m_edit->text()).isValid())
        return;
    QSettings settings;
    settings.beginGroup(QLatin1String(SavedKey));
    settings.setValue(name.trimmed(), m_edit->text().trimmed());
}

void SearchBar::applySaved(const QString &name)
{
    QSettings settings;
    settings.beginGroup(QLatin1String(SavedKey));
    const QString query = settings.value(name).toString();
    settings.endGroup();
    m_edit->setText(query);
    apply();
}

void SearchBar::showMenu()
{
    QMenu *menu = m_menuButton->menu();
    menu->clear();
    QAction *save = menu->addAction(tr("Save Filter As…"), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Filter"), tr("Name:"),
                                                   QLineEdit::Normal, QString(), &ok);
        if (ok)
            saveAs(name);
    });
    save->setEnabled(m_valid && !m_edit->text().trimmed().isEmpty());
    const QStringList saved = savedNames();
    if (!saved.isEmpty())
        menu->addSection(tr("Saved"));
    for (const QString &name : saved)
        menu->addAction(name, this, [this, name] { applySaved(name); });
    const QStringList recent = history();
    if (!recent.isEmpty())
        menu->addSection(tr("Recent"));
    for (const QString &q : recent) {
        menu->addAction(q, this, [this, q] {
            m_edit->setText(q);
            apply();
        });
    }
}
