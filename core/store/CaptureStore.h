#pragma once

#include "core/capture/Capture.h"
#include "core/capture/Durability.h"
#include "core/store/CaptureFilter.h"
#include "core/store/CaptureOrder.h"
#include "core/store/NewCapture.h"
#include "core/store/WalCheckpointer.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVector>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

// The durable capture store: one SQLite file in WAL mode, schema versioned by migrations.
// One instance is one connection; use one per thread (WAL lets readers run beside the writer).
// A store opened with openReadOnly() never writes the file; writes on it fail.
class CaptureStore
{
public:
    static constexpr int SchemaVersion = 10;
    // Captures larger than this are written by the writer as a file of their own beside the
    // store (LargeCaptureFiles, see StoreWriter), not through SQLite.
    static constexpr qint64 LargeCaptureBytes = 1024 * 1024;
    // A large capture's file no row refers to is removed on open once it is this old (younger,
    // it may be another process's capture on its way in).
    static constexpr int UnreferencedFileQuietSeconds = 600;

    CaptureStore();
    ~CaptureStore();
    CaptureStore(const CaptureStore &) = delete;
    CaptureStore &operator=(const CaptureStore &) = delete;

    // Opens for writing (creating and migrating as needed). On failure returns false and sets
    // errorString(), one line naming the file (a read-only store is refused here).
    bool open(const QString &path, Durability durability = Durability::Process);
    // Opens for reading only, never writing the file (see StoreOpener::openReadOnly). Refuses a
    // missing file, an empty one and anything else that is not a Hookbench store.
    bool openReadOnly(const QString &path);
    bool isReadOnly() const { return m_readOnly; }
    Durability durability() const; // as the connection has it (PRAGMA synchronous)
    static QString defaultPath();  // captures.sqlite in the user's data folder
    void close();
    bool isOpen() const { return m_db != nullptr; }
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    int schemaVersion() const;

    // Appends the captures in one transaction; fills in their ids. All or nothing.
    bool append(QList<NewCapture> &captures);
    // The number of a large capture's file (LargeCaptureFiles) before its row (append() with
    // NewCapture::upload) refers to it. Writing connection only.
    qint64 newUpload();

    // Has the WAL copied back into the database once it has grown past a few MiB, on the
    // checkpointer's own thread and connection (WalCheckpointer); returns at once. The writer
    // calls this between commits, so no commit (and no sender) waits for a checkpoint.
    void checkpointIfLarge();
    qint64 walBytes() const { return m_checkpointer.walBytes(); } // as of the last commit

    // Records (or replaces) the verdict of a stored capture; the capture itself never changes.
    bool setVerdict(qint64 id, const QString &reason, const QByteArray &verdictJson);
    struct VerdictRow
    {
        qint64 id = 0;
        QString reason;
        QByteArray json;
    };
    bool setVerdicts(const QVector<VerdictRow> &rows); // one transaction
    QByteArray verdictJson(qint64 id) const;
    // The first capture that carried this delivery id, or 0.
    qint64 firstWithDeliveryId(const QByteArray &deliveryId) const;
    // The latest capture before `id` with its delivery id (the provider's event or delivery id:
    // a retry or redelivery of the same event), or 0 (none, or `id` has no delivery id).
    qint64 previousWithSameDeliveryId(qint64 id) const;
    // The latest capture before `id` on its endpoint (captures no endpoint matched count as one
    // endpoint), or 0.
    qint64 previousOnSameEndpoint(qint64 id) const;

    qint64 count() const;
    QVector<qint64> ids() const; // every capture id in ascending order (8 bytes each)
    QVector<qint64> ids(const CaptureFilter &filter) const; // the ids that pass, ascending
    // The ids that pass in the given order (CaptureOrder: an index walk, or a scan sorted in
    // memory), in one snapshot; `lastId` gets the highest id stored in that snapshot (passing or
    // not).
    QVector<qint64> ids(const CaptureFilter &filter, const CaptureOrder &order,
                        qint64 *lastId = nullptr) const;
    // A stored capture's place in an order (its key read now); nullopt when it is not stored.
    std::optional<CaptureOrder::Place> placeOf(qint64 id, const CaptureOrder &order) const;
    // The summaries with fromId <= id <= toId that pass the filter, ascending.
    QVector<CaptureSummary> summaries(qint64 fromId, qint64 toId,
                                      const CaptureFilter &filter = {}) const;
    // The summaries of these ids (any order, each passing or not), in the order given; ids
    // not stored are left out.
    QVector<CaptureSummary> summariesOf(const QVector<qint64> &ids) const;
    qint64 lastId() const; // the highest id stored, 0 when none
    // Reads between beginRead() and endRead() see one snapshot and share one read lock (a scan
    // over many captures takes the lock once, not once a row).
    bool beginRead() { return exec("BEGIN"); }
    void endRead() { exec("COMMIT"); }
    // Its summary and exact bytes; `parsed` is left empty (framing is the http layer's job).
    std::optional<Capture> capture(qint64 id) const;
    // Where an imported capture came from; empty for a capture the listener took.
    CaptureOrigin origin(qint64 id) const;

private:
    friend class ForwardOutbox;  // its queries run on this connection
    friend class CaptureDeleter; // deletes, clears and shrinks, likewise
    friend class RetentionPolicy;
    friend class StoreMerger;
    friend class CaptureMarks; // bookmarks and notes, likewise
    bool exec(const char *sql);
    bool writeVerdict(qint64 id, const QString &reason, const QByteArray &json);
    bool writeOrigin(qint64 id, const CaptureOrigin &origin);
    bool setError(const QString &context);

    // The statements of the write path, prepared once per connection (keyed by their SQL text).
    // Prepared once per connection, keyed by the SQL's address (a literal or a static).
    sqlite3_stmt *prepared(const char *sql) const;

    sqlite3 *m_db = nullptr;
    mutable QHash<const char *, sqlite3_stmt *> m_prepared;
    WalCheckpointer m_checkpointer;
    qint64 m_nextUpload = 0;        // 0: not read from the store yet
    bool dropUnreferencedUploads(); // on open
    bool m_readOnly = false;
    QString m_path;
    mutable QString m_error;
};

Q_DECLARE_METATYPE(CaptureStore::VerdictRow)
