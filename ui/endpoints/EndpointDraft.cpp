#include "ui/endpoints/EndpointDraft.h"

#include "core/capture/Capture.h"
#include "core/verify/ProviderRegistry.h"

#include <QUrl>

namespace {

QString pathOf(const QByteArray &target)
{
    QByteArray path = target;
    // An absolute-form target ("http://host/path"), as proxies send it.
    if (path.startsWith("http://") || path.startsWith("https://"))
        path = QUrl::fromEncoded(path).path(QUrl::FullyEncoded).toUtf8();
    const qsizetype end = path.indexOf('?');
    if (end >= 0)
        path.truncate(end);
    const qsizetype fragment = path.indexOf('#');
    if (fragment >= 0)
        path.truncate(fragment);
    if (!path.startsWith('/'))
        path.prepend('/');
    return QString::fromUtf8(path);
}

// "/webhooks/Orders v2" -> "webhooks-orders-v2": something a user would type as an id.
QString idFromPath(const QString &path)
{
    QString id;
    for (const QChar c : path.toLower()) {
        if (c.isLetterOrNumber())
            id.append(c);
        else if (!id.isEmpty() && !id.endsWith(QLatin1Char('-')))
            id.append(QLatin1Char('-'));
    }
    while (id.endsWith(QLatin1Char('-')))
        id.chop(1);
    return id.isEmpty() ? QStringLiteral("endpoint") : id;
}

QString unique(const QString &base, const QStringList &taken)
{
    if (!taken.contains(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = base + QLatin1Char('-') + QString::number(n);
        if (!taken.contains(candidate))
            return candidate;
    }
}

} // namespace

EndpointConfig EndpointDraft::fromCapture(const Capture &capture, const AppConfig &existing)
{
    EndpointConfig e;
    const QByteArray target =
        capture.parsed.target.isEmpty() ? capture.summary.target : capture.parsed.target;
    e.path = pathOf(target);
    e.provider = ProviderRegistry::detect(capture.parsed).value(0);
    QStringList ids;
    for (const EndpointConfig &other : existing.endpoints)
        ids.append(other.id);
    e.id = uniqueId(e.provider.isEmpty() ? idFromPath(e.path) : e.provider, ids);
    return e;
}

QString EndpointDraft::uniqueId(const QString &base, const QStringList &taken)
{
    return unique(base, taken);
}

QString EndpointDraft::uniquePath(const QString &base, const QStringList &taken)
{
    return unique(base, taken);
}
