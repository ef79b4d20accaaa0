#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

// One forward of one capture to one target: a row of the outbox, written in the capture's own
// transaction and then moved along by the forward stage (at least once: a row is done only when
// it is delivered, dead or skipped).
struct OutboxEntry
{
    enum class State
    {
        Queued,
        Retrying,
        Delivered,
        Dead,
        Skipped
    };

    qint64 id = 0;
    qint64 captureId = 0;
    QString endpointId;
    QString kind;   // "http" or "eventbridge"
    QString target; // the URL, or the bus
    State state = State::Queued;
    int attempts = 0;
    qint64 nextAttemptMs = 0; // epoch ms; when a queued or retrying row is due
    qint64 updatedMs = 0;
    QString errorCode;    // e.g. ThrottlingException, connection-refused, not-verified
    QString errorMessage; // what went wrong, for a person; never a secret
    QString eventId;      // EventBridge's EventId once delivered
    int httpStatus = 0;   // the local app's answer
    int elapsedMs = 0;    // of the last attempt
    QByteArray response;  // the local app's answer (status line, headers, body), bounded
    QString note;         // e.g. "re-signed with a fresh timestamp"

    bool isOpen() const { return state == State::Queued || state == State::Retrying; }
    static QString stateName(State state);
    static bool stateFromName(const QString &name, State *state);
};

Q_DECLARE_METATYPE(OutboxEntry)
