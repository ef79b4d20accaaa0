#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/store/CaptureOrder.h"
#include "core/store/CaptureStore.h"
#include "core/store/OutboxEntry.h"
#include "core/verify/VerdictHeadline.h"
#include "ui/forward/CompiledRules.h"
#include "ui/list/MarkCache.h"
#include "ui/list/RuleFilter.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QPalette>
#include <QVector>
#include <functional>

// The request list: one row per capture, in arrival order or sorted by time, status, size or
// verdict. Holds only the ids (8 bytes a row); summaries are read from SQLite a page at a time
// as rows are shown, so a store with a million captures opens at once. A sorted order is read
// from the store's index for it on a worker thread (OrderedIdsReader); the rows shown stay until
// it arrives. Live captures arrive in one batch per event-loop turn: appended in arrival order,
// put in their place in a sorted one (found by binary search, reading the keys of the rows it
// visits). A row whose verdict changes later stays where it is until the list is sorted again.
// With a rule filter the rows are in arrival order (the scan finds them in id order); the sort
// chosen applies again once the rule filter is dropped.
class OrderedIdsReader;
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
        EventColumn, // the event type the delivery announces
        StatusColumn,
        SizeColumn,
        VerdictColumn,
        ForwardColumn,  // the overall state of its forwards
        MatchesColumn,  // how many of its endpoint's rules match (when it has rules)
        DeliveryColumn, // the provider's delivery id
        BookmarkColumn, // ★ when bookmarked (MarkCache)
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
    // The search bar's result (SearchBar, QueryRunner): while active the rows are these ids, in
    // arrival order; `filter` is the combos' filter the query was run with. Live captures are
    // then added by appendSearchIds() (the search bar asks the query about them).
    void setSearchResult(bool active, const QVector<qint64> &ids, const CaptureFilter &filter);
    void appendSearchIds(const QVector<qint64> &ids);
    bool searchActive() const { return m_searchActive; }
    const CaptureFilter &searchFilter() const { return m_searchFilter; }
    const RuleFilter &ruleFilter() const { return m_ruleFilter; }
    RuleMatchScan *ruleScan() const { return m_scan; }
    QString storePath() const { return m_store.path(); }
    void appendLive(const QVector<CaptureSummary> &batch);
    void refresh(qint64 id); // its summary changed in the store (a new verdict)
    void refreshAll();       // many summaries changed: re-read them, keeping rows and selection
    // Captures deleted from the store (CaptureSession::capturesRemoved, capturesCleared): their
    // rows go without a reload; ids above maxIdAfter may come again as new captures.
    void dropCaptures(const std::function<bool(qint64 id)> &gone, qint64 removed,
                      qint64 maxIdAfter);
    // A forward's outcome was stored (CaptureSession::forwardUpdated): its row is read again.
    void refreshForward(const OutboxEntry &entry);
    // The rules the matches column judges with; the column is empty for endpoints without.
    void setRules(std::shared_ptr<const CompiledRules> rules);
    RuleMatchCache *ruleMatches() const { return m_ruleMatches; }
    // Bookmarks and notes: read on open, and for these captures once stored (marksChanged).
    const MarkCache &marks() const { return m_marks; }
    void refreshMarks(const QVector<qint64> &ids);

    qint64 captureId(int row) const;
    int rowForId(qint64 id) const;

    // Sorts by the column's key (Time, Status, Size, Verdict; any other column, or -1: arrival
    // order). Answered by the store; isLoading() until the rows are in the new order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column);
    CaptureOrder order() const { return m_order; }    // as chosen
    CaptureOrder appliedOrder() const;                // arrival while a rule filter is on
    bool isLoading() const;                           // a sorted order is being read
    QString readError() const { return m_readError; } // the last sorted read failed
    qint64 totalCount() const { return m_total; }     // every capture in the store
    // The colours of the Verdict column follow this palette (the view's).
    void setPalette(const QPalette &palette);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    // The rows shown, the total or the loading state changed (for the status line).
    void countsChanged();

private:
    const CaptureSummary *summaryAt(int row) const;
    QVariant cellData(const QModelIndex &index, int role) const; // data() but the origin
    const VerdictHeadline &headlineOf(const CaptureSummary &s) const;
    void onOrderedIds(const QVector<qint64> &ids, qint64 lastId, const QString &error);
    void insertPlaced(const QVector<qint64> &fresh);      // live rows into a sorted order
    int placeRow(const CaptureOrder::Place &place) const; // where it goes (binary search)
    void changed() { Q_EMIT countsChanged(); }
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
    bool m_searchActive = false;
    QVector<qint64> m_searchIds;
    CaptureFilter m_searchFilter;
    CaptureOrder m_order;
    OrderedIdsReader *m_reader;
    QVector<qint64> m_arrivedWhileReading; // live rows for the order being read
    bool m_keepRows = false; // the order being read re-sorts the rows shown (a layout change)
    qint64 m_total = 0;      // captures in the store
    qint64 m_countedTo = 0;  // the highest id counted in m_total
    QPalette m_palette;
    QString m_readError;
    mutable QCache<qint64, VerdictHeadline> m_headlines;
    MarkCache m_marks;
    static constexpr int CellToolTipRole = Qt::UserRole + 100; // a cell's tooltip without the note
};
