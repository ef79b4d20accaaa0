#pragma once

#include "core/verify/ProviderScheme.h"

#include <QByteArray>

// Turns a secret as the user holds it into key bytes, the way the provider's SDK does
// (Standard Webhooks / Svix: optional "whsec_" then base64; everyone else: the text itself).
class SecretDecoder
{
public:
    // False when the secret cannot be a key of this format (bad base64).
    static bool keyBytes(ProviderScheme::SecretFormat format, const QByteArray &secret,
                         QByteArray *key);
};
