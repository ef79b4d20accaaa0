#pragma once

#include "core/capture/ParsedRequest.h"

#include <QByteArray>
#include <QString>

// A request as the listener received it: the exact bytes, their framing, and who sent them.
// errorStatus is non-zero when the listener refuses the request: framing failed (400, 408, 413,
// 431) or it is not for an origin server (405: CONNECT, absolute form naming another host);
// parsed.error says why. The bytes are still kept.
struct IncomingRequest
{
    QByteArray raw;
    ParsedRequest parsed;
    QString peer;
    qint64 receivedAtUs = 0;
    int errorStatus = 0;
    bool keepAlive = true; // false: the connection closes after the answer
};
