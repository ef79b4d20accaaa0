#pragma once

#include "core/forward/AwsCredentialResolver.h"
#include "core/secrets/StoredAwsKey.h"

#include <QHash>
#include <QString>

// The AWS access keys typed into the app, by endpoint id, as read from the keychain (for the
// endpoints whose EventBridge credentials are "keychain"), or why one could not be read. Held in
// memory only and wiped when the last copy goes; the forward stage's AwsCredentialResolver reads
// them through its stored-key source, so sending never waits on the keychain.
class StoredAwsKeys
{
public:
    StoredAwsKeys() = default;
    ~StoredAwsKeys();
    StoredAwsKeys(const StoredAwsKeys &) = default;
    StoredAwsKeys &operator=(const StoredAwsKeys &) = default;

    // Until the app has read the keychain, a lookup asks to be retried rather than failing.
    void setLoaded(bool loaded) { m_loaded = loaded; }
    bool isLoaded() const { return m_loaded; }
    void insert(const QString &endpointId, const StoredAwsKey &key);
    // The keychain's own error for that endpoint (e.g. no keychain), for the lookup to say.
    void setError(const QString &endpointId, const QString &error);
    void remove(const QString &endpointId);
    bool contains(const QString &endpointId) const { return m_keys.contains(endpointId); }

    // The keychain service the keys were read from (AwsKeychain::service()), for messages.
    void setService(const QString &service) { m_service = service; }

    // For AwsCredentialResolver::setStoredKeySource: the key, or an error that names the endpoint
    // and its keychain entry, and never a key.
    AwsCredentialResolver::Result lookup(const QString &endpointId) const;

private:
    QHash<QString, StoredAwsKey> m_keys;
    QHash<QString, QString> m_errors;
    QString m_service = QStringLiteral("hookbench");
    bool m_loaded = true;
};
