#include "core/forward/PutEventsResult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

namespace {

bool isThrottling(const QString &code)
{
    static const char *const names[] = {"Throttling",
                                        "ThrottlingException",
                                        "ThrottledException",
                                        "RequestThrottledException",
                                        "TooManyRequestsException",
                                        "RequestLimitExceeded",
                                        "BandwidthLimitExceeded",
                                        "RequestThrottled",
                                        "SlowDown",
                                        "PriorRequestNotComplete",
                                        "LimitExceededException",
                                        "ProvisionedThroughputExceededException"};
    for (const char *n : names)
        if (code == QLatin1String(n))
            return true;
    return false;
}

bool isTransient(const QString &code)
{
    static const char *const names[] = {"InternalFailure",
                                        "InternalError",
                                        "InternalException",
                                        "ServiceUnavailable",
                                        "ServiceUnavailableException",
                                        "RequestTimeout",
                                        "RequestTimeoutException",
                                        "IDPCommunicationError"};
    for (const char *n : names)
        if (code == QLatin1String(n))
            return true;
    return false;
}

bool isExpiredCredentials(const QString &code)
{
    return code == QLatin1String("ExpiredTokenException") ||
           code == QLatin1String("ExpiredToken") || code == QLatin1String("RequestExpired");
}

QByteArray headerValue(const PutEventsResult::Headers &headers, const char *name)
{
    for (const auto &[k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v.trimmed();
    return {};
}

std::optional<qint64> retryAfter(const PutEventsResult::Headers &headers)
{
    bool ok = false;
    const qint64 ms = headerValue(headers, "x-amz-retry-after").toLongLong(&ok);
    if (ok && ms >= 0)
        return ms;
    const qint64 s = headerValue(headers, "Retry-After").toLongLong(&ok);
    if (ok && s >= 0 && s < std::numeric_limits<qint64>::max() / 1000)
        return s * 1000;
    return std::nullopt;
}

} // namespace

QString PutEventsResult::errorName(const QString &type)
{
    QString name = type.mid(type.lastIndexOf(u'#') + 1);
    const qsizetype colon = name.indexOf(u':'); // "Code:http://internal.amazon.com/..."
    if (colon >= 0)
        name.truncate(colon);
    return name.trimmed();
}

PutEventsResult::State PutEventsResult::classifyEntryError(const QString &code)
{
    return isThrottling(code) || isTransient(code) ? State::Retry : State::Dead;
}

PutEventsResult::State PutEventsResult::classifyRequestError(int httpStatus, const QString &code)
{
    if (isThrottling(code) || isTransient(code) || isExpiredCredentials(code))
        return State::Retry;
    if (httpStatus >= 500 || httpStatus == 429 || httpStatus == 408)
        return State::Retry;
    return State::Dead;
}

int PutEventsResult::count(State state) const
{
    int n = 0;
    for (const Entry &e : entries)
        n += e.state == state;
    return n;
}

PutEventsResult PutEventsResult::failAll(qsizetype entryCount, State state, const QString &code,
                                         const QString &message)
{
    PutEventsResult r;
    r.requestErrorCode = code;
    r.requestErrorMessage = message;
    Entry e;
    e.state = state;
    e.errorCode = code;
    e.errorMessage = message;
    r.entries = QList<Entry>(entryCount, e);
    return r;
}

PutEventsResult PutEventsResult::fromTransportError(qsizetype entryCount, const QString &code,
                                                    const QString &message)
{
    const bool tls = code.startsWith(QLatin1String("Tls"));
    return failAll(entryCount, tls ? State::Dead : State::Retry, code, message);
}

PutEventsResult PutEventsResult::fromResponse(qsizetype entryCount, int httpStatus,
                                              const QByteArray &body, const Headers &headers)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (httpStatus < 200 || httpStatus >= 300) {
        // awsJson errors: {"__type": "...#Name", "message": "..."}; the type may also come in
        // the x-amzn-ErrorType header.
        QString type = json.value(QLatin1String("__type")).toString();
        if (type.isEmpty())
            type = QString::fromLatin1(headerValue(headers, "x-amzn-ErrorType"));
        QString code = errorName(type);
        if (code.isEmpty())
            code = QStringLiteral("HTTP%1").arg(httpStatus);
        QString message = json.value(QLatin1String("message")).toString();
        if (message.isEmpty())
            message = json.value(QLatin1String("Message")).toString();
        if (message.isEmpty())
            message = QString::fromUtf8(body.left(300)).trimmed();
        PutEventsResult r =
            failAll(entryCount, classifyRequestError(httpStatus, code), code, message);
        r.httpStatus = httpStatus;
        r.retryAfterMs = retryAfter(headers);
        r.credentialsExpired = isExpiredCredentials(code);
        return r;
    }

    const QJsonArray results = json.value(QLatin1String("Entries")).toArray();
    if (results.size() != entryCount) {
        // The bus may have taken some; sending again is the at-least-once side of the doubt.
        PutEventsResult r =
            failAll(entryCount, State::Retry, QStringLiteral("MalformedResponse"),
                    QStringLiteral("PutEvents answered HTTP %1 with %2 result entries for %3 sent")
                        .arg(httpStatus)
                        .arg(results.size())
                        .arg(entryCount));
        r.httpStatus = httpStatus;
        return r;
    }
    PutEventsResult r;
    r.httpStatus = httpStatus;
    r.retryAfterMs = retryAfter(headers);
    for (const QJsonValue &v : results) {
        const QJsonObject o = v.toObject();
        Entry e;
        e.eventId = o.value(QLatin1String("EventId")).toString();
        e.errorCode = o.value(QLatin1String("ErrorCode")).toString();
        e.errorMessage = o.value(QLatin1String("ErrorMessage")).toString();
        if (!e.errorCode.isEmpty())
            e.state = classifyEntryError(e.errorCode);
        else if (!e.eventId.isEmpty())
            e.state = State::Delivered;
        else {
            e.state = State::Retry;
            e.errorCode = QStringLiteral("MalformedResponse");
            e.errorMessage = QStringLiteral("the result entry has neither EventId nor ErrorCode");
        }
        r.entries.append(e);
    }
    return r;
}
