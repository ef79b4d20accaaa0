#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/store/CaptureStore.h"
#include "core/store/OutboxEntry.h"
#include "ui/forward/CompiledRules.h"
#include "ui/list/RuleFilter.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QVector>

// The request list: one row per capture, in arrival order. Holds only the ids (8 bytes a row);
// summaries are read from SQLite a page at a time as rows are shown, so a store with a million
// captures opens at once. Live captures are appended in one batch per event-loop turn.
class RuleMatchCache;
class RuleMatchScan;

class RequestListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        MethodColumn,
        PathColumn,
        EndpointColumn,
        StatusColumn,
        SizeColumn,
        VerdictColumn,
        ForwardColumn, // the overall state of its forwards
        MatchesColumn, // how many of its endpoint's rules match (when it has rules)
        ColumnCount
    };
    enum Role
    {
        CaptureIdRole = Qt::UserRole + 1
    };
    static constexpr int PageSize = 256;

    explicit RequestListModel(QObject *parent = nullptr);

    bool open(const QString &storePath, QString *error);
    void setFilter(const CaptureFilter &filter); // re-reads the matching ids from the store
    const CaptureFilter &filter() const { return m_filter; }
    // With a rule filter the list starts empty and fills as ruleScan() finds the captures that
    // pass (in id order); live captures are judged behind them. Cancelling the scan keeps the
    // rows found so far.
    void setRuleFilter(const RuleFilter &filter);
    const RuleFilter &ruleFilter() const { return m_ruleFilter; }
    RuleMatchScan *ruleScan() const { return m_scan; }
    QString storePath() const { return m_store.path(); }
    void appendLive(const QVector<CaptureSummary> &batch);
    void refresh(qint64 id); // its summary changed in the store (a new verdict)
    void refreshAll();       // many summaries changed: re-read them, keeping rows and selection
    // A forward's outcome was stored (CaptureSession::forwardUpdated): its row is read again.
    void refreshForward(const OutboxEntry &entry);
    // The rules the matches column judges with; the column is empty for endpoints without.
    void setRules(std::shared_ptr<const CompiledRules> rules);
    RuleMatchCache *ruleMatches() const { return m_ruleMatches; }

    qint64 captureId(int row) const;
    int rowForId(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const CaptureSummary *summaryAt(int row) const;
    void flushPending();
    void reload(); // the ids from the store (and the rule scan), inside a model reset
    void appendIds(const QVector<qint64> &ids);

    CaptureStore m_store;
    CaptureFilter m_filter;
    QVector<qint64> m_ids;
    mutable QCache<int, QVector<CaptureSummary>> m_pages;
    QVector<CaptureSummary> m_pending;
    RuleMatchCache *m_ruleMatches;
    RuleMatchScan *m_scan;
    RuleFilter m_ruleFilter;
    std::shared_ptr<const CompiledRules> m_rules;
    qint64 m_lastRead = 0;           // the last id read from the store or taken live
    mutable CaptureSummary m_single; // a row read alone (it no longer passes the filter)
    bool m_flushScheduled = false;
};
