#include "ui/list/RuleMatchCache.h"

#include "core/store/CaptureStore.h"
#include "ui/forward/RuleVerdicts.h"

RuleMatchCache::RuleMatchCache(QObject *parent) : QObject(parent), m_cache(20000)
{
    m_pool.setMaxThreadCount(1);
}

RuleMatchCache::~RuleMatchCache()
{
    m_pool.clear();
    m_pool.waitForDone(); // jobs post back to this object
}

void RuleMatchCache::setStorePath(const QString &path)
{
    if (path == m_storePath)
        return;
    m_storePath = path;
    m_pool.clear();
    m_store = std::make_shared<CaptureStore>();
    m_cache.clear();
    m_pending.clear();
    ++m_generation;
}

void RuleMatchCache::setRules(std::shared_ptr<const CompiledRules> rules)
{
    m_rules = std::move(rules);
    m_pool.clear();
    m_cache.clear();
    m_pending.clear();
    ++m_generation;
}

bool RuleMatchCache::hasRules(const QString &endpointId) const
{
    return m_rules && !endpointId.isEmpty() && m_rules->rulesOf(endpointId);
}

void RuleMatchCache::invalidate(qint64 id)
{
    m_cache.remove(id);
}

const RuleMatchCache::Entry *RuleMatchCache::lookup(qint64 id, const QString &endpointId)
{
    if (const Entry *known = m_cache.object(id))
        return known;
    if (m_pending.contains(id) || !hasRules(endpointId) || !m_store)
        return nullptr;
    if (m_pending.size() >= MaxPending) { // scrolled far: the rows asked first are gone
        m_pool.clear();
        m_pending.clear();
        ++m_generation;
    }
    m_pending.insert(id);
    const quint64 generation = m_generation;
    const std::shared_ptr<CaptureStore> store = m_store;
    const std::shared_ptr<const CompiledRules> rules = m_rules;
    const QString path = m_storePath;
    m_pool.start([this, id, endpointId, generation, store, rules, path] {
        auto entry = std::make_shared<Entry>();
        std::optional<Capture> capture;
        if (!store->isOpen() && !store->openReadOnly(path))
            entry->why = store->errorString();
        else if (!(capture = store->capture(id)))
            entry->why = tr("capture %1 cannot be read: %2").arg(id).arg(store->errorString());
        if (capture) {
            const RuleVerdicts v =
                RuleVerdicts::count(*capture, store->verdictJson(id), *rules->endpoint(endpointId),
                                    *rules->rulesOf(endpointId));
            entry->text = v.summaryText();
            entry->matching = v.matching;
            entry->why = v.event.notOnBus;
        } else {
            entry->text = tr("?");
        }
        QMetaObject::invokeMethod(this, [this, id, generation, entry] {
            if (generation != m_generation)
                return;
            m_pending.remove(id);
            m_cache.insert(id, new Entry(*entry));
            Q_EMIT ready(id);
        });
    });
    return nullptr;
}
