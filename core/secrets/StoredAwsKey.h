#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// An AWS access key typed into the app for one endpoint (EventBridge credentials "keychain"). In
// the keychain as the JSON that a `credential_process` prints (Version 1), so the entry reads
// as what it is. Never written anywhere else.
struct StoredAwsKey
{
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray sessionToken; // empty: a long-term key

    bool isComplete() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    // What the user may see of it: the key id's first 4 and last 4 characters.
    QString maskedId() const;

    QByteArray encode() const;
    // False with *why (no secret value in it) when `entry` is not such a JSON object.
    static bool decode(const QByteArray &entry, StoredAwsKey *key, QString *why);
    void wipe(); // zeroes the bytes (see SigningSecret::wipe)
};
