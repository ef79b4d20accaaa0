#pragma once

#include "core/verify/Hazard.h"
#include "core/verify/ProviderScheme.h"
#include "core/verify/SchemeKey.h"

#include <QByteArray>
#include <QList>
#include <QString>

// One way a configured secret may be wrong in form, and the key it gives once repaired: trimmed
// of whitespace, its prefix put back or dropped, base64-decoded, or used as text. The diagnosis
// tries each repair alone, and with each body transformation or URL form when no single change
// reproduces the signature.
struct SecretRepair
{
    int secretIndex = -1;
    QString code;      // the hazard it stands for: "secret_whitespace" or "secret_format"
    QString transform; // secret_format: add_prefix, strip_prefix, base64_decode, use_as_text
    SchemeKey key;
    QString detail;
    QString advice;

    // The hazard reported when this repair reproduces the signature.
    Hazard hazard() const;
    // "trimmed", "add_prefix", ... (for the verdict's list of what was tried).
    QString label() const;

    // The repairs of each secret, in the order they are tried (a secret's whitespace first, then
    // its format); none for public keys.
    static QList<SecretRepair> forSecrets(const ProviderScheme &scheme,
                                          ProviderScheme::Algorithm algorithm,
                                          const QList<QByteArray> &secrets);
};
