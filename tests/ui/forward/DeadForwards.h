#pragma once

#include "core/store/CaptureStore.h"
#include "core/store/ForwardOutbox.h"

// Captures of endpoint "app" whose one forward to `target` is dead, written through the store
// and its outbox as the forward stage records them. Returns their ids.
inline QVector<qint64> writeDeadForwards(const QString &path, const QString &target, int count)
{
    CaptureStore store;
    if (!store.open(path))
        return {};
    QVector<qint64> ids;
    for (int i = 0; i < count; ++i) {
        NewCapture c;
        c.summary.receivedAtUs = 1763779200000000 + i;
        c.summary.method = "POST";
        c.summary.target = "/hook";
        c.summary.endpointId = "app";
        c.summary.status = 200;
        c.raw = "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
        OutboxEntry e;
        e.kind = "http";
        e.target = target;
        c.outbox = {e};
        QList<NewCapture> batch{c};
        if (!store.append(batch))
            return {};
        const qint64 id = batch.first().summary.id;
        OutboxEntry dead = ForwardOutbox(store).list(id, nullptr).value(0);
        dead.state = OutboxEntry::State::Dead;
        dead.attempts = 20;
        dead.errorCode = "http-404";
        dead.errorMessage = QStringLiteral("the local app answered 404 (capture %1)").arg(id);
        if (!ForwardOutbox(store).update(dead))
            return {};
        ids.append(id);
    }
    return ids;
}
