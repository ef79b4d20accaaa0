#pragma once

#include "core/verify/ProviderScheme.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// What a signature header's value says, before any secret is involved.
struct ParsedSignatureHeader
{
    bool ok = false;
    QString error;             // why it cannot be parsed, in plain words
    QList<QByteArray> texts;   // each signature as sent (prefix and key removed)
    QList<QByteArray> decoded; // the same, decoded from hex/base64
    QByteArray timestamp;      // from the header itself (t=, ts=), as sent
    bool hasTimestamp = false; // the header carried one
    bool testModeOnly = false; // Stripe: v0 present, no v1
    // HeaderFormat::Jws: the bytes the token signs (header "." payload) and its claims; the
    // timestamp is its "iat" when present.
    QByteArray jwsSigningInput;
    QJsonObject jwsClaims;
};

// Parses the value of a signature header for one scheme. Pure and total: any input gives a
// result (fuzzed by fuzz/fuzz_signature_headers.cpp).
class SignatureHeaderParser
{
public:
    static ParsedSignatureHeader parse(const ProviderScheme &scheme,
                                       const ProviderScheme::SignatureHeader &header,
                                       const QByteArray &value);
    // Strict hex / standard base64 (padding required); false on anything else.
    static bool decode(ProviderScheme::Encoding encoding, const QByteArray &text, QByteArray *out);
    static QByteArray encode(ProviderScheme::Encoding encoding, const QByteArray &bytes);
    // Expected signature size in bytes for the algorithm; 0 when it varies (ECDSA DER).
    static int signatureSize(ProviderScheme::Algorithm algorithm);
};
