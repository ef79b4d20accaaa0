#pragma once

#include <QJsonValue>
#include <QString>

// One EventBridge rule saved with an endpoint (`rules` in the config). The pattern is kept as
// given; core/rules compiles and validates it.
struct RuleConfig
{
    QString name;
    QJsonValue pattern;
};
