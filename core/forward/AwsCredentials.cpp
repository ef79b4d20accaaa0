#include "core/forward/AwsCredentials.h"

QString AwsCredentials::describe() const
{
    // The access key id is not secret (it appears in every Authorization header), but showing it
    // whole invites pasting; its last four characters are enough to tell keys apart.
    const QString key = accessKeyId.size() > 4
                            ? QStringLiteral("…") + QString::fromLatin1(accessKeyId.right(4))
                            : QStringLiteral("(none)");
    QString text = QStringLiteral("access key %1 from %2").arg(key, origin);
    if (!sessionToken.isEmpty())
        text += QStringLiteral(", with a session token");
    if (expiration.isValid())
        text += QStringLiteral(", expiring %1").arg(expiration.toUTC().toString(Qt::ISODate));
    return text;
}
