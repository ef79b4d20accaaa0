#pragma once

#include "core/config/AppConfig.h"

#include <QByteArray>
#include <QString>

// Writes the config file of CONTRACT.md ("Config file") so that ConfigLoader reads back the same
// AppConfig: only keys the loader knows, defaults left out where the loader fills them in. The
// file is replaced atomically (QSaveFile: a temporary file renamed over it), so a crash or a full
// disk leaves the previous file, never half of one. Secrets are not part of AppConfig and so can
// never reach this file.
class ConfigWriter
{
public:
    static QByteArray toJson(const AppConfig &config);
    // Creates the folder if needed. False with *error naming the file when it cannot be written.
    static bool write(const AppConfig &config, const QString &path, QString *error);
};
