#pragma once

#include "core/config/AppConfig.h"

#include <QString>
#include <QStringList>

// Reads and checks the config file. Every problem names the file, the key path
// (e.g. endpoints[1].response.status) and what was expected.
//
// `knownProviders` are the names an endpoint's "provider" may take. The caller passes them
// (ProviderRegistry::names()): config and verify sit on the same level and share only value
// types, so the loader cannot ask the registry itself, and a name that no verifier knows must be
// refused here rather than turn every capture into missing_signature_header.
class ConfigLoader
{
public:
    // Larger files are refused before they are read (a config is a few KB).
    static constexpr qint64 MaxFileBytes = 4 * 1024 * 1024;

    struct Result
    {
        AppConfig config; // defaults where the file could not be used
        QString error;    // empty when the file was fine (or absent and optional)
        bool ok() const { return error.isEmpty(); }
    };

    static Result load(const QString &path, bool mustExist, const QStringList &knownProviders);
    static Result parse(const QByteArray &json, const QString &fileName,
                        const QStringList &knownProviders);
    static QString defaultPath();
};
