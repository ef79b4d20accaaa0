#pragma once

#include <QByteArray>

class QIODevice;

// JSON text written piece by piece, for exports that stream (a 50 MB body is written in slices,
// never assembled as one JSON value).
class JsonText
{
public:
    // `bytes` (UTF-8) as a quoted JSON string.
    static QByteArray quoted(const QByteArray &bytes);
    // The escaped form of UTF-8 `bytes`, without quotes. Escaping works byte by byte, so a
    // string may be written in slices cut anywhere.
    static QByteArray escaped(const char *data, qint64 size);
    // Writes `bytes` as the contents of a JSON string (no quotes): escaped text, or base64 when
    // `base64` is set, in slices. False when the device refuses a write.
    static bool writeString(QIODevice *out, const QByteArray &bytes, bool base64);
};
