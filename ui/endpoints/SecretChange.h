#pragma once

#include "core/secrets/SigningSecret.h"

#include <QList>
#include <QString>

// One keychain operation the endpoint editor applies on OK. A whole list is written at once
// because SecretStore keeps one list per endpoint (current first).
struct SecretChange
{
    enum class Kind
    {
        Write, // replace the endpoint's list with `secrets`
        Remove // the endpoint is gone (deleted, or renamed and its list written under the new id)
    };

    Kind kind = Kind::Write;
    QString endpointId;
    QList<SigningSecret> secrets; // Write only
};
