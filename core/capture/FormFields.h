#pragma once

#include "core/capture/ByteSpan.h"

#include <QList>
#include <QString>

// application/x-www-form-urlencoded fields, in order, with their spans in the body.
class FormFields
{
public:
    struct Field
    {
        QString name; // percent- and '+'-decoded
        QString value;
        ByteSpan nameSpan;
        ByteSpan valueSpan;
    };

    static QList<Field> parse(const QByteArray &body);
};
