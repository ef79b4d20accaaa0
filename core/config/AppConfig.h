#pragma once

#include "core/capture/Durability.h"
#include "core/capture/ListenerLimits.h"
#include "core/capture/RetentionLimits.h"
#include "core/config/EndpointConfig.h"

#include <QList>
#include <QString>

// The parsed config file (CONTRACT.md, "Config file").
struct AppConfig
{
    QString bind = QStringLiteral("127.0.0.1");
    quint16 port = 8787;
    ListenerLimits limits;
    Durability durability = Durability::Process; // listen.durability
    QList<EndpointConfig> endpoints;
    RetentionLimits retention; // "retention": kept by the capture session's writer

    const EndpointConfig *endpointForPath(const QByteArray &target) const;
    const EndpointConfig *endpointById(const QString &id) const; // null when none has it
};
