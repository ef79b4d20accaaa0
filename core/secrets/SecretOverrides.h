#pragma once

#include "core/secrets/SigningSecret.h"

#include <QHash>
#include <QStringList>

// `listen --secret-env ENDPOINT_ID=VAR`: secrets taken from the environment for scripts and CI.
// The variables are read once, when parsed; their values are used exactly as set. An endpoint's
// environment secrets come first in its list (given order), before any from the keychain, so
// matched_secret 0 is the one the script passed.
class SecretOverrides
{
public:
    SecretOverrides() = default;
    SecretOverrides(const SecretOverrides &) = default;
    SecretOverrides(SecretOverrides &&) = default;
    SecretOverrides &operator=(const SecretOverrides &) = default;
    SecretOverrides &operator=(SecretOverrides &&) = default;
    ~SecretOverrides();

    // `specs` are the option values ("ID=VAR"); `knownEndpointIds` the config's endpoints. False
    // with *error (a usage error, exit 2: it names the option and the variable, never a value)
    // when a spec is malformed, names an unknown endpoint, or its variable is unset or empty.
    static bool parse(const QStringList &specs, const QStringList &knownEndpointIds,
                      SecretOverrides *out, QString *error);

    bool isEmpty() const { return m_order.isEmpty(); }
    bool covers(const QString &endpointId) const { return m_secrets.contains(endpointId); }
    QStringList endpointIds() const { return m_order; } // in the order first given

    // The environment secrets of `endpointId`, then `stored` (its keychain secrets, if any).
    QList<SigningSecret> secretsFor(const QString &endpointId,
                                    const QList<SigningSecret> &stored = {}) const;
    // The same for every endpoint: `stored` (endpoint id -> keychain list) with the overrides put
    // in front; endpoints only in the overrides are added.
    QHash<QString, QList<SigningSecret>>
    applyTo(const QHash<QString, QList<SigningSecret>> &stored) const;

    static bool isVariableName(const QString &name);

private:
    QStringList m_order;
    QHash<QString, QList<SigningSecret>> m_secrets;
};
