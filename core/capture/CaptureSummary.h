#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

// The light record the request list shows; everything but the raw bytes.
struct CaptureSummary
{
    qint64 id = 0;
    qint64 receivedAtUs = 0; // microseconds since the Unix epoch, UTC
    QString peer;            // "127.0.0.1:53422"
    QByteArray method;
    QByteArray target;
    QString endpointId; // empty when no endpoint matched
    QByteArray contentType;
    qint64 rawSize = 0;
    qint64 bodySize = 0;
    int status = 0; // the status the listener answered with
    QString parseError;
    QString verdictReason;  // CONTRACT.md reason code; empty when no provider applies
    QByteArray verdictJson; // the whole verdict object; filled for live captures only
    // The overall state of its forwards as the store reads it ("dead", "retrying", "queued",
    // "delivered", "skipped", the first that any of its outbox rows has), empty when none.
    QString forwardState;
    // The event type the delivery announces (EventType: Stripe's "type", X-GitHub-Event, ...)
    // and its provider's delivery id; empty when none says (or, for the type, stored before
    // schema 7).
    QString eventType;
    QString deliveryId;
    // What the list's verdict headline needs of the stored verdict, read by the store: the JSON
    // array [hazards, timestamp_age_s, diagnosed] (VerdictHeadline::fromStored); empty without
    // a verdict.
    QByteArray verdictBrief;
};

Q_DECLARE_METATYPE(CaptureSummary)
