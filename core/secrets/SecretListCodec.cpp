#include "core/secrets/SecretListCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace {

const char Format[] = "hookbench-secrets";
constexpr int Version = 1;

QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // ["..."] -> "..."
}

void wipe(QString &text)
{
    if (text.isDetached())
        std::fill(text.begin(), text.end(), QChar(0));
    text.clear();
}

} // namespace

QByteArray SecretListCodec::encode(const QList<SigningSecret> &secrets)
{
    // Built by hand rather than through QJsonDocument so that every buffer holding the secret
    // (here, in base64) is one we own and can wipe; reserving up front avoids reallocations that
    // would free copies of it without wiping them.
    QList<QByteArray> parts;
    qsizetype size = 96;
    for (const SigningSecret &s : secrets) {
        const QByteArray label = jsonString(s.label);
        const QByteArray created =
            s.created.isValid()
                ? '"' + s.created.toUTC().toString(Qt::ISODateWithMs).toLatin1() + '"'
                : QByteArray("null");
        parts.append(label);
        parts.append(created);
        size += (s.value.size() + 2) / 3 * 4 + label.size() + created.size() + 48;
    }
    QByteArray out;
    out.reserve(size);
    out += "{\"format\":\"";
    out += Format;
    out += "\",\"version\":";
    out += QByteArray::number(Version);
    out += ",\"secrets\":[";
    for (qsizetype i = 0; i < secrets.size(); ++i) {
        if (i > 0)
            out += ',';
        QByteArray value = secrets.at(i).value.toBase64();
        out += "{\"value\":\"";
        out += value;
        out += "\",\"label\":";
        out += parts.at(2 * i);
        out += ",\"created\":";
        out += parts.at(2 * i + 1);
        out += '}';
        SigningSecret::wipe(value);
    }
    out += "]}";
    return out;
}

bool SecretListCodec::decode(const QByteArray &entry, QList<SigningSecret> *secrets, QString *error)
{
    secrets->clear();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(entry, &parseError);
    const QJsonObject root = doc.object();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() ||
        root.value("format").toString() != QLatin1String(Format)) {
        *error = QStringLiteral("not a Hookbench secret list");
        return false;
    }
    if (root.value("version").toInt() != Version) {
        *error = QStringLiteral("secret list version %1 is not supported (expected %2)")
                     .arg(root.value("version").toInt())
                     .arg(Version);
        return false;
    }
    const QJsonArray list = root.value("secrets").toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject item = list.at(i).toObject();
        QString text = item.value("value").toString();
        QByteArray base64 = text.toLatin1();
        wipe(text);
        QByteArray::FromBase64Result value =
            QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
        SigningSecret::wipe(base64);
        const QJsonValue created = item.value("created");
        if (!value || !item.value("label").isString() ||
            !(created.isString() || created.isNull())) {
            SigningSecret::wipe(value.decoded);
            SigningSecret::wipe(*secrets);
            *error = QStringLiteral("secret %1 of the list is malformed").arg(i);
            return false;
        }
        SigningSecret s;
        s.value = std::move(value.decoded);
        s.label = item.value("label").toString();
        if (created.isString())
            s.created = QDateTime::fromString(created.toString(), Qt::ISODateWithMs);
        secrets->append(std::move(s));
    }
    return true;
}
