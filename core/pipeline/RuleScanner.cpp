#include "core/pipeline/RuleScanner.h"

#include "core/pipeline/BusEventBuilder.h"
#include "core/pipeline/FastBusEvent.h"
#include "core/rules/FastMatcher.h"
#include "core/rules/PatternMatcher.h"
#include "core/store/CaptureStore.h"
#include "core/store/StoreOpener.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <sqlite3.h>
#include <thread>

struct RuleScanner::Target
{
    Target(const Endpoint &e, const QString &account, const QString &region)
        : id(e.config.id), idUtf8(e.config.id.toUtf8()), config(e.config),
          patterns(e.patterns.cbegin(), e.patterns.cend()), event(e.config, account, region)
    {
        for (const EventPattern &p : patterns) {
            fast.emplace_back(p);
            withIdAndTime = withIdAndTime || fast.back().readsRootKey(QStringLiteral("id")) ||
                            fast.back().readsRootKey(QStringLiteral("time"));
        }
        prefilter.wanted = [this](const FastEvent &e) {
            for (const FastMatcher &m : fast) {
                if (m.matchEnvelope(e) != FastMatcher::Verdict::Miss)
                    return true;
            }
            return false;
        };
        // needles only when every pattern gives some: any one of them may match
        for (const FastMatcher &m : fast) {
            QList<QByteArray> more;
            if (!m.detailTypeNeedles(&more)) {
                prefilter.typeNeedles.clear();
                break;
            }
            prefilter.typeNeedles += more;
        }
    }
    Target(const Target &) = delete; // `prefilter.wanted` refers to this one
    Target &operator=(const Target &) = delete;
    QString id;
    QByteArray idUtf8;
    EndpointConfig config;
    std::vector<EventPattern> patterns; // never resized: `fast` refers to them
    std::vector<FastMatcher> fast;
    FastBusEvent event;
    FastBusEvent::Prefilter prefilter; // whether any pattern can match, before the Detail
    bool withIdAndTime = false;
};

struct RuleScanner::Worker
{
    ~Worker()
    {
        sqlite3_finalize(stmt);
        sqlite3_close_v2(db);
    }
    QString path;
    sqlite3 *db = nullptr;
    sqlite3_stmt *stmt = nullptr;
    CaptureStore store; // the full path reads a capture whole
    FastEvent event;
    QVector<Verdict> out;
    QString error;
    qint64 fast = 0;
    qint64 full = 0;
};

namespace {

// The columns the fast path needs, in id order; `raw` is null for a large capture stored in
// chunks (`upload`), which the full path reads.
const char ScanSql[] =
    "SELECT captures.id, endpoint, received_us, coalesce(verdicts.reason, '') = 'ok', "
    "capture_bytes.raw, capture_bytes.upload IS NOT NULL FROM captures "
    "JOIN capture_bytes ON capture_bytes.capture_id = captures.id "
    "LEFT JOIN verdicts ON verdicts.capture_id = captures.id "
    "WHERE captures.id BETWEEN ?1 AND ?2 ORDER BY captures.id";

} // namespace

RuleScanner::RuleScanner(const QList<Endpoint> &endpoints, const QString &account,
                         const QString &region)
    : m_account(account), m_region(region)
{
    for (const Endpoint &e : endpoints)
        m_targets.push_back(std::make_unique<Target>(e, account, region));
}

RuleScanner::~RuleScanner() = default;

bool RuleScanner::open(const QString &storePath, int threads)
{
    m_workers.clear();
    for (int i = 0; i < qMax(1, threads); ++i) {
        auto w = std::make_unique<Worker>();
        w->path = storePath;
        w->db = StoreOpener::openReadOnly(storePath, CaptureStore::SchemaVersion, &m_error);
        if (!w->db)
            return false;
        if (sqlite3_prepare_v2(w->db, ScanSql, -1, &w->stmt, nullptr) != SQLITE_OK) {
            m_error = QStringLiteral("Cannot read the store %1: %2")
                          .arg(storePath, QString::fromUtf8(sqlite3_errmsg(w->db)));
            return false;
        }
        m_workers.push_back(std::move(w));
    }
    return true;
}

qint64 RuleScanner::fastCount() const
{
    qint64 n = 0;
    for (const auto &w : m_workers)
        n += w->fast;
    return n;
}

qint64 RuleScanner::fullCount() const
{
    qint64 n = 0;
    for (const auto &w : m_workers)
        n += w->full;
    return n;
}

bool RuleScanner::judge(const QVector<qint64> &ids, QVector<Verdict> *out,
                        const std::atomic<bool> *cancel)
{
    out->clear();
    if (ids.isEmpty())
        return true;
    return run(ids.first(), ids.last(), &ids, out, cancel);
}

bool RuleScanner::judgeRange(qint64 fromId, qint64 toId, QVector<Verdict> *out,
                             const std::atomic<bool> *cancel)
{
    out->clear();
    if (fromId > toId)
        return true;
    return run(fromId, toId, nullptr, out, cancel);
}

namespace {

// One capture the fast path could not decide: BusEventBuilder and PatternMatcher.
template <typename TargetT, typename WorkerT, typename VerdictT>
bool judgeFully(const TargetT &t, WorkerT &w, const QString &account, const QString &region,
                VerdictT *v)
{
    ++w.full;
    if (!w.store.isOpen() && !w.store.openReadOnly(w.path)) {
        w.error = w.store.errorString();
        return false;
    }
    const std::optional<Capture> capture = w.store.capture(v->id);
    if (!capture)
        return true; // deleted since, or incomplete: no event
    const BusEventBuilder::Result event =
        BusEventBuilder::build(*capture, w.store.verdictJson(v->id), t.config, account, region);
    v->onBus = event.onBus;
    if (!event.onBus)
        return true;
    v->source = event.envelope.source;
    v->detailType = event.envelope.detailType;
    const QJsonObject json = event.envelope.toJson();
    for (size_t i = 0; i < t.patterns.size(); ++i) {
        if (PatternMatcher(t.patterns.at(i)).matches(json))
            v->matching.append(int(i));
    }
    return true;
}

} // namespace

bool RuleScanner::run(qint64 fromId, qint64 toId, const QVector<qint64> *ids, QVector<Verdict> *out,
                      const std::atomic<bool> *cancel)
{
    if (m_workers.empty()) {
        m_error = QStringLiteral("the store is not open");
        return false;
    }
    // Each worker steps its own statement over its part of the range.
    const auto work = [this, ids, cancel](Worker &w, qint64 from, qint64 to) {
        w.out.clear();
        w.error.clear();
        sqlite3_exec(w.db, "BEGIN", nullptr, nullptr, nullptr); // one snapshot, one read lock
        sqlite3_bind_int64(w.stmt, 1, from);
        sqlite3_bind_int64(w.stmt, 2, to);
        const qint64 *next = nullptr, *end = nullptr;
        if (ids) {
            const qint64 *all = ids->constData();
            next = std::lower_bound(all, all + ids->size(), from);
            end = std::upper_bound(next, all + ids->size(), to);
            w.out.reserve(end - next); // at most one verdict per id asked about
        }
        int rc = SQLITE_ROW;
        qint64 rows = 0;
        while ((rc = sqlite3_step(w.stmt)) == SQLITE_ROW) {
            if (cancel && (++rows & 1023) == 0 && cancel->load(std::memory_order_relaxed))
                break;
            const qint64 id = sqlite3_column_int64(w.stmt, 0);
            if (ids) {
                while (next != end && *next < id)
                    ++next;
                if (next == end)
                    break;
                if (*next != id)
                    continue;
            }
            const char *endpoint = static_cast<const char *>(sqlite3_column_blob(w.stmt, 1));
            const int endpointBytes = sqlite3_column_bytes(w.stmt, 1);
            const Target *t = nullptr;
            for (const auto &candidate : m_targets) {
                if (candidate->idUtf8.size() == endpointBytes &&
                    std::memcmp(candidate->idUtf8.constData(), endpoint, size_t(endpointBytes)) ==
                        0) {
                    t = candidate.get();
                    break;
                }
            }
            if (!t)
                continue; // an endpoint without rules, or not asked about
            Verdict v;
            v.id = id;
            v.endpointId = t->id;
            bool decided = false;
            if (sqlite3_column_int(w.stmt, 5) == 0 && t->event.isSupported()) {
                FastBusEvent::Row row;
                row.id = id;
                row.receivedAtUs = sqlite3_column_int64(w.stmt, 2);
                row.verified = sqlite3_column_int(w.stmt, 3) != 0;
                row.raw = QByteArray::fromRawData(
                    static_cast<const char *>(sqlite3_column_blob(w.stmt, 4)),
                    sqlite3_column_bytes(w.stmt, 4));
                switch (t->event.build(row, t->withIdAndTime, &w.event, &t->prefilter)) {
                case FastBusEvent::Outcome::NotOnBus:
                    decided = true;
                    break;
                case FastBusEvent::Outcome::Skipped:
                    decided = true;
                    v.onBusKnown = false;
                    break;
                case FastBusEvent::Outcome::Undecided:
                    break;
                case FastBusEvent::Outcome::OnBus:
                    decided = true;
                    v.onBus = true;
                    v.source = w.event.source;
                    v.detailType = w.event.detailType;
                    for (size_t i = 0; i < t->fast.size() && decided; ++i) {
                        const FastMatcher::Verdict m = t->fast[i].match(w.event);
                        if (m == FastMatcher::Verdict::Match)
                            v.matching.append(int(i));
                        decided = m != FastMatcher::Verdict::Undecided;
                    }
                    break;
                }
            }
            if (decided) {
                ++w.fast;
            } else {
                v = Verdict{id, t->id, false, true, {}, {}, {}};
                if (!judgeFully(*t, w, m_account, m_region, &v))
                    break;
            }
            w.out.append(std::move(v));
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE && w.error.isEmpty())
            w.error = QStringLiteral("Cannot read the store %1: %2")
                          .arg(w.path, QString::fromUtf8(sqlite3_errmsg(w.db)));
        sqlite3_reset(w.stmt);
        sqlite3_exec(w.db, "COMMIT", nullptr, nullptr, nullptr);
    };
    // The range split where the ids (or the id values) divide in halves.
    qint64 split = toId;
    if (m_workers.size() > 1 && (ids ? ids->size() : toId - fromId) >= 256)
        split = ids ? ids->at(ids->size() / 2) - 1 : fromId + (toId - fromId) / 2;
    if (split < toId) {
        std::thread second(work, std::ref(*m_workers[1]), split + 1, toId);
        work(*m_workers[0], fromId, split);
        second.join();
    } else {
        work(*m_workers[0], fromId, toId);
    }
    out->clear();
    for (size_t i = 0; i < (split < toId ? 2u : 1u); ++i) {
        Worker &w = *m_workers[i];
        if (!w.error.isEmpty()) {
            m_error = w.error;
            return false;
        }
        if (out->isEmpty()) { // the first part: taken whole, not copied
            out->swap(w.out);
        } else {
            out->reserve(out->size() + w.out.size());
            std::move(w.out.begin(), w.out.end(), std::back_inserter(*out));
        }
        w.out.clear();
    }
    return true;
}
