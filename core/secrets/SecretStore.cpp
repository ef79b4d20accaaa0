#include "core/secrets/SecretStore.h"

QString SecretStore::unavailablePrefix()
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("No OS keychain is available (macOS Keychain)");
#elif defined(Q_OS_WIN)
    return QStringLiteral("No OS keychain is available (Windows Credential Manager)");
#else
    return QStringLiteral("No OS keychain is available (Secret Service over D-Bus)");
#endif
}
