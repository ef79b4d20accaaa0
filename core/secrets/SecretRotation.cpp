#include "core/secrets/SecretRotation.h"

QList<SigningSecret> SecretRotation::add(const QList<SigningSecret> &existing,
                                         const QByteArray &value, const QDateTime &now)
{
    SigningSecret fresh;
    fresh.value = value;
    fresh.created = now.toUTC();
    fresh.label = labelFor(fresh.created);
    QList<SigningSecret> list{fresh};
    for (const SigningSecret &old : existing) {
        if (list.size() == Kept)
            break;
        if (old.value != value) // setting the current secret again must not keep it twice
            list.append(old);
    }
    return list;
}

QString SecretRotation::labelFor(const QDateTime &created)
{
    return QStringLiteral("added ") +
           created.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}
