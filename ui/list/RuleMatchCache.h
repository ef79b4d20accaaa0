#pragma once

#include "ui/forward/CompiledRules.h"

#include <QCache>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThreadPool>
#include <memory>

class CaptureStore;

// The list's "matches" column: how many of its endpoint's rules match the event a capture puts
// on the bus. Asked only for the rows being painted; each answer is computed once on a worker
// thread (its own read-only connection reads the capture) and cached, and ready() tells the
// model to repaint that row. A config change drops the cache.
class RuleMatchCache : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QString text;         // "2/3 rules", "not on bus"
        QStringList matching; // names of the matching rules
        QString why;          // why no event, when not on the bus
    };
    static constexpr int MaxPending = 512; // requests beyond are dropped (rows scrolled past)

    explicit RuleMatchCache(QObject *parent = nullptr);
    ~RuleMatchCache() override;

    void setStorePath(const QString &path);
    void setRules(std::shared_ptr<const CompiledRules> rules);
    bool hasRules(const QString &endpointId) const;
    // The answer when known; otherwise null, and a worker is asked (ready() follows).
    const Entry *lookup(qint64 id, const QString &endpointId);
    void invalidate(qint64 id);
    void waitForIdle() { m_pool.waitForDone(); } // for tests

Q_SIGNALS:
    void ready(qint64 id);

private:
    QThreadPool m_pool;
    QString m_storePath;
    std::shared_ptr<CaptureStore> m_store; // used by one job at a time (one thread)
    std::shared_ptr<const CompiledRules> m_rules;
    QCache<qint64, Entry> m_cache;
    QSet<qint64> m_pending;
    quint64 m_generation = 0;
};
