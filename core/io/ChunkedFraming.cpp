#include "core/io/ChunkedFraming.h"

QByteArray ChunkedFraming::frame(const QByteArray &body, const QList<qint64> &sizes)
{
    QByteArray out;
    qint64 at = 0;
    auto chunk = [&](qint64 n) {
        if (n <= 0)
            return;
        out += QByteArray::number(n, 16) + "\r\n" + body.mid(at, n) + "\r\n";
        at += n;
    };
    for (qint64 n : sizes)
        chunk(qMin(n, body.size() - at));
    chunk(body.size() - at);
    return out + "0\r\n\r\n";
}
