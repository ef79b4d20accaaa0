#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

// One signing secret of an endpoint. An endpoint holds a list of them, current first, then the
// previous ones, so that requests signed before a rotation still verify.
struct SigningSecret
{
    QByteArray value; // the exact bytes (may hold NUL, newlines, anything)
    QString label;    // what the user sees instead of the value
    QDateTime created;

    bool operator==(const SigningSecret &other) const
    {
        return value == other.value && label == other.label && created == other.created;
    }

    // Zeroes the bytes before they are released. A QByteArray shared with another owner is only
    // released: writing to it would detach a fresh copy and leave the shared bytes as they were,
    // so the last owner is the one that wipes.
    static void wipe(QByteArray &bytes);
    static void wipe(QList<SigningSecret> &secrets);
};
