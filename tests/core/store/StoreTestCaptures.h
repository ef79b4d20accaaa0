#pragma once

#include "core/store/NewCapture.h"

#include <QByteArray>

// A capture as the listener would hand it to the store: a POST of `body` to /n<N>.
inline NewCapture storeTestCapture(int n, const QByteArray &body = "{}")
{
    NewCapture c;
    c.raw = "POST /n" + QByteArray::number(n) +
            " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body;
    c.summary.receivedAtUs = 1763779200000000 + n;
    c.summary.peer = "127.0.0.1:5000";
    c.summary.method = "POST";
    c.summary.target = "/n" + QByteArray::number(n);
    c.summary.contentType = "application/json";
    c.summary.bodySize = body.size();
    c.summary.status = 200;
    return c;
}
