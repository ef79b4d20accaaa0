#pragma once

#include "core/verify/ProviderScheme.h"

#include <QByteArray>
#include <QString>
#include <optional>

// One provider described as a JSON file (format: resources/providers/SCHEMA.md): read strictly,
// so that a typo is refused with the file, the key and the problem rather than silently giving
// a scheme that never verifies; and written back in the same format (`providers --show`).
class ProviderFile
{
public:
    // Why a file was refused: "PATH: KEY: PROBLEM" (key empty when it is the whole file).
    struct Problem
    {
        QString path;
        QString key; // dotted, e.g. "signature.headers[1].algorithm"
        QString problem;
        QString text() const;
    };

    // The scheme a file's bytes describe. `path` names the file in problems; its base name (less
    // ".json") must be the provider's name. nullopt with `problem` set when the file is refused.
    static std::optional<ProviderScheme> parse(const QByteArray &bytes, const QString &path,
                                               ProviderScheme::Origin origin, Problem *problem);
    // The definition in the file format (indented, keys in the order SCHEMA.md lists them,
    // defaults left out); empty when the scheme is not data (fitsData() false).
    static QByteArray write(const ProviderScheme &scheme);
    // False for the shapes only code describes: Twilio's form, Mailgun's in-body signature,
    // public keys.
    static bool fitsData(const ProviderScheme &scheme);
};
