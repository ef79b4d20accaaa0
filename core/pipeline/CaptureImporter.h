#pragma once

#include "core/capture/Durability.h"
#include "core/pipeline/CaptureContext.h"

#include <QMap>
#include <QString>
#include <QThread>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

class CaptureStore;
class DiagnosisStage;
class ImportShape;
class ParsedRequest;
struct ImportedRequest;
class StoreWriter;

// Stores the requests an import shape reads as captures and verifies them as the listener's are
// (docs: DESIGN.md, "The one flow"): routed by path to an endpoint of the context, the fast
// verdict computed on the store's one writer and committed with the capture and its origin,
// then the diagnosis on worker threads. Nothing is forwarded or answered. Reading waits while
// many captures are in flight, so a large input is never held whole. A cancelled or failed
// import leaves every capture it stored whole (each is one transaction with its origin).
class CaptureImporter
{
public:
    enum class Result
    {
        Done,
        InputError, // the shape's errorString(): the input is not what it claims
        StoreError,
        Cancelled
    };
    struct Stats
    {
        qint64 imported = 0;
        qint64 firstId = 0;
        qint64 lastId = 0;
        qint64 withNotes = 0;           // captures with something not rebuilt
        QMap<QString, qint64> verdicts; // final reason code ("" when unverified) -> count
    };

    explicit CaptureImporter(CaptureContext::Snapshot context);
    ~CaptureImporter(); // finishes what is queued

    bool open(const QString &storePath, Durability durability, QString *error);
    // Instead of open(): imports through a writer that already writes the store at `storePath`
    // (the session's one writer, CaptureSession::writer()), so no second connection writes it.
    // At most SharedInFlight imported captures then wait in its queue: a live capture is
    // committed behind one small batch of them at most, never behind the whole import. The
    // writer must outlive this object.
    void attach(StoreWriter *writer, const QString &storePath);
    static constexpr qint64 SharedInFlight = 32;
    // Reads `shape` (already started on its input) to its end. `progress` is called after each
    // request is read with how many were; returning false cancels.
    Result run(ImportShape &shape, const QString &source, QString *error,
               const std::function<bool(qint64 read)> &progress = {});
    // Waits until every capture handed in is stored and diagnosed. False with `error` set when
    // the store refused one.
    bool finish(QString *error);
    Stats stats() const;

private:
    // The endpoint a request goes to: by its path, or, when the source names none
    // (ImportedRequest::pathUnknown), the one endpoint whose provider its headers (or the
    // source, ImportedRequest::providerHint) show.
    QString route(const ImportedRequest &request, const ParsedRequest &parsed) const;
    void stored(const CaptureSummary &summary, bool ok);
    void completed(const CaptureSummary &summary);

    CaptureContext::Snapshot m_context;
    QThread m_thread; // the writer's: its Done callbacks run here
    std::unique_ptr<CaptureStore> m_store;
    std::unique_ptr<StoreWriter> m_writer; // open(): its own
    StoreWriter *m_out = nullptr;          // where captures go: m_writer, or the one attached
    qint64 m_maxInFlight;
    std::unique_ptr<DiagnosisStage> m_diagnosis;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    qint64 m_inFlight = 0; // handed to the writer, not yet stored
    qint64 m_diagnosing = 0;
    QString m_storeError;
    Stats m_stats;
};
