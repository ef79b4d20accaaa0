#pragma once

#include <QByteArray>
#include <QString>

// Undoes Content-Encoding (gzip, deflate, identity) with a bound on the expanded size.
class ContentDecoder
{
public:
    struct Result
    {
        QByteArray data; // the decoded bytes; empty on error
        bool ok = false;
        bool decoded = false; // false when the encoding was identity/absent and data is the input
        QString error;        // e.g. "gzip body expands past the 64 MiB limit (decompression bomb?)"
    };

    static constexpr qint64 DefaultMaxExpanded = 256ll * 1024 * 1024;

    static Result decode(const QByteArray &body, const QByteArray &contentEncoding,
                         qint64 maxExpanded = DefaultMaxExpanded);
};
