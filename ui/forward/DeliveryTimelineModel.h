#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/store/CaptureStore.h"
#include "core/store/OutboxEntry.h"

#include <QAbstractTableModel>
#include <QVector>

// One capture's way through the pipeline, a row per step: received, verified (the verdict's
// reason), then one row per forward (outbox row) with its state in plain words: queued;
// delivered with the EventId (the bus accepted the event, which says nothing of rules) or the
// local app's HTTP status and time; retrying with the next attempt's time; dead with the error;
// skipped with why; and its note (re-signed). Reads the outbox through a read-only connection
// of its own (one indexed query per capture); live outcomes come in through applyEntry().
class DeliveryTimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        StepColumn,
        StateColumn,
        DetailColumn,
        TimeColumn,
        ColumnCount
    };
    enum Role
    {
        EntryIdRole = Qt::UserRole + 1, // 0 for the received and verified rows
        ResponseRole,                   // the local app's answer (QByteArray), when recorded
        StateRole                       // the outbox state name, or "received"/"verified"
    };
    static constexpr int FixedRows = 2; // received, verified

    explicit DeliveryTimelineModel(QObject *parent = nullptr);

    void setStorePath(const QString &path);         // opened read-only at the next read
    void setCapture(const CaptureSummary &summary); // reads its forwards
    void clear();
    qint64 captureId() const { return m_summary.id; }
    // An attempt's outcome (CaptureSession::forwardUpdated); ignored for other captures.
    void applyEntry(const OutboxEntry &entry);
    void reload(); // forwards of the capture read again (a retry by hand queued them)
    QString errorString() const { return m_error; }

    const OutboxEntry *entryAt(int row) const;
    int rowForEntry(qint64 entryId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString stepText(const OutboxEntry &entry);
    static QString stateText(OutboxEntry::State state);
    static QString detailText(const OutboxEntry &entry);

private:
    QVector<OutboxEntry> readEntries();
    QVariant fixedRowData(int row, int column) const;

    QString m_storePath;
    CaptureStore m_store;
    QString m_error;
    CaptureSummary m_summary;
    QVector<OutboxEntry> m_entries;
};
