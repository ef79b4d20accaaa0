#pragma once

#include "core/config/EndpointConfig.h"
#include "core/rules/EventPattern.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>
#include <atomic>
#include <memory>
#include <vector>

// Judges stored captures against their endpoints' rules, fast: one pattern (or an endpoint's
// few) over a million captures in about a second. Each pattern is compiled once; a capture is
// read with one statement stepped over the id range (only the columns needed), its event built
// as FastBusEvent (the body parsed once with simdjson, no QJsonObject; not at all when the
// envelope already rules out every pattern, see Verdict::onBusKnown) and matched with
// FastMatcher. Whatever those do not handle exactly (mapping, pattern shape, body) goes through
// the full path, BusEventBuilder and PatternMatcher, which stay the reference and give the
// reasons of a miss. The id range is split over `threads` workers, each with its own read-only
// connections. Used by the list's Rules filter (RuleMatchScan) and `hookbench-cli pattern test
// --store`. One judge() at a time.
class RuleScanner
{
public:
    struct Endpoint
    {
        EndpointConfig config;
        QVector<EventPattern> patterns; // valid ones; an invalid one never matches
    };
    struct Verdict
    {
        qint64 id = 0;
        QString endpointId;
        bool onBus = false;
        // false when no pattern could match the event on its envelope alone (its source or
        // detail-type): its body was not parsed, and onBus (false) is not known
        bool onBusKnown = true;
        QList<int> matching; // indexes into the endpoint's patterns
        QString source;      // the event's, when on the bus
        QString detailType;
    };

    // `account` and `region` as BusEventBuilder::build takes them.
    explicit RuleScanner(const QList<Endpoint> &endpoints, const QString &account = {},
                         const QString &region = {});
    ~RuleScanner();
    RuleScanner(const RuleScanner &) = delete;
    RuleScanner &operator=(const RuleScanner &) = delete;

    bool open(const QString &storePath, int threads = 2);
    QString errorString() const { return m_error; }

    // The captures among `ids` (ascending) of the endpoints given, in id order; others are left
    // out. False with errorString() when the store cannot be read; stops early (true) when
    // `cancel` is set.
    bool judge(const QVector<qint64> &ids, QVector<Verdict> *out,
               const std::atomic<bool> *cancel = nullptr);
    // Every capture with fromId <= id <= toId of the endpoints given.
    bool judgeRange(qint64 fromId, qint64 toId, QVector<Verdict> *out,
                    const std::atomic<bool> *cancel = nullptr);
    // Counters since construction: how many captures took the fast path, and the full one.
    qint64 fastCount() const;
    qint64 fullCount() const;

private:
    struct Target;
    struct Worker;
    bool run(qint64 fromId, qint64 toId, const QVector<qint64> *ids, QVector<Verdict> *out,
             const std::atomic<bool> *cancel);

    std::vector<std::unique_ptr<Target>> m_targets;
    std::vector<std::unique_ptr<Worker>> m_workers;
    QString m_account;
    QString m_region;
    QString m_error;
};
