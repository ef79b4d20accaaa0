#pragma once

#include "core/config/AppConfig.h"

#include <QString>

// Reads and checks the config file. Every problem names the file, the key path
// (e.g. endpoints[1].response.status) and what was expected.
class ConfigLoader
{
public:
    struct Result
    {
        AppConfig config; // defaults where the file could not be used
        QString error;    // empty when the file was fine (or absent and optional)
        bool ok() const { return error.isEmpty(); }
    };

    static Result load(const QString &path, bool mustExist);
    static Result parse(const QByteArray &json, const QString &fileName);
    static QString defaultPath();
};
