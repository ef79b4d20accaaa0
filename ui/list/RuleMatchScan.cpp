#include "ui/list/RuleMatchScan.h"

#include "core/pipeline/RuleScanner.h"
#include "ui/forward/RuleVerdicts.h"

#include <QMutex>
#include <algorithm>
#include <atomic>

struct RuleMatchScan::Run
{
    QString path;
    std::shared_ptr<const CompiledRules> rules;
    RuleFilter filter;
    CaptureFilter base;
    std::atomic<bool> cancelled{false};

    QMutex mutex; // guards the queue, total and working
    QVector<qint64> queue;
    qsizetype head = 0;
    qint64 total = 0;
    bool working = false; // a job is queued or running

    // the worker's alone (the pool has one thread)
    std::unique_ptr<RuleScanner> scanner; // the rules of the endpoints the filter concerns
    QHash<QString, QStringList> names;    // per endpoint, its valid rules' names in order
    qint64 done = 0;

    bool open(QString *error);
};

bool RuleMatchScan::Run::open(QString *error)
{
    QList<RuleScanner::Endpoint> endpoints;
    for (const QString &id : rules->endpointsWithRules()) {
        if (!filter.concerns(id))
            continue;
        RuleScanner::Endpoint e{*rules->endpoint(id), {}};
        QStringList &valid = names[id];
        for (const RuleSet::Rule &rule : rules->rulesOf(id)->rules()) {
            if (rule.isValid()) {
                e.patterns.append(rule.pattern);
                valid.append(rule.name);
            }
        }
        endpoints.append(e);
    }
    scanner = std::make_unique<RuleScanner>(endpoints);
    if (scanner->open(path, ScanThreads))
        return true;
    *error = scanner->errorString();
    return false;
}

RuleMatchScan::RuleMatchScan(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

RuleMatchScan::~RuleMatchScan()
{
    if (m_run)
        m_run->cancelled = true;
    m_pool.waitForDone(); // jobs post back to this object
}

void RuleMatchScan::start(const QString &storePath, std::shared_ptr<const CompiledRules> rules,
                          const RuleFilter &filter, const CaptureFilter &base, QVector<qint64> ids)
{
    if (m_run)
        m_run->cancelled = true;
    m_run = std::make_shared<Run>();
    m_run->path = storePath;
    m_run->rules = std::move(rules);
    m_run->filter = filter;
    m_run->base = base;
    m_run->total = ids.size();
    m_run->queue = std::move(ids);
    m_running = true;
    Q_EMIT started();
    launch();
}

void RuleMatchScan::enqueue(const QVector<qint64> &ids)
{
    if (!m_run || ids.isEmpty()) // none started, or cancelled
        return;
    {
        QMutexLocker lock(&m_run->mutex);
        m_run->queue += ids;
        m_run->total += ids.size();
    }
    m_running = true;
    launch();
}

void RuleMatchScan::cancel()
{
    const bool wasRunning = m_running;
    stop();
    if (wasRunning)
        Q_EMIT finished(true);
}

void RuleMatchScan::stop()
{
    if (m_run)
        m_run->cancelled = true;
    m_run.reset();
    m_running = false;
}

void RuleMatchScan::launch()
{
    const std::shared_ptr<Run> run = m_run;
    {
        QMutexLocker lock(&run->mutex);
        if (run->working)
            return;
        run->working = true;
    }
    m_pool.start([run, this] { work(run, this); });
}

void RuleMatchScan::work(const std::shared_ptr<Run> &run, RuleMatchScan *receiver)
{
    // Only the GUI thread reads receiver->m_run: a result is delivered if its run is current.
    const auto post = [run, receiver](auto &&deliver) {
        QMetaObject::invokeMethod(receiver, [run, receiver, deliver] {
            if (receiver->m_run == run && !run->cancelled)
                deliver();
        });
    };
    for (;;) {
        QVector<qint64> chunk;
        qint64 total = 0;
        {
            QMutexLocker lock(&run->mutex);
            if (run->cancelled || run->head >= run->queue.size()) {
                run->working = false;
                break;
            }
            chunk = run->queue.mid(run->head, ChunkSize);
            run->head += chunk.size();
            if (run->head == run->queue.size()) {
                run->queue.clear();
                run->head = 0;
            }
            total = run->total;
        }
        QString error;
        QVector<RuleScanner::Verdict> verdicts;
        if ((!run->scanner && !run->open(&error)) ||
            !run->scanner->judge(chunk, &verdicts, &run->cancelled)) {
            if (error.isEmpty())
                error = run->scanner->errorString();
            run->cancelled = true;
            post([receiver, error] {
                receiver->m_running = false;
                Q_EMIT receiver->failed(error);
            });
            return;
        }
        if (run->cancelled)
            return;
        QVector<qint64> hits;
        for (const RuleScanner::Verdict &v : verdicts) {
            RuleVerdicts judged;
            const QStringList &names = run->names[v.endpointId];
            judged.ruleCount = int(names.size());
            for (int i : v.matching)
                judged.matching.append(names.at(i));
            if (run->filter.accepts(v.endpointId, judged))
                hits.append(v.id);
        }
        run->done += chunk.size();
        post([receiver, hits, done = run->done, total] {
            if (!hits.isEmpty())
                Q_EMIT receiver->matched(hits);
            Q_EMIT receiver->progress(done, total);
        });
    }
    post([run, receiver] {
        QMutexLocker lock(&run->mutex);
        if (run->working || !run->queue.isEmpty())
            return; // more arrived after the worker stopped: a new job has them
        lock.unlock();
        receiver->m_running = false;
        Q_EMIT receiver->finished(false);
    });
}
