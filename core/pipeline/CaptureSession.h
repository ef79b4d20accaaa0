#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/config/AppConfig.h"
#include "core/pipeline/CaptureContext.h"
#include "core/store/CaptureStore.h"
#include "core/store/OutboxEntry.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <functional>
#include <memory>

class CaptureRemover;
class CaptureRouter;
class DiagnosisStage;
class ForwardStage;
class HttpListener;
class Reverifier;
class SearchIndexer;
class StoreWriter;

// The capture flow, one object for both executables (docs: DESIGN.md, "The one flow"):
// listener → route → store (capture + fast verdict, one commit, the only writer) → answer →
// diagnosis on worker threads (hazards written beside the verdict) and forwarding through the
// outbox (ForwardStage). The listener and the writer
// run on a capture thread of their own, so neither the GUI nor the CLI's output delays a sender.
// Config and secret changes swap the context in place: the listener keeps its socket and its
// connections. Signals are emitted on the session's thread.
class CaptureSession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString bind = QStringLiteral("127.0.0.1");
        quint16 port = 8787;
        QString storePath;
        AppConfig config;                 // endpoints, limits, durability
        CaptureVerifier::Secrets secrets; // by endpoint id; held in memory only
        StoredAwsKeys awsKeys;            // typed into the app, read from the keychain
    };

    explicit CaptureSession(QObject *parent = nullptr);
    ~CaptureSession() override; // stops listening, finishes queued diagnoses and writes

    // The store this session writes (created and migrated as needed), with the durability of
    // the current config; closes the one before.
    bool open(const QString &storePath, QString *error);
    void close();
    bool isOpen() const { return m_writer != nullptr; }
    // The one writer of the open store (thread-safe to enqueue to), e.g. for an import
    // (CaptureImporter::attach); valid until the store is closed or another one opened.
    StoreWriter *writer() const { return m_writer.get(); }
    QString storePath() const { return m_storePath; }

    // Needs an open store. Listener limits come from the current config.
    bool startListening(const QString &bind, quint16 port, QString *error);
    void stopListening();
    bool isListening() const { return m_listener != nullptr; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    QString url() const; // http://127.0.0.1:8787 or http://[::1]:8787

    // open(options.storePath), the context from options, then startListening.
    bool start(const Options &options, QString *error);

    // Take effect for the next request; nothing restarts and no connection is dropped.
    void setConfig(const AppConfig &config);
    void setSecrets(const CaptureVerifier::Secrets &secrets);
    // The AWS keys for EventBridge credentials "keychain"; forwarding tries what is due again.
    void setAwsKeys(const StoredAwsKeys &keys);
    CaptureContext::Snapshot context() const { return m_context.current(); }

    // Through the one writer; verdictUpdated() once it is stored.
    void updateVerdict(const CaptureStore::VerdictRow &row);
    // Verifies the endpoint's stored captures again with the current context.
    void reverify(const QString &endpointId);
    // Dead forwards of these captures (or all of them) queued again, through the writer.
    void retryForwards(const QVector<qint64> &captureIds, bool allDead);
    // Deleted with every row beside them and their search entries, through the writer
    // (CaptureRemover): capturesRemoved() once done. clearCaptures() deletes all, then shrinks
    // the file (storeShrinking(), storeShrunk()); captures arriving meanwhile are stored after.
    void removeCaptures(const QVector<qint64> &ids);
    void clearCaptures();
    // Another write through the one writer (StoreMerger's batches); the search index is woken
    // after it.
    void write(std::function<bool(CaptureStore &store)> job);
    // Bookmarks and notes (CaptureMarks), through the one writer; marksChanged() once stored,
    // and the search indexer is woken to re-index the notes.
    void setBookmarked(const QVector<qint64> &captureIds, bool bookmarked);
    void setNote(qint64 captureId, const QString &note);

Q_SIGNALS:
    void captured(const QVector<CaptureSummary> &batch); // once per commit, fast verdicts
    // Once per capture, when its verdict is complete (hazards included) and stored, or at
    // once for a capture that no endpoint verifies.
    void completed(const CaptureSummary &summary);
    void verdictUpdated(qint64 id);
    void storeFailed(const QString &error);
    void forwardUpdated(const OutboxEntry &entry); // an attempt's outcome, once stored
    // retryForwards() stored: those captures' dead rows (or every dead row) are queued again.
    void forwardsRequeued(const QVector<qint64> &captureIds, bool allDead);
    void reverifyProgress(qint64 done, qint64 total);
    void marksChanged(const QVector<qint64> &captureIds); // bookmarks or notes stored
    // The search index (SearchIndexer, on its own thread) holds the captures up to indexedUpTo
    // of the latestId stored; emitted after each batch it indexes.
    void searchIndexProgress(qint64 indexedUpTo, qint64 latestId);
    void reverifyFinished(const QString &endpointId, qint64 changed, const QString &error);
    // Deleted by the user or by the retention limits (config "retention").
    // `removed` of them were stored; ids above maxIdAfter may be given to new captures again.
    void capturesRemoved(const QVector<qint64> &ids, qint64 removed, qint64 maxIdAfter);
    void capturesCleared(qint64 upToId, qint64 removed, qint64 maxIdAfter);
    void storeShrinking(qint64 bytesBefore);
    void storeShrunk(qint64 bytesBefore, qint64 bytesAfter);

private:
    void onStored(const QVector<CaptureSummary> &batch); // on the capture thread

    QThread m_thread;
    QObject *m_onCaptureThread; // context object for work that must run there
    CaptureContext m_context;
    QString m_storePath;
    std::unique_ptr<CaptureStore> m_writeStore;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<DiagnosisStage> m_diagnosis;
    std::unique_ptr<ForwardStage> m_forward;
    std::unique_ptr<Reverifier> m_reverifier;
    std::unique_ptr<CaptureRouter> m_router;
    std::unique_ptr<SearchIndexer> m_indexer;
    std::unique_ptr<CaptureRemover> m_remover;
    HttpListener *m_listener = nullptr; // lives on the capture thread
    QHostAddress m_address;
    quint16 m_port = 0;
};
