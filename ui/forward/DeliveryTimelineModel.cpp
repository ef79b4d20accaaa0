#include "ui/forward/DeliveryTimelineModel.h"

#include "core/store/CaptureFilter.h"
#include "core/store/ForwardOutbox.h"

#include <QDateTime>

namespace {

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss.zzz"))
                  : QString();
}

QString attemptsText(int attempts)
{
    return attempts == 1 ? DeliveryTimelineModel::tr("1 attempt")
                         : DeliveryTimelineModel::tr("%1 attempts").arg(attempts);
}

QString verdictState(const QString &reason)
{
    switch (CaptureFilter::categoryOf(reason)) {
    case CaptureFilter::Verdict::Pass:
        return DeliveryTimelineModel::tr("verified");
    case CaptureFilter::Verdict::Stale:
        return DeliveryTimelineModel::tr("stale");
    case CaptureFilter::Verdict::NoSecret:
        return DeliveryTimelineModel::tr("no secret");
    case CaptureFilter::Verdict::Fail:
        return DeliveryTimelineModel::tr("failed");
    default:
        return DeliveryTimelineModel::tr("not verified");
    }
}

} // namespace

DeliveryTimelineModel::DeliveryTimelineModel(QObject *parent) : QAbstractTableModel(parent) {}

void DeliveryTimelineModel::setStorePath(const QString &path)
{
    if (path == m_storePath)
        return;
    m_storePath = path;
    m_store.close();
    clear();
}

void DeliveryTimelineModel::setCapture(const CaptureSummary &summary)
{
    beginResetModel();
    m_summary = summary;
    m_entries = readEntries();
    endResetModel();
}

void DeliveryTimelineModel::clear()
{
    beginResetModel();
    m_summary = CaptureSummary();
    m_entries.clear();
    endResetModel();
}

void DeliveryTimelineModel::reload()
{
    if (m_summary.id != 0)
        setCapture(m_summary);
}

QVector<OutboxEntry> DeliveryTimelineModel::readEntries()
{
    m_error.clear();
    if (m_summary.id == 0)
        return {};
    if (!m_store.isOpen() && !m_store.openReadOnly(m_storePath)) {
        m_error = m_store.errorString();
        return {};
    }
    // list() is newest capture first, then by row id: the order the rows were planned in
    return ForwardOutbox(m_store).list(m_summary.id, nullptr);
}

void DeliveryTimelineModel::applyEntry(const OutboxEntry &entry)
{
    if (entry.captureId != m_summary.id || m_summary.id == 0)
        return;
    const int row = rowForEntry(entry.id);
    if (row >= 0) {
        m_entries[row - FixedRows] = entry;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int at = rowCount();
    beginInsertRows({}, at, at);
    m_entries.append(entry);
    endInsertRows();
}

const OutboxEntry *DeliveryTimelineModel::entryAt(int row) const
{
    const int i = row - FixedRows;
    return i >= 0 && i < m_entries.size() ? &m_entries.at(i) : nullptr;
}

int DeliveryTimelineModel::rowForEntry(qint64 entryId) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == entryId)
            return i + FixedRows;
    }
    return -1;
}

int DeliveryTimelineModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || m_summary.id == 0)
        return 0;
    return FixedRows + int(m_entries.size());
}

int DeliveryTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeliveryTimelineModel::stepText(const OutboxEntry &e)
{
    if (e.kind == QLatin1String("eventbridge"))
        return tr("EventBridge %1").arg(e.target);
    if (e.kind == QLatin1String("proxy"))
        return tr("Local app (proxy) %1").arg(e.target);
    return tr("Local app %1").arg(e.target);
}

QString DeliveryTimelineModel::stateText(OutboxEntry::State state)
{
    switch (state) {
    case OutboxEntry::State::Queued:
        return tr("queued");
    case OutboxEntry::State::Retrying:
        return tr("retrying");
    case OutboxEntry::State::Delivered:
        return tr("delivered");
    case OutboxEntry::State::Dead:
        return tr("dead");
    case OutboxEntry::State::Skipped:
        return tr("skipped");
    }
    return {};
}

QString DeliveryTimelineModel::detailText(const OutboxEntry &e)
{
    const bool bus = e.kind == QLatin1String("eventbridge");
    QString text;
    switch (e.state) {
    case OutboxEntry::State::Queued:
        text = e.attempts > 0 ? tr("queued again after %1").arg(attemptsText(e.attempts))
                              : tr("waiting to be sent");
        break;
    case OutboxEntry::State::Delivered:
        text = bus ? tr("the bus accepted the event, EventId %1 (whether a rule matches is the "
                        "Rules tab's question)")
                         .arg(e.eventId)
                   : tr("the local app answered HTTP %1").arg(e.httpStatus);
        text += tr(" in %1 ms").arg(e.elapsedMs);
        break;
    case OutboxEntry::State::Retrying:
        text = tr("attempt %1 failed: %2 %3; next attempt at %4")
                   .arg(e.attempts)
                   .arg(e.errorCode, e.errorMessage, timeText(e.nextAttemptMs));
        break;
    case OutboxEntry::State::Dead:
        text = tr("gave up after %1: %2 %3")
                   .arg(attemptsText(e.attempts), e.errorCode, e.errorMessage);
        break;
    case OutboxEntry::State::Skipped:
        if (e.errorCode == QLatin1String("not-verified"))
            text = tr("not sent: the capture is not verified and only verified events are "
                      "forwarded (forward.only_verified)");
        else if (e.errorCode == QLatin1String("type-filtered"))
            text = tr("not sent: its event type is not one of this target's types");
        else
            text = tr("not sent: %1 %2").arg(e.errorCode, e.errorMessage);
        break;
    }
    if (!e.note.isEmpty())
        text += QStringLiteral(" · ") + e.note;
    if (!e.response.isEmpty())
        text += tr(" · response recorded");
    return text.simplified();
}

QVariant DeliveryTimelineModel::fixedRowData(int row, int column) const
{
    const CaptureSummary &s = m_summary;
    if (row == 0) {
        switch (column) {
        case StepColumn:
            return tr("Received");
        case StateColumn:
            return tr("stored");
        case DetailColumn:
            return tr("%1 %2 · %3 bytes from %4 · answered %5")
                .arg(QString::fromLatin1(s.method), QString::fromUtf8(s.target))
                .arg(s.rawSize)
                .arg(s.peer)
                .arg(s.status);
        case TimeColumn:
            return timeText(s.receivedAtUs / 1000);
        }
        return {};
    }
    switch (column) {
    case StepColumn:
        return tr("Verified");
    case StateColumn:
        return verdictState(s.verdictReason);
    case DetailColumn:
        if (s.verdictReason.isEmpty())
            return s.endpointId.isEmpty()
                       ? tr("no endpoint matched this request")
                       : tr("endpoint %1 has no provider to verify with").arg(s.endpointId);
        return tr("%1 (endpoint %2)").arg(s.verdictReason, s.endpointId);
    }
    return {};
}

QVariant DeliveryTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const OutboxEntry *e = entryAt(index.row());
    switch (role) {
    case EntryIdRole:
        return e ? e->id : 0;
    case ResponseRole:
        return e ? e->response : QByteArray();
    case StateRole:
        if (e)
            return OutboxEntry::stateName(e->state);
        return index.row() == 0 ? QStringLiteral("received") : QStringLiteral("verified");
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        break;
    default:
        return {};
    }
    if (!e)
        return fixedRowData(index.row(), index.column());
    switch (index.column()) {
    case StepColumn:
        return stepText(*e);
    case StateColumn:
        return stateText(e->state);
    case DetailColumn:
        return detailText(*e);
    case TimeColumn:
        return timeText(e->updatedMs); // a retry's next attempt is in the detail
    }
    return {};
}

QVariant DeliveryTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StepColumn:
        return tr("Step");
    case StateColumn:
        return tr("State");
    case DetailColumn:
        return tr("Detail");
    case TimeColumn:
        return tr("Time");
    }
    return {};
}
