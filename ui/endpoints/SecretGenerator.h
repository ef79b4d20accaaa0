#pragma once

#include <QByteArray>
#include <QString>

// A fresh random signing secret in the form the provider's SDKs expect, for when the user is the
// one sending (their own service, or testing with `sign`).
class SecretGenerator
{
public:
    static constexpr int Bytes = 32;

    // whsec_ + base64 for schemes that decode their secret that way (Standard Webhooks, Svix),
    // hex for every other HMAC scheme.
    static QByteArray generate(const QString &provider);
    // False for public-key schemes (Discord, SendGrid): their "secret" is the provider's public
    // key, which can only be pasted.
    static bool canGenerate(const QString &provider);
};
