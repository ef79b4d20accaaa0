#include "core/pipeline/CaptureImporter.h"

#include "core/http/RequestFramer.h"
#include "core/io/ImportShape.h"
#include "core/io/ParsedBodyNote.h"
#include "core/pipeline/DiagnosisStage.h"
#include "core/pipeline/ParsedBodyLayout.h"
#include "core/pipeline/TokenRedaction.h"
#include "core/store/CaptureStore.h"
#include "core/store/StoreWriter.h"
#include "core/verify/ProviderRegistry.h"

#include <QDateTime>

namespace {

constexpr qint64 MaxInFlight = 512;

qint64 nowUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

int diagnosisWorkers()
{
    return qBound(1, QThread::idealThreadCount() - 1, 4);
}

} // namespace

CaptureImporter::CaptureImporter(CaptureContext::Snapshot context)
    : m_context(std::move(context)), m_maxInFlight(MaxInFlight)
{
    m_thread.setObjectName(QStringLiteral("import"));
    m_thread.start();
}

CaptureImporter::~CaptureImporter()
{
    QString ignored;
    finish(&ignored);
    m_diagnosis.reset();
    if (m_writer) {
        StoreWriter *writer = m_writer.release();
        QMetaObject::invokeMethod(
            writer, [writer] { delete writer; }, Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_thread.wait();
    m_store.reset();
}

bool CaptureImporter::open(const QString &storePath, Durability durability, QString *error)
{
    auto store = std::make_unique<CaptureStore>();
    if (!store->open(storePath, durability)) {
        *error = store->errorString();
        return false;
    }
    m_store = std::move(store);
    m_writer = std::make_unique<StoreWriter>(m_store.get());
    m_writer->moveToThread(&m_thread);
    attach(m_writer.get(), storePath);
    m_maxInFlight = MaxInFlight;
    return true;
}

void CaptureImporter::attach(StoreWriter *writer, const QString &storePath)
{
    m_out = writer;
    m_maxInFlight = SharedInFlight;
    m_diagnosis = std::make_unique<DiagnosisStage>(
        storePath, writer, diagnosisWorkers(), [this](const CaptureSummary &s) { completed(s); });
}

void CaptureImporter::stored(const CaptureSummary &summary, bool ok)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        --m_inFlight;
        if (!ok) {
            if (m_storeError.isEmpty())
                m_storeError = m_store ? m_store->errorString()
                                       : QStringLiteral("The store refused an imported capture "
                                                        "(see the store error reported)");
        } else {
            ++m_stats.imported;
            if (m_stats.firstId == 0)
                m_stats.firstId = summary.id;
            m_stats.lastId = qMax(m_stats.lastId, summary.id);
            if (summary.verdictReason.isEmpty())
                ++m_stats.verdicts[QString()];
            else
                ++m_diagnosing;
        }
    }
    if (ok && !summary.verdictReason.isEmpty())
        m_diagnosis->submit(summary, m_context);
    m_changed.notify_all();
}

void CaptureImporter::completed(const CaptureSummary &summary)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        --m_diagnosing;
        ++m_stats.verdicts[summary.verdictReason];
    }
    m_changed.notify_all();
}

CaptureImporter::Result CaptureImporter::run(ImportShape &shape, const QString &source,
                                             QString *error,
                                             const std::function<bool(qint64)> &progress)
{
    const qint64 importedAt = nowUs();
    qint64 read = 0;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(
                lock, [this] { return m_inFlight < m_maxInFlight || !m_storeError.isEmpty(); });
            if (!m_storeError.isEmpty()) {
                *error = m_storeError;
                return Result::StoreError;
            }
        }
        ImportedRequest request;
        switch (shape.next(&request)) {
        case ImportShape::Next::End:
            return Result::Done;
        case ImportShape::Next::Failed:
            *error = shape.errorString();
            return Result::InputError;
        case ImportShape::Next::Request:
            break;
        }
        NewCapture capture;
        ParsedRequest parsed = RequestFramer::parse(request.raw);
        CaptureSummary &s = capture.summary;
        s.receivedAtUs = request.receivedAtUs != 0 ? request.receivedAtUs : importedAt;
        s.peer = request.peer;
        if (!parsed.hasError())
            s.endpointId = route(request, parsed);
        if (!request.bodyParsedBy.isEmpty()) {
            // Only the parsed body was in the source: the layout that reproduces the signature,
            // if one does, gives back the bytes that were sent.
            QString layout;
            request.raw = ParsedBodyLayout::resolve(*m_context, s, request.raw, &layout);
            parsed = RequestFramer::parse(request.raw);
            request.notRebuilt.append(
                ParsedBodyNote::make(request.bodyParsedBy, request.rawBodyHowTo));
        }
        s.method = parsed.method;
        s.target = parsed.target;
        s.contentType = parsed.header("Content-Type");
        s.bodySize = parsed.bodySize();
        s.parseError = parsed.error;
        capture.raw = std::move(request.raw);
        capture.origin.source = source;
        capture.origin.format = shape.name();
        capture.origin.entry = request.entry;
        capture.origin.importedAtUs = importedAt;
        capture.origin.notRebuilt = request.notRebuilt;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            ++m_inFlight;
            if (!request.notRebuilt.isEmpty())
                ++m_stats.withNotes;
        }
        CaptureContext::Snapshot context = m_context;
        TokenRedaction::apply(capture, parsed, *context); // a GitLab token is not stored
        m_out->enqueue(
            std::move(capture),
            [context](NewCapture &c, const CaptureStore &store) { context->annotate(c, store); },
            [this](const CaptureSummary &summary, bool ok) { stored(summary, ok); });
        if (progress && !progress(++read))
            return Result::Cancelled;
    }
}

QString CaptureImporter::route(const ImportedRequest &request, const ParsedRequest &parsed) const
{
    const AppConfig &config = m_context->config();
    if (const EndpointConfig *e = config.endpointForPath(parsed.target))
        return e->id;
    if (!request.pathUnknown)
        return {};
    // No path in the source: the one endpoint whose provider the headers show.
    QStringList detected = ProviderRegistry::detect(parsed);
    if (!request.providerHint.isEmpty())
        detected.append(request.providerHint);
    QString found;
    for (const EndpointConfig &e : config.endpoints) {
        if (!e.provider.isEmpty() && detected.contains(e.provider)) {
            if (!found.isEmpty())
                return {};
            found = e.id;
        }
    }
    return found;
}

bool CaptureImporter::finish(QString *error)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return m_inFlight == 0 && m_diagnosing == 0; });
    if (!m_storeError.isEmpty()) {
        *error = m_storeError;
        return false;
    }
    return true;
}

CaptureImporter::Stats CaptureImporter::stats() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_stats;
}
