#pragma once

#include "core/verify/ProviderScheme.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// Signs a body the way a provider does and lays it out as a raw request file (CONTRACT "sign"),
// optionally broken in one deliberate way so a receiving handler can be tested against it.
class Signer
{
public:
    enum class Break
    {
        None,
        StaleTimestamp, // timestamp older than the tolerance (or an hour when there is none)
        TamperedBody,   // one byte changed after signing
        MissingHeader,  // no signature header
        WrongSecret,    // signed with another key
    };
    struct Options
    {
        QByteArray
            secret; // HMAC secret; Discord/SendGrid: the private key (PEM, hex seed, base64 DER)
        qint64 atS = 0;
        QByteArray id; // delivery id; generated when empty
        QString url;   // the URL signed and used for Host and target; default
                       // http://localhost:8787/webhook
        QList<QPair<QByteArray, QByteArray>> headers; // extra headers, they win over defaults
        Break breakMode = Break::None;
        int toleranceS = -1; // for StaleTimestamp: -1 the scheme's default
    };
    struct Result
    {
        QByteArray request; // the raw request; empty on error
        QString error;
        QByteArray publicKey; // public-key schemes: the key a verifier needs
    };

    static Result sign(const ProviderScheme &scheme, const QByteArray &body,
                       const Options &options);
    static bool parseBreak(const QString &text, Break *out);
};
