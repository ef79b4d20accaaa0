#pragma once

#include <QByteArray>

// Indents JSON text by two spaces a level, keeping its members in the order they were written
// and its values byte for byte (QJsonDocument would sort the keys and reformat numbers): for
// showing a PutEvents Detail as it goes on the bus. The text is expected to be valid JSON.
class JsonIndenter
{
public:
    static QByteArray indent(const QByteArray &json);
};
