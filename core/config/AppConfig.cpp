#include "core/config/AppConfig.h"

const EndpointConfig *AppConfig::endpointForPath(const QByteArray &target) const
{
    qsizetype end = target.indexOf('?');
    const QByteArray path = end < 0 ? target : target.left(end);
    for (const EndpointConfig &e : endpoints) {
        if (path == e.path.toUtf8())
            return &e;
    }
    return nullptr;
}

const EndpointConfig *AppConfig::endpointById(const QString &id) const
{
    for (const EndpointConfig &e : endpoints) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}
