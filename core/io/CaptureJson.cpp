#include "core/io/CaptureJson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QString CaptureJson::rfc3339(qint64 microsSinceEpoch)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(microsSinceEpoch / 1000, Qt::UTC);
    return t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.")) +
           QStringLiteral("%1Z").arg(microsSinceEpoch % 1000000, 6, 10, QLatin1Char('0'));
}

QJsonObject CaptureJson::listenLine(const CaptureSummary &s, const QString &provider)
{
    QJsonObject o;
    o.insert("id", s.id);
    o.insert("received_at", rfc3339(s.receivedAtUs));
    o.insert("method", QString::fromLatin1(s.method));
    o.insert("target", QString::fromUtf8(s.target));
    o.insert("endpoint", orNull(s.endpointId));
    o.insert("provider", orNull(provider));
    const QJsonDocument verdict = QJsonDocument::fromJson(s.verdictJson);
    o.insert("verdict", verdict.isObject() ? QJsonValue(verdict.object()) : QJsonValue::Null);
    if (provider.isEmpty() && verdict.isObject())
        o.insert("provider", verdict.object().value("provider"));
    o.insert("status", s.status);
    return o;
}

QJsonObject CaptureJson::exportLine(const Capture &c)
{
    QJsonObject o = listenLine(c.summary, QString());
    o.insert("peer", c.summary.peer);
    o.insert("content_type", QString::fromLatin1(c.summary.contentType));
    o.insert("raw_size", c.summary.rawSize);
    o.insert("body_size", c.summary.bodySize);
    o.insert("parse_error", orNull(c.summary.parseError));
    o.insert("raw_base64", QString::fromLatin1(c.raw.toBase64()));
    return o;
}

QJsonObject CaptureJson::origin(const CaptureOrigin &origin)
{
    QJsonObject o;
    o.insert("source", origin.source);
    o.insert("format", origin.format);
    o.insert("entry", origin.entry);
    o.insert("imported_at", rfc3339(origin.importedAtUs));
    o.insert("not_rebuilt", QJsonArray::fromStringList(origin.notRebuilt));
    return o;
}

QByteArray CaptureJson::compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}
