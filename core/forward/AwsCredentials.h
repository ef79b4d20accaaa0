#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

// One set of AWS credentials and where they came from. The secret and the session token are
// never part of describe(), so a description can go into a log or an error message.
struct AwsCredentials
{
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray sessionToken; // empty: long-term keys
    QDateTime expiration;    // invalid: they do not expire
    QString origin; // e.g. "environment", "shared credentials file ~/.aws/credentials [dev]"

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    bool expires() const { return expiration.isValid(); }
    QString describe() const;
};
