#pragma once

#include "core/capture/ParsedRequest.h"

#include <QByteArray>
#include <QString>

// A request as the listener received it: the exact bytes, their framing, and who sent them.
// errorStatus is non-zero when framing failed (400, 408, 413, 431); the bytes are still kept.
struct IncomingRequest
{
    QByteArray raw;
    ParsedRequest parsed;
    QString peer;
    qint64 receivedAtUs = 0;
    int errorStatus = 0;
    bool keepAlive = true; // false: the connection closes after the answer
};
