#pragma once

#include "core/config/ForwardConfig.h"
#include "core/config/RuleConfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

// What an endpoint answers with.
struct ResponseSpec
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0;
};

// One integration: a path, a provider and how to answer. Secrets are not here (keychain).
struct EndpointConfig
{
    QString id;
    QString path;
    QString provider;
    int toleranceS = -1; // -1: the provider's default
    ResponseSpec response;
    QJsonObject scheme; // generic-hmac description, kept as given
    ForwardConfig forward;
    QList<RuleConfig> rules;
};
