#pragma once

#include "core/capture/ByteSpan.h"

#include <QByteArray>

// One header line as it was sent: original casing, value without the surrounding whitespace,
// and where both sit in the raw request.
struct HeaderField
{
    QByteArray name;
    QByteArray value;
    ByteSpan nameSpan;
    ByteSpan valueSpan;
    ByteSpan lineSpan; // name through the end of the value, without the line break
};
