#include "core/secrets/StoredAwsKey.h"

#include "core/secrets/SigningSecret.h"

#include <QJsonDocument>
#include <QJsonObject>

QString StoredAwsKey::maskedId() const
{
    const QString id = QString::fromUtf8(accessKeyId);
    if (id.size() <= 8)
        return QString(id.size(), QLatin1Char('*'));
    return id.left(4) + QStringLiteral("…") + id.right(4);
}

QByteArray StoredAwsKey::encode() const
{
    QJsonObject o;
    o[QStringLiteral("Version")] = 1;
    o[QStringLiteral("AccessKeyId")] = QString::fromUtf8(accessKeyId);
    o[QStringLiteral("SecretAccessKey")] = QString::fromUtf8(secretAccessKey);
    if (!sessionToken.isEmpty())
        o[QStringLiteral("SessionToken")] = QString::fromUtf8(sessionToken);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool StoredAwsKey::decode(const QByteArray &entry, StoredAwsKey *key, QString *why)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(entry, &error);
    if (!doc.isObject()) {
        *why = QStringLiteral("not a JSON object");
        return false;
    }
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("Version")).toInt() != 1) {
        *why = QStringLiteral("Version is not 1");
        return false;
    }
    StoredAwsKey k;
    k.accessKeyId = o.value(QStringLiteral("AccessKeyId")).toString().toUtf8();
    k.secretAccessKey = o.value(QStringLiteral("SecretAccessKey")).toString().toUtf8();
    k.sessionToken = o.value(QStringLiteral("SessionToken")).toString().toUtf8();
    if (!k.isComplete()) {
        *why = QStringLiteral("AccessKeyId or SecretAccessKey is missing");
        k.wipe();
        return false;
    }
    *key = k;
    return true;
}

void StoredAwsKey::wipe()
{
    SigningSecret::wipe(accessKeyId);
    SigningSecret::wipe(secretAccessKey);
    SigningSecret::wipe(sessionToken);
}
