#include "ui/list/RequestListModel.h"

#include "ui/io/ImportOriginText.h"
#include "ui/list/OrderedIdsReader.h"
#include "ui/list/RuleMatchCache.h"
#include "ui/list/RuleMatchScan.h"
#include "ui/verdict/VerdictStyle.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QHash>
#include <QLocale>

namespace {

QString sizeText(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString forwardText(const QString &state)
{
    if (state == QLatin1String("delivered"))
        return RequestListModel::tr("→ delivered");
    if (state == QLatin1String("queued"))
        return RequestListModel::tr("… queued");
    if (state == QLatin1String("retrying"))
        return RequestListModel::tr("⟳ retrying");
    if (state == QLatin1String("dead"))
        return RequestListModel::tr("✘ dead");
    if (state == QLatin1String("skipped"))
        return RequestListModel::tr("– skipped");
    return state;
}

} // namespace

RequestListModel::RequestListModel(QObject *parent)
    : QAbstractTableModel(parent), m_pages(64), m_ruleMatches(new RuleMatchCache(this)),
      m_scan(new RuleMatchScan(this)), m_reader(new OrderedIdsReader(this)),
      m_palette(QGuiApplication::palette()), m_headlines(4096)
{
    connect(m_reader, &OrderedIdsReader::ready, this, &RequestListModel::onOrderedIds);
    connect(m_scan, &RuleMatchScan::matched, this, &RequestListModel::appendIds);
    connect(m_scan, &RuleMatchScan::started, this, &RequestListModel::changed);
    connect(m_scan, &RuleMatchScan::finished, this, &RequestListModel::changed);
    connect(m_ruleMatches, &RuleMatchCache::ready, this, [this](qint64 id) {
        const int row = rowForId(id);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, MatchesColumn), index(row, MatchesColumn));
    });
}

void RequestListModel::setRules(std::shared_ptr<const CompiledRules> rules)
{
    m_rules = rules;
    m_ruleMatches->setRules(std::move(rules));
    if (m_ruleFilter.isActive()) { // the verdicts the rows were chosen by may have changed
        beginResetModel();
        reload();
        endResetModel();
        return;
    }
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, MatchesColumn), index(int(m_ids.size()) - 1, MatchesColumn));
}

bool RequestListModel::open(const QString &storePath, QString *error)
{
    beginResetModel();
    m_pages.clear();
    m_pending.clear();
    m_single = CaptureSummary();
    m_searchActive = false; // another store: the search bar applies its query again
    const bool ok = m_store.openReadOnly(storePath);
    m_ruleMatches->setStorePath(storePath);
    m_total = ok ? m_store.count() : 0;
    m_countedTo = ok ? m_store.lastId() : 0;
    m_marks.load(m_store);
    reload();
    endResetModel();
    changed();
    if (!ok && error)
        *error = m_store.errorString();
    return ok;
}

void RequestListModel::setFilter(const CaptureFilter &filter)
{
    beginResetModel();
    m_filter = filter;
    reload();
    endResetModel();
    changed();
}

void RequestListModel::setRuleFilter(const RuleFilter &filter)
{
    beginResetModel();
    m_ruleFilter = filter;
    reload();
    endResetModel();
    changed();
}

CaptureOrder RequestListModel::appliedOrder() const
{
    // the rule scan and the search bar find their rows in id order
    return m_ruleFilter.isActive() || m_searchActive ? CaptureOrder() : m_order;
}

bool RequestListModel::isLoading() const
{
    return m_reader->isReading();
}

void RequestListModel::reload()
{
    m_pages.clear();
    m_pending.clear();
    m_headlines.clear();
    m_single = CaptureSummary();
    m_arrivedWhileReading.clear();
    m_keepRows = false;
    m_reader->cancel();
    if (m_searchActive && m_store.isOpen()) { // the search bar's rows, in arrival order
        m_scan->stop();
        m_ids = m_searchIds;
        m_lastRead = qMax(m_lastRead, m_ids.isEmpty() ? 0 : m_ids.last());
        return;
    }
    if (m_store.isOpen() && !appliedOrder().isArrival()) {
        // empty until the worker has read the ids in this order
        m_ids.clear();
        m_scan->stop();
        m_reader->read(m_store.path(), m_filter, appliedOrder());
        return;
    }
    m_ids = m_store.isOpen() ? m_store.ids(m_filter) : QVector<qint64>();
    m_lastRead = m_ids.isEmpty() ? 0 : m_ids.last();
    if (!m_ruleFilter.isActive() || !m_store.isOpen()) {
        m_scan->stop();
        return;
    }
    // the scan reads the captures on its own connection; rows appear as it finds them
    QVector<qint64> all;
    all.swap(m_ids);
    m_scan->start(m_store.path(), m_rules ? m_rules : CompiledRules::compile({}), m_ruleFilter,
                  m_filter, std::move(all));
}

void RequestListModel::setSearchResult(bool active, const QVector<qint64> &ids,
                                       const CaptureFilter &filter)
{
    beginResetModel();
    m_searchActive = active;
    m_searchIds = active ? ids : QVector<qint64>();
    m_searchFilter = filter;
    reload();
    endResetModel();
    changed();
}

void RequestListModel::appendSearchIds(const QVector<qint64> &ids)
{
    if (m_searchActive)
        appendIds(ids);
}

void RequestListModel::appendIds(const QVector<qint64> &ids)
{
    QVector<qint64> fresh;
    for (const qint64 id : ids) {
        if (m_ids.isEmpty() || id > m_ids.last())
            fresh.append(id);
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_ids.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_ids += fresh;
    m_pages.remove(first / PageSize); // the last page was read before these rows existed
    endInsertRows();
    changed();
}

void RequestListModel::appendLive(const QVector<CaptureSummary> &batch)
{
    m_pending += batch;
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &RequestListModel::flushPending, Qt::QueuedConnection);
    }
}

void RequestListModel::flushPending()
{
    m_flushScheduled = false;
    QVector<qint64> fresh;
    if (m_filter.forward != CaptureFilter::Forward::Any && !m_pending.isEmpty()) {
        // a live summary has no forward state: the store (committed before `captured`) answers
        qint64 from = m_pending.first().id, to = from;
        for (const CaptureSummary &s : std::as_const(m_pending)) {
            from = qMin(from, s.id);
            to = qMax(to, s.id);
        }
        from = qMax(from, m_lastRead + 1);
        if (from <= to) {
            for (const CaptureSummary &s : m_store.summaries(from, to, m_filter))
                fresh.append(s.id);
        }
    } else {
        for (const CaptureSummary &s : std::as_const(m_pending)) {
            // already there if the store was (re)read after it was committed
            if (s.id > m_lastRead && m_filter.matches(s))
                fresh.append(s.id);
        }
    }
    bool counted = false;
    for (const CaptureSummary &s : std::as_const(m_pending)) {
        if (s.id > m_countedTo) {
            ++m_total;
            m_countedTo = s.id;
            counted = true;
        }
    }
    m_pending.clear();
    if (m_searchActive)
        fresh.clear(); // the search bar asks its query about them (appendSearchIds)
    if (!fresh.isEmpty())
        m_lastRead = qMax(m_lastRead, fresh.last());
    if (m_ruleFilter.isActive())
        m_scan->enqueue(fresh); // judged behind the captures being scanned
    else if (appliedOrder().isArrival())
        appendIds(fresh);
    else if (m_reader->isReading())
        m_arrivedWhileReading += fresh; // placed once the order has been read
    else
        insertPlaced(fresh);
    if (counted || !fresh.isEmpty())
        changed();
}

int RequestListModel::placeRow(const CaptureOrder::Place &place) const
{
    const CaptureOrder order = appliedOrder();
    // the first row that does not come before `place`; a row no longer stored counts as before
    const auto before = [&](qint64 id) {
        const std::optional<CaptureOrder::Place> p = m_store.placeOf(id, order);
        return !p || order.before(*p, place);
    };
    int lo = 0, hi = int(m_ids.size());
    if (hi > 0 && before(m_ids.last())) // the usual place of a live capture sorted by time
        return hi;
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (before(m_ids.at(mid)))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void RequestListModel::insertPlaced(const QVector<qint64> &fresh)
{
    const CaptureOrder order = appliedOrder();
    for (const qint64 id : fresh) {
        const std::optional<CaptureOrder::Place> place = m_store.placeOf(id, order);
        if (!place)
            continue;
        const int row = placeRow(*place);
        beginInsertRows({}, row, row);
        m_ids.insert(row, id);
        // the pages from this row on hold other rows now
        for (const int page : m_pages.keys()) {
            if (page >= row / PageSize)
                m_pages.remove(page);
        }
        endInsertRows();
    }
    if (!fresh.isEmpty())
        changed();
}

void RequestListModel::sort(int column, Qt::SortOrder order)
{
    CaptureOrder next;
    switch (column) {
    case TimeColumn:
        next.key = CaptureOrder::Key::Time;
        break;
    case StatusColumn:
        next.key = CaptureOrder::Key::Status;
        break;
    case SizeColumn:
        next.key = CaptureOrder::Key::Size;
        break;
    case VerdictColumn:
        next.key = CaptureOrder::Key::Verdict;
        break;
    case BookmarkColumn:
        next.key = CaptureOrder::Key::Bookmark;
        break;
    default:
        break; // arrival order
    }
    next.descending = !next.isArrival() && order == Qt::DescendingOrder;
    if (next == m_order)
        return;
    m_order = next;
    // with a rule filter or a search: applies once they are dropped
    if (appliedOrder() != m_order || !m_store.isOpen()) {
        changed();
        return;
    }
    m_arrivedWhileReading.clear();
    if (next.isArrival()) {
        m_reader->cancel();
        QVector<qint64> ids = m_store.ids(m_filter);
        // a re-sort: the rows shown are the same ones (and what arrived since is read too)
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList before = persistentIndexList();
        QVector<qint64> beforeIds;
        for (const QModelIndex &i : before)
            beforeIds.append(m_ids.value(i.row()));
        m_ids = std::move(ids);
        m_lastRead = qMax(m_lastRead, m_ids.isEmpty() ? 0 : m_ids.last());
        m_pages.clear();
        m_single = CaptureSummary();
        QModelIndexList after;
        for (qsizetype i = 0; i < before.size(); ++i) {
            const int row = rowForId(beforeIds.at(i));
            after.append(row < 0 ? QModelIndex() : index(row, before.at(i).column()));
        }
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        changed();
        return;
    }
    m_keepRows = true; // the rows stay in their order until the new one is read
    m_reader->read(m_store.path(), m_filter, next);
    changed();
}

bool RequestListModel::isSortable(int column)
{
    return column == TimeColumn || column == StatusColumn || column == SizeColumn ||
           column == VerdictColumn || column == BookmarkColumn;
}

void RequestListModel::onOrderedIds(const QVector<qint64> &ids, qint64 lastId, const QString &error)
{
    const bool keep = m_keepRows;
    m_keepRows = false;
    QVector<qint64> arrived;
    arrived.swap(m_arrivedWhileReading);
    if (!error.isEmpty()) { // the rows shown stay; the status line says why
        m_readError = error;
        changed();
        return;
    }
    m_readError.clear();
    // the rows in the new order, with the live captures stored after its snapshot in their place
    QVector<qint64> next = ids;
    std::swap(m_ids, next); // placeRow() reads m_ids
    const CaptureOrder order = appliedOrder();
    for (const qint64 id : std::as_const(arrived)) {
        if (id <= lastId)
            continue;
        if (const std::optional<CaptureOrder::Place> place = m_store.placeOf(id, order))
            m_ids.insert(placeRow(*place), id);
    }
    std::swap(m_ids, next);
    m_lastRead = qMax(lastId, m_lastRead);
    m_pages.clear();
    m_single = CaptureSummary();
    // A re-sort of the same rows is a layout change (the selection follows its rows); when the
    // rows differ (verdicts changed, captures arrived) the model is reset.
    if (!keep || next.size() != m_ids.size()) {
        beginResetModel();
        m_ids = std::move(next);
        endResetModel();
        changed();
        return;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QHash<qint64, int> rows;
    QVector<qint64> beforeIds;
    for (const QModelIndex &i : before) {
        beforeIds.append(m_ids.value(i.row()));
        rows.insert(beforeIds.last(), -1);
    }
    m_ids = std::move(next);
    for (int row = 0; !rows.isEmpty() && row < m_ids.size(); ++row) {
        const auto it = rows.find(m_ids.at(row));
        if (it != rows.end())
            *it = row;
    }
    QModelIndexList after;
    for (qsizetype i = 0; i < before.size(); ++i) {
        const int row = rows.value(beforeIds.at(i), -1);
        after.append(row < 0 ? QModelIndex() : index(row, before.at(i).column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    changed();
}

void RequestListModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, VerdictColumn), index(int(m_ids.size()) - 1, VerdictColumn),
                           {Qt::ForegroundRole});
}

const VerdictHeadline &RequestListModel::headlineOf(const CaptureSummary &s) const
{
    if (VerdictHeadline *cached = m_headlines.object(s.id))
        return *cached;
    auto *h = new VerdictHeadline(VerdictHeadline::fromStored(
        s.verdictReason, s.verdictBrief.isEmpty() ? s.verdictJson : s.verdictBrief));
    if (h->tone == VerdictHeadline::Tone::None && !s.parseError.isEmpty()) {
        h->tone = VerdictHeadline::Tone::Fail;
        h->mark = QStringLiteral("✘");
        h->text = tr("malformed request");
    }
    m_headlines.insert(s.id, h);
    return *h;
}

void RequestListModel::refresh(qint64 id)
{
    const int row = rowForId(id);
    if (row < 0)
        return;
    m_pages.remove(row / PageSize);
    m_single = CaptureSummary();
    m_headlines.remove(id);
    m_ruleMatches->invalidate(id); // a new verdict may put it on the bus, or take it off
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RequestListModel::refreshForward(const OutboxEntry &entry)
{
    const int row = rowForId(entry.captureId);
    if (row < 0)
        return;
    m_pages.remove(row / PageSize); // its rules' verdicts stay: the event did not change
    m_single = CaptureSummary();
    Q_EMIT dataChanged(index(row, ForwardColumn), index(row, ForwardColumn));
}

void RequestListModel::refreshMarks(const QVector<qint64> &ids)
{
    m_marks.reload(m_store, ids);
    for (const qint64 id : ids) {
        const int row = rowForId(id);
        if (row >= 0) // every column: the note is in each one's tooltip
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void RequestListModel::refreshAll()
{
    m_pages.clear();
    m_headlines.clear();
    m_single = CaptureSummary();
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, ColumnCount - 1));
}

void RequestListModel::dropCaptures(const std::function<bool(qint64 id)> &gone, qint64 removed,
                                    qint64 maxIdAfter)
{
    // Runs of rows from the end, each removed at once; the pages are by row, read again.
    for (int row = int(m_ids.size()) - 1; row >= 0; --row) {
        if (!gone(m_ids.at(row)))
            continue;
        int first = row;
        while (first > 0 && gone(m_ids.at(first - 1)))
            --first;
        beginRemoveRows({}, first, row);
        m_ids.remove(first, row - first + 1);
        m_pages.clear();
        endRemoveRows();
        row = first;
    }
    const auto drop = [&gone](QVector<qint64> &ids) { ids.removeIf(gone); };
    drop(m_searchIds);
    drop(m_arrivedWhileReading);
    m_pending.removeIf([&gone](const CaptureSummary &s) { return gone(s.id); });
    m_single = CaptureSummary();
    m_lastRead = qMin(m_lastRead, maxIdAfter);
    m_countedTo = qMin(m_countedTo, maxIdAfter);
    m_total = qMax<qint64>(0, m_total - removed);
    changed();
}

qint64 RequestListModel::captureId(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int RequestListModel::rowForId(qint64 id) const
{
    const CaptureOrder order = appliedOrder();
    if (order.isArrival() && !m_reader->isReading()) {
        const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
        return it != m_ids.end() && *it == id ? int(it - m_ids.begin()) : -1;
    }
    // sorted: its place, found by binary search over the keys of the rows (a row whose verdict
    // changed since the sort may sit elsewhere: then it is looked for one by one)
    if (const std::optional<CaptureOrder::Place> place = m_store.placeOf(id, order)) {
        const int row = placeRow(*place);
        if (row < m_ids.size() && m_ids.at(row) == id)
            return row;
    }
    const auto it = std::find(m_ids.begin(), m_ids.end(), id);
    return it != m_ids.end() ? int(it - m_ids.begin()) : -1;
}

int RequestListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int RequestListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const CaptureSummary *RequestListModel::summaryAt(int row) const
{
    const int page = row / PageSize;
    QVector<CaptureSummary> *rows = m_pages.object(page);
    if (!rows) {
        const int start = page * PageSize;
        const int last = int(qMin<qsizetype>(start + PageSize, m_ids.size())) - 1;
        // arrival order: the ids of a page are one ascending range; sorted: read by id
        rows = new QVector<CaptureSummary>(
            appliedOrder().isArrival() && !m_searchActive
                ? m_store.summaries(m_ids.at(start), m_ids.at(last), m_filter)
                : m_store.summariesOf(m_ids.mid(start, last - start + 1)));
        m_pages.insert(page, rows);
    }
    const qint64 id = m_ids.at(row);
    const int offset = row - page * PageSize;
    // the page holds exactly this page's ids unless a verdict changed since, so the offset
    // normally lands on the row
    if (offset < rows->size() && rows->at(offset).id == id)
        return &rows->at(offset);
    for (const CaptureSummary &s : std::as_const(*rows)) {
        if (s.id == id)
            return &s;
    }
    // it no longer passes the filter (its verdict or forwards changed since the ids were read):
    // shown as it is now until the filter is applied again
    if (m_single.id == id)
        return &m_single;
    const QVector<CaptureSummary> alone = m_store.summaries(id, id);
    if (alone.isEmpty())
        return nullptr;
    m_single = alone.first();
    return &m_single;
}

QVariant RequestListModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::ToolTipRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return cellData(index, role);
    // an imported capture's tooltips say where it came from (read when one is shown)
    return ImportOriginText::appendedTo(cellData(index, role).toString(),
                                        m_store.origin(captureId(index.row())));
}

QVariant RequestListModel::cellData(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == CaptureIdRole)
        return m_ids.at(index.row());
    if (const QString note = m_marks.note(m_ids.at(index.row()));
        role == Qt::ToolTipRole && !note.isEmpty()) // every cell's tooltip says the note
        return MarkCache::toolTip(data(index, CellToolTipRole).toString(), note);
    if (role == CellToolTipRole)
        role = Qt::ToolTipRole;
    if (role == Qt::ForegroundRole) {
        if (index.column() != VerdictColumn)
            return {};
        const CaptureSummary *s = summaryAt(index.row());
        const QColor color = s ? VerdictStyle::color(headlineOf(*s).tone, m_palette) : QColor();
        return color.isValid() ? QVariant(color) : QVariant();
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::TextAlignmentRole)
        return {};
    if (role == Qt::TextAlignmentRole) {
        const int c = index.column();
        return c == SizeColumn || c == StatusColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                    : QVariant();
    }
    const CaptureSummary *s = summaryAt(index.row());
    if (!s)
        return {};
    switch (index.column()) {
    case TimeColumn: {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(s->receivedAtUs / 1000);
        if (role == Qt::ToolTipRole)
            return QString(
                t.toString(Qt::ISODateWithMs) +
                QStringLiteral(" (µs %1)").arg(s->receivedAtUs % 1000000, 6, 10, QChar('0')));
        return t.toString(QStringLiteral("HH:mm:ss.zzz"));
    }
    case MethodColumn:
        return QString::fromLatin1(s->method);
    case PathColumn:
        if (role == Qt::ToolTipRole && !s->parseError.isEmpty())
            return s->parseError;
        return QString::fromUtf8(s->target);
    case EndpointColumn:
        return s->endpointId;
    case StatusColumn:
        return s->status;
    case SizeColumn:
        return role == Qt::ToolTipRole ? QStringLiteral("%1 bytes as received, body %2 bytes")
                                             .arg(s->rawSize)
                                             .arg(s->bodySize)
                                       : sizeText(s->rawSize);
    case EventColumn:
        return s->eventType;
    case DeliveryColumn:
        return s->deliveryId;
    case BookmarkColumn:
        if (role == Qt::ToolTipRole)
            return m_marks.isBookmarked(s->id) ? tr("Bookmarked (Ctrl+B)") : QString();
        return m_marks.isBookmarked(s->id) ? QStringLiteral("★") : QString();
    case VerdictColumn:
        if (role == Qt::ToolTipRole)
            return s->verdictReason.isEmpty() ? s->parseError : s->verdictReason;
        return headlineOf(*s).display();
    case ForwardColumn:
        return role == Qt::ToolTipRole && !s->forwardState.isEmpty()
                   ? tr("The forwards of this capture: %1 (the Delivery tab has each one)")
                         .arg(s->forwardState)
                   : forwardText(s->forwardState);
    case MatchesColumn: {
        if (!m_ruleMatches->hasRules(s->endpointId))
            return {};
        const RuleMatchCache::Entry *e = m_ruleMatches->lookup(s->id, s->endpointId);
        if (!e)
            return QStringLiteral("…");
        if (role == Qt::ToolTipRole)
            return !e->why.isEmpty() ? e->why
                   : e->matching.isEmpty()
                       ? tr("No rule matches (the Rules tab says why)")
                       : tr("Matching: %1").arg(e->matching.join(QStringLiteral(", ")));
        return e->text;
    }
    }
    return {};
}

QVariant RequestListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case EndpointColumn:
        return tr("Endpoint");
    case StatusColumn:
        return tr("Status");
    case SizeColumn:
        return tr("Size");
    case VerdictColumn:
        return tr("Verdict");
    case ForwardColumn:
        return tr("Forward");
    case MatchesColumn:
        return tr("Rules");
    case EventColumn:
        return tr("Event");
    case DeliveryColumn:
        return tr("Delivery ID");
    case BookmarkColumn:
        return QStringLiteral("★");
    }
    return {};
}
