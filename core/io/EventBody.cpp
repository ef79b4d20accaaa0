#include "core/io/EventBody.h"

#include "core/io/JsonObjectText.h"
#include "core/verify/JsonReformatter.h"

bool EventBody::read(const QByteArray &valueText, bool base64, EventBody *out, QString *error)
{
    *out = EventBody();
    const QByteArray text = valueText.trimmed();
    if (text.isEmpty() || text == "null")
        return true;
    if (text.startsWith('{') || text.startsWith('[')) {
        if (!JsonReformatter::reformat(text, JsonReformatter::Style::Compact, &out->bytes)) {
            *error = QStringLiteral("the body is not well-formed JSON");
            return false;
        }
        out->parsedJson = true;
        return true;
    }
    const QJsonValue v = JsonObjectText::value(text);
    if (!v.isString()) {
        // A number or boolean: what a parsed body of that one value logs.
        out->bytes = text;
        out->parsedJson = true;
        return true;
    }
    const QByteArray utf8 = v.toString().toUtf8();
    if (!base64) {
        out->bytes = utf8;
        return true;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(utf8, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error =
            QStringLiteral("the body is flagged as base64 (isBase64Encoded) but is not base64");
        return false;
    }
    out->bytes = *decoded;
    return true;
}

QString EventBody::replacementNote(const QByteArray &bytes)
{
    if (!bytes.contains("\xEF\xBF\xBD"))
        return {};
    return QStringLiteral("the body's bytes that were not UTF-8: the event carries U+FFFD in "
                          "their place (API Gateway passes a body as text unless its content "
                          "type is in binaryMediaTypes, which makes it base64)");
}
