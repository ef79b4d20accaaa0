#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

// What a PutEvents call did to each of its entries. PutEvents answers 200 while entries fail,
// so the per-entry results are read every time; a whole-request failure (5xx, throttling,
// timeout, connection, signature) applies to every entry of the call.
class PutEventsResult
{
public:
    enum class State
    {
        Delivered, // eventId set: the bus accepted it (not: a rule matched it)
        Retry,     // transient: send again after the retry policy's delay
        Dead,      // needs a fix (config, permissions, the event): dead-letter list
    };
    struct Entry
    {
        State state = State::Retry;
        QString eventId;
        QString errorCode;
        QString errorMessage;
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    QList<Entry> entries;     // one per entry sent, in order
    int httpStatus = 0;       // 0: no HTTP answer (timeout, connection)
    QString requestErrorCode; // empty when the call itself succeeded
    QString requestErrorMessage;
    std::optional<qint64> retryAfterMs; // x-amz-retry-after (ms) or Retry-After (s)
    bool credentialsExpired = false;    // ExpiredToken: resolve credentials again, then retry

    static PutEventsResult fromResponse(qsizetype entryCount, int httpStatus,
                                        const QByteArray &body, const Headers &headers);
    // No HTTP answer. `timedOut` distinguishes the request timeout from connection errors;
    // both are retried. A TLS failure is not (the endpoint will not change by itself).
    static PutEventsResult fromTransportError(qsizetype entryCount, const QString &code,
                                              const QString &message);

    // An entry's or a request's error code; `__type` values such as
    // `com.amazon.coral.availability#ThrottlingException` are reduced to the name after '#'.
    static State classifyEntryError(const QString &code);
    static State classifyRequestError(int httpStatus, const QString &code);
    static QString errorName(const QString &type);

    int count(State state) const;
    bool allDelivered() const { return count(State::Delivered) == entries.size(); }

private:
    static PutEventsResult failAll(qsizetype entryCount, State state, const QString &code,
                                   const QString &message);
};
