#pragma once

#include "core/secrets/SigningSecret.h"

// What "set a new secret" means for an endpoint's list: the new secret becomes current and the
// former current one stays as previous, so requests signed just before the switch still verify.
// Older ones are dropped: providers keep at most one previous secret valid during a rotation.
class SecretRotation
{
public:
    static constexpr int Kept = 2; // current + previous

    // `existing` is current first. The added secret is labelled with its creation time.
    static QList<SigningSecret> add(const QList<SigningSecret> &existing, const QByteArray &value,
                                    const QDateTime &now);
    static QString labelFor(const QDateTime &created);
};
