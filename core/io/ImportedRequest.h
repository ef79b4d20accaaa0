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

    // Set when the source held only the parsed body (a mapping template's $input.json('$'), a
    // function that logged JSON.parse(event.body)): `raw` carries it as compact JSON, and the
    // importer lays it out as the provider is known to send it (CaptureOrigin::bodyParsedBy).
    QString bodyParsedBy; // what parsed it, e.g. "the function (JSON.parse(event.body))"
    QString rawBodyHowTo; // how to capture the raw body from this source instead
    // The source names no path (an SQS record, an EventBridge event): the importer routes the
    // request to the endpoint whose provider its headers show, when there is exactly one.
    bool pathUnknown = false;
    QString providerHint; // the provider the source names (an EventBridge source), if any
};
