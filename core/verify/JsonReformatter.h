#pragma once

#include <QByteArray>

// Re-lays out JSON text the way common JSON libraries write it, keeping every token (key order,
// number spelling, string escapes) exactly as it is: only whitespace changes. Used by the
// diagnosis to undo a re-serialisation; a parse-and-dump through QJsonDocument would sort keys
// and respell numbers, which no sender does.
class JsonReformatter
{
public:
    enum class Style
    {
        Compact, // JSON.stringify(v), json_encode, Gson
        Spaced,  // Python json.dumps(v): ", " and ": "
        Indent2, // JSON.stringify(v, null, 2), Ruby pretty_generate, Stripe's own payloads
        Indent4, // PHP JSON_PRETTY_PRINT, Python indent=4, Jackson-like
    };

    // False when the text is not a JSON object or array.
    static bool reformat(const QByteArray &json, Style style, QByteArray *out);
    // \uXXXX escapes of non-ASCII characters inside strings turned back into UTF-8.
    static QByteArray unescapeNonAscii(const QByteArray &json);
    // Non-ASCII characters (valid UTF-8) turned into \uXXXX escapes, as PHP / Python do.
    static QByteArray escapeNonAscii(const QByteArray &json, bool upperCaseHex);
};
