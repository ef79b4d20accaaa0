#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// The body of a request as an AWS event holds it: a string (the body as text, or base64 when the
// event says so), or a JSON value where something parsed the body (a mapping template's
// $input.json('$'), a function that logged JSON.parse(event.body), EventBridge's detail).
struct EventBody
{
    QByteArray bytes;
    bool parsedJson = false; // `bytes` is the parsed value as compact JSON, tokens as logged

    // From a member's JSON text; `base64` when the event flags the string as base64. False with
    // `error` set when the base64 does not decode. Absent or null: an empty body.
    static bool read(const QByteArray &valueText, bool base64, EventBody *out, QString *error);
    // A note for a text body that carries U+FFFD: bytes that were not UTF-8 were replaced on the
    // way (API Gateway without binaryMediaTypes); empty when there is none.
    static QString replacementNote(const QByteArray &bytes);
};
