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
    static constexpr int MaxSourceChars = 256;             // PutEvents' limit

    // The rules of one field, for the loader and the endpoint editor alike (and the mapper, for
    // the source): what is wrong as a phrase without the key path, empty when fine.
    // A `source`: not empty, at most 256 characters, and not `aws.` (AWS reserves the prefix).
    static QString sourceProblem(const QString &source);
    static QString urlProblem(const QString &text); // http:// or https:// with a host
    static QString busProblem(const QString &bus);
    static QString regionProblem(const QString &region); // empty is fine (the profile's)
    static QString presetProblem(const QString &preset);
    static QString credentialsProblem(const QString &credentials); // "chain" or "keychain"
    static QString detailTypeProblem(const QString &detailType);   // `/pointer` or `header:NAME`
    static QString accountProblem(const QString &account);         // empty or 12 digits
    static QStringList presets();
};
