#pragma once

#include "core/store/CaptureFilter.h"
#include "core/store/CaptureQuery.h"

#include <QString>
#include <QVector>
#include <atomic>

struct sqlite3;

// Answers filter queries (CaptureQuery, with the list's CaptureFilter) on a read-only connection
// of its own to the store, with the search index (SearchIndex) attached read-only as `search`
// (an empty one in its temp schema until the indexer has written the file). One thread at a time
// asks; interrupt() may be called from any thread to end the query running.
class CaptureSearch
{
public:
    struct Result
    {
        QVector<qint64> ids; // ascending
        bool ok = false;
        bool interrupted = false;
        QString error;
        qint64 indexedUpTo = 0; // the last capture id the search index holds
        qint64 latestId = 0;    // the last capture id in the store
    };

    CaptureSearch() = default;
    ~CaptureSearch();
    CaptureSearch(const CaptureSearch &) = delete;
    CaptureSearch &operator=(const CaptureSearch &) = delete;

    bool open(const QString &storePath, QString *error);
    void close();
    bool isOpen() const { return m_db != nullptr; }

    // The ids of the captures that pass both, ascending; `filter` may be empty.
    Result ids(const CaptureQuery &query, const CaptureFilter &filter,
               const CaptureQuery::Context &context);
    void interrupt();
    // The connection with the search index attached (as indexSchema()), for other reads over a
    // compiled CaptureQuery (CaptureHistogram); null, with `error`, when it cannot be had.
    sqlite3 *connection(QString *error);
    QByteArray indexSchema() const { return m_indexFile ? "search" : "temp"; }

private:
    bool attachIndex(QString *error);
    // TextIdsQuery's answer in `r`: the same ids as the join over captures.
    void textIds(const CaptureQuery &query, const CaptureQuery::Context &context, Result *r);

    sqlite3 *m_db = nullptr;
    std::atomic<sqlite3 *> m_running{nullptr};
    QString m_storePath;
    bool m_indexFile = false;  // the index file is attached as `search`
    bool m_emptyIndex = false; // no file yet: an empty index in `temp`
};
