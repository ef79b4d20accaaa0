#include "core/secrets/SecretOverrides.h"

SecretOverrides::~SecretOverrides()
{
    if (m_secrets.isDetached()) {
        for (QList<SigningSecret> &list : m_secrets)
            SigningSecret::wipe(list);
    }
}

bool SecretOverrides::isVariableName(const QString &name)
{
    if (name.isEmpty() || name.at(0).isDigit())
        return false;
    for (QChar c : name) {
        if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

bool SecretOverrides::parse(const QStringList &specs, const QStringList &knownEndpointIds,
                            SecretOverrides *out, QString *error)
{
    SecretOverrides result;
    for (const QString &spec : specs) {
        // Split at the last '=': a variable name has none, an endpoint id might.
        const qsizetype eq = spec.lastIndexOf('=');
        const QString id = spec.left(eq);
        const QString variable = spec.mid(eq + 1);
        if (eq <= 0 || variable.isEmpty()) {
            *error = QStringLiteral("--secret-env expects ENDPOINT_ID=VAR, found \"%1\"").arg(spec);
            return false;
        }
        if (!isVariableName(variable)) {
            *error = QStringLiteral("--secret-env %1: \"%2\" is not an environment variable name")
                         .arg(spec, variable);
            return false;
        }
        if (!knownEndpointIds.contains(id)) {
            *error =
                QStringLiteral("--secret-env %1: no endpoint with id \"%2\" in the config%3")
                    .arg(spec, id,
                         knownEndpointIds.isEmpty()
                             ? QStringLiteral(" (it has no endpoints)")
                             : QStringLiteral(" (known: %1)").arg(knownEndpointIds.join(", ")));
            return false;
        }
        const QByteArray name = variable.toLocal8Bit();
        if (!qEnvironmentVariableIsSet(name.constData())) {
            *error = QStringLiteral("--secret-env %1: the environment variable %2 is not set")
                         .arg(spec, variable);
            return false;
        }
        SigningSecret secret;
        secret.value = qgetenv(name.constData());
        if (secret.value.isEmpty()) {
            *error = QStringLiteral("--secret-env %1: the environment variable %2 is empty")
                         .arg(spec, variable);
            return false;
        }
        secret.label = QStringLiteral("from $") + variable;
        if (!result.m_secrets.contains(id))
            result.m_order.append(id);
        result.m_secrets[id].append(std::move(secret));
    }
    *out = std::move(result);
    return true;
}

QList<SigningSecret> SecretOverrides::secretsFor(const QString &endpointId,
                                                 const QList<SigningSecret> &stored) const
{
    QList<SigningSecret> list = m_secrets.value(endpointId);
    list += stored;
    return list;
}

QHash<QString, QList<SigningSecret>>
SecretOverrides::applyTo(const QHash<QString, QList<SigningSecret>> &stored) const
{
    QHash<QString, QList<SigningSecret>> all = stored;
    for (const QString &id : m_order)
        all[id] = secretsFor(id, stored.value(id));
    return all;
}
