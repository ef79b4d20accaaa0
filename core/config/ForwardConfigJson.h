#pragma once

#include "core/config/ForwardConfig.h"

#include <QJsonObject>

class ConfigChecker;

// An endpoint's `forward` section to and from its JSON (../shared/CONTRACT.md, "Config file").
// Defaults are left out when writing, so a file round-trips to what its author wrote.
class ForwardConfigJson
{
public:
    static ForwardConfig parse(ConfigChecker &c, const QJsonObject &obj, const QString &path);
    static QJsonObject toJson(const ForwardConfig &forward);

    static constexpr int MaxEntryBytesLimit = 1024 * 1024; // AWS's event size since January 2026
    // The problem with a `source`, or empty: AWS reserves the `aws.` prefix.
    static QString sourceProblem(const QString &source);
};
