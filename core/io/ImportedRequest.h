#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// One request read from an import source, rebuilt as the exact bytes of an HTTP/1.1 request
// (CONTRACT.md, raw request files) as far as the source allows; `notRebuilt` says what it did
// not allow.
struct ImportedRequest
{
    QByteArray raw;
    qint64 receivedAtUs = 0; // when it was sent, as the source says; 0: unknown
    QString peer;            // who sent it, when the source says
    qint64 entry = 0;        // 0-based index in the source (HAR entry, request, line)
    qint64 line = 0;         // 1-based line of the source where it starts; 0: unknown
    QStringList notRebuilt;
};
