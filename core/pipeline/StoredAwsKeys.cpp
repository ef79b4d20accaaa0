#include "core/pipeline/StoredAwsKeys.h"

#include "core/secrets/AwsKeychain.h"

StoredAwsKeys::~StoredAwsKeys()
{
    for (StoredAwsKey &key : m_keys)
        key.wipe(); // only the last owner's bytes are zeroed (SigningSecret::wipe)
}

void StoredAwsKeys::insert(const QString &endpointId, const StoredAwsKey &key)
{
    m_errors.remove(endpointId);
    m_keys.insert(endpointId, key);
}

void StoredAwsKeys::setError(const QString &endpointId, const QString &error)
{
    remove(endpointId);
    m_errors.insert(endpointId, error);
}

void StoredAwsKeys::remove(const QString &endpointId)
{
    auto it = m_keys.find(endpointId);
    if (it != m_keys.end()) {
        it->wipe();
        m_keys.erase(it);
    }
    m_errors.remove(endpointId);
}

AwsCredentialResolver::Result StoredAwsKeys::lookup(const QString &endpointId) const
{
    const QString entry = QStringLiteral("keychain service \"%1\", key \"%2\"")
                              .arg(m_service, AwsKeychain::entryKey(endpointId));
    AwsCredentialResolver::Result r;
    const auto key = m_keys.constFind(endpointId);
    if (key != m_keys.cend()) {
        AwsCredentials c;
        c.accessKeyId = key->accessKeyId;
        c.secretAccessKey = key->secretAccessKey;
        c.sessionToken = key->sessionToken;
        c.origin =
            QStringLiteral("the access key stored for endpoint \"%1\" (%2)").arg(endpointId, entry);
        r.credentials = c;
        return r;
    }
    if (!m_loaded) {
        r.error = QStringLiteral("the keychain has not been read yet (the access key of endpoint "
                                 "\"%1\", %2)")
                      .arg(endpointId, entry);
        r.retryable = true;
        return r;
    }
    const QString error = m_errors.value(endpointId);
    r.error = error.isEmpty()
                  ? QStringLiteral("endpoint \"%1\" forwards with an access key stored in the "
                                   "keychain, but none is stored (%2): type one in the endpoint "
                                   "editor's Forward tab, or choose the AWS CLI chain")
                        .arg(endpointId, entry)
                  : QStringLiteral("endpoint \"%1\" forwards with an access key stored in the "
                                   "keychain (%2), which could not be read: %3")
                        .arg(endpointId, entry, error);
    return r;
}
