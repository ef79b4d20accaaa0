#include "ui/forward/DeadLetterModel.h"

#include "core/store/ForwardOutbox.h"

#include <QDateTime>

DeadLetterModel::DeadLetterModel(QObject *parent) : QAbstractTableModel(parent) {}

bool DeadLetterModel::open(const QString &storePath, QString *error)
{
    const bool ok = m_store.openReadOnly(storePath);
    if (!ok && error)
        *error = m_store.errorString();
    reload();
    return ok;
}

void DeadLetterModel::reload()
{
    m_reloadScheduled = false;
    const OutboxEntry::State dead = OutboxEntry::State::Dead;
    beginResetModel();
    m_entries =
        m_store.isOpen() ? ForwardOutbox(m_store).list(0, &dead, Limit) : QVector<OutboxEntry>();
    endResetModel();
}

void DeadLetterModel::scheduleReload()
{
    if (m_reloadScheduled)
        return;
    m_reloadScheduled = true;
    QMetaObject::invokeMethod(this, &DeadLetterModel::reload, Qt::QueuedConnection);
}

void DeadLetterModel::onForwardUpdated(const OutboxEntry &entry)
{
    if (entry.state == OutboxEntry::State::Dead) {
        scheduleReload();
        return;
    }
    for (const OutboxEntry &e : std::as_const(m_entries)) {
        if (e.id == entry.id) {
            scheduleReload();
            return;
        }
    }
}

const OutboxEntry *DeadLetterModel::entryAt(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int DeadLetterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int DeadLetterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLetterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const OutboxEntry &e = m_entries.at(index.row());
    if (role == CaptureIdRole)
        return e.captureId;
    if (role == EntryIdRole)
        return e.id;
    if (role == Qt::TextAlignmentRole)
        return index.column() == CaptureColumn || index.column() == AttemptsColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case CaptureColumn:
        return e.captureId;
    case EndpointColumn:
        return e.endpointId;
    case TargetColumn:
        return e.kind == QLatin1String("eventbridge") ? tr("EventBridge %1").arg(e.target)
                                                      : e.target;
    case AttemptsColumn:
        return e.attempts;
    case ErrorColumn:
        return e.errorCode;
    case MessageColumn:
        return e.errorMessage;
    case WhenColumn: {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(e.updatedMs);
        return role == Qt::ToolTipRole ? t.toString(Qt::ISODateWithMs)
                                       : t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    }
    return {};
}

QVariant DeadLetterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CaptureColumn:
        return tr("Capture");
    case EndpointColumn:
        return tr("Endpoint");
    case TargetColumn:
        return tr("Target");
    case AttemptsColumn:
        return tr("Attempts");
    case ErrorColumn:
        return tr("Error");
    case MessageColumn:
        return tr("Message");
    case WhenColumn:
        return tr("When");
    }
    return {};
}
