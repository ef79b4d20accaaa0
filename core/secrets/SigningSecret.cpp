#include "core/secrets/SigningSecret.h"

void SigningSecret::wipe(QByteArray &bytes)
{
    if (bytes.isDetached())
        bytes.fill('\0');
    bytes.clear();
}

void SigningSecret::wipe(QList<SigningSecret> &secrets)
{
    if (secrets.isDetached()) {
        for (SigningSecret &s : secrets)
            wipe(s.value);
    }
    secrets.clear();
}
