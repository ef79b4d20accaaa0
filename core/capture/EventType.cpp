#include "core/capture/EventType.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

QString EventType::of(const QByteArray &raw, const ParsedRequest &parsed)
{
    for (const char *header : {"X-GitHub-Event", "X-Shopify-Topic", "X-Gitlab-Event"}) {
        const QByteArray value = parsed.header(header);
        if (!value.isEmpty())
            return QString::fromUtf8(value);
    }
    if (parsed.bodySize() == 0 || parsed.bodySize() > MaxBodyBytes)
        return {};
    const QJsonObject body = QJsonDocument::fromJson(parsed.body(raw)).object();
    if (body.value("type").toString() == QLatin1String("event_callback")) // Slack Events API
        return body.value("event").toObject().value("type").toString();
    for (const char *key : {"type", "event_type", "event"}) {
        if (body.value(key).isString())
            return body.value(key).toString();
    }
    return {};
}

bool EventType::matches(const QString &type, const QStringList &globs)
{
    if (globs.isEmpty())
        return true;
    for (const QString &glob : globs) {
        // `*` matches any run of characters, `/` included (Shopify's `orders/*`).
        QString pattern = QRegularExpression::escape(glob);
        pattern.replace(QLatin1String("\\*"), QLatin1String(".*"));
        pattern.replace(QLatin1String("\\?"), QLatin1String("."));
        const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
        if (re.match(type).hasMatch())
            return true;
    }
    return false;
}
