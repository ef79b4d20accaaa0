#pragma once

#include <QByteArray>

// Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF), as JSON parsers
// and the providers' SDKs (which decode the body as UTF-8) expect.
class Utf8Check
{
public:
    // Byte offset of the first bad sequence; -1 when the bytes are valid UTF-8.
    static qint64 firstInvalidOffset(const QByteArray &bytes);
};
