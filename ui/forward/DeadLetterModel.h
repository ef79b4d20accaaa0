#pragma once

#include "core/store/CaptureStore.h"
#include "core/store/OutboxEntry.h"

#include <QAbstractTableModel>
#include <QVector>

// The dead forwards of a store (ForwardOutbox rows in state dead), newest capture first, read
// through a read-only connection of its own. Changes are coalesced: scheduleReload() reads the
// rows again once per event-loop turn, however many outcomes arrived in it.
class DeadLetterModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        CaptureColumn,
        EndpointColumn,
        TargetColumn,
        AttemptsColumn,
        ErrorColumn,
        MessageColumn,
        WhenColumn,
        ColumnCount
    };
    enum Role
    {
        CaptureIdRole = Qt::UserRole + 1,
        EntryIdRole
    };
    static constexpr int Limit = 10000; // rows read; the dialog says when there are more

    explicit DeadLetterModel(QObject *parent = nullptr);

    bool open(const QString &storePath, QString *error);
    void reload();
    void scheduleReload();
    // A forward's new outcome: read again when it went dead or left the dead ones.
    void onForwardUpdated(const OutboxEntry &entry);

    const OutboxEntry *entryAt(int row) const;
    bool isTruncated() const { return m_entries.size() >= Limit; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    CaptureStore m_store;
    QVector<OutboxEntry> m_entries;
    bool m_reloadScheduled = false;
};
