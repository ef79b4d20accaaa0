#include "ui/list/RequestListModel.h"

#include "ui/list/RuleMatchCache.h"
#include "ui/list/RuleMatchScan.h"

#include <QDateTime>
#include <QLocale>

namespace {

QString sizeText(qint64 bytes)
{
    return QLocale::system().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString verdictText(const CaptureSummary &s)
{
    switch (CaptureFilter::categoryOf(s.verdictReason)) {
    case CaptureFilter::Verdict::Pass:
        return RequestListModel::tr("pass");
    case CaptureFilter::Verdict::Fail:
        return RequestListModel::tr("fail");
    case CaptureFilter::Verdict::Stale:
        return RequestListModel::tr("stale");
    case CaptureFilter::Verdict::NoSecret:
        return RequestListModel::tr("no secret");
    default:
        return s.parseError.isEmpty() ? QString() : RequestListModel::tr("malformed");
    }
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
      m_scan(new RuleMatchScan(this))
{
    connect(m_scan, &RuleMatchScan::matched, this, &RequestListModel::appendIds);
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
    const bool ok = m_store.openReadOnly(storePath);
    m_ruleMatches->setStorePath(storePath);
    reload();
    endResetModel();
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
}

void RequestListModel::setRuleFilter(const RuleFilter &filter)
{
    beginResetModel();
    m_ruleFilter = filter;
    reload();
    endResetModel();
}

void RequestListModel::reload()
{
    m_pages.clear();
    m_pending.clear();
    m_single = CaptureSummary();
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
    m_pending.clear();
    if (!fresh.isEmpty())
        m_lastRead = qMax(m_lastRead, fresh.last());
    if (m_ruleFilter.isActive())
        m_scan->enqueue(fresh); // judged behind the captures being scanned
    else
        appendIds(fresh);
}

void RequestListModel::refresh(qint64 id)
{
    const int row = rowForId(id);
    if (row < 0)
        return;
    m_pages.remove(row / PageSize);
    m_single = CaptureSummary();
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

void RequestListModel::refreshAll()
{
    m_pages.clear();
    m_single = CaptureSummary();
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, ColumnCount - 1));
}

qint64 RequestListModel::captureId(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int RequestListModel::rowForId(qint64 id) const
{
    const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
    return it != m_ids.end() && *it == id ? int(it - m_ids.begin()) : -1;
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
        rows = new QVector<CaptureSummary>(
            m_store.summaries(m_ids.at(start), m_ids.at(last), m_filter));
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
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == CaptureIdRole)
        return m_ids.at(index.row());
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
    case VerdictColumn:
        if (role == Qt::ToolTipRole)
            return s->verdictReason.isEmpty() ? s->parseError : s->verdictReason;
        return verdictText(*s);
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
    }
    return {};
}
