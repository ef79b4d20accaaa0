#pragma once

#include "core/secrets/SigningSecret.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The one keychain entry that holds all secrets of an endpoint:
//   {"format":"hookbench-secrets","version":1,
//    "secrets":[{"value":"<base64>","label":"...","created":"2025-01-31T12:00:00.000Z"}, ...]}
// One entry per endpoint keeps a rotation atomic (no half-written list) and base64 keeps any byte
// (NUL, newlines) intact through keychains that store text.
class SecretListCodec
{
public:
    // The caller wipes the result (SigningSecret::wipe) once it has been handed to the keychain.
    static QByteArray encode(const QList<SigningSecret> &secrets);
    // False with *error (which never quotes the entry) when `entry` is not in the format above.
    static bool decode(const QByteArray &entry, QList<SigningSecret> *secrets, QString *error);
};
