#pragma once

#include "core/store/OutboxEntry.h"

#include <QVector>

class CaptureStore;

// (Reads work on a read-only store; insert, update and retryDead need the writing one.)

// The outbox's queries, on a store's connection. Rows are inserted with their capture
// (CaptureStore::append); the forward stage reads the due ones on its reading connection and
// records each attempt through the store's writer (update()).
class ForwardOutbox
{
public:
    explicit ForwardOutbox(CaptureStore &store) : m_store(store) {}

    // Open rows due at `nowMs`, oldest first, at most `limit`; rows with ids in `busy` left out,
    // and proxy rows (the router sends those while the sender waits).
    QVector<OutboxEntry> due(qint64 nowMs, int limit, const QVector<qint64> &busy = {}) const;
    // When the next open row falls due after `afterMs` (epoch ms), or -1 when none.
    qint64 nextDueMs(qint64 afterMs) const;
    // Rows of one capture (0: all), of one state (nullptr: any), newest capture first, at most
    // `limit`.
    QVector<OutboxEntry> list(qint64 captureId, const OutboxEntry::State *state,
                              int limit = 1000) const;

    // Writing connection, inside the capture's transaction (CaptureStore::append).
    bool insert(qint64 captureId, const QString &endpointId,
                const QList<OutboxEntry> &entries) const;
    // Writing connection: records an attempt's outcome (every mutable column, by id).
    bool update(const OutboxEntry &entry) const;
    // Writing connection: dead rows of these captures (or every dead row) queued again, their
    // attempts reset; returns how many, or -1 on failure.
    int retryDead(const QVector<qint64> &captureIds, bool allDead) const;

private:
    CaptureStore &m_store;
};
