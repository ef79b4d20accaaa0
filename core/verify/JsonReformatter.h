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

    enum class Outcome
    {
        Done,
        NotJson,  // not a JSON object or array (or not well bracketed)
        TooDeep,  // nested deeper than MaxDepth: stopped there
        TooLarge, // the output would pass maxOutput bytes: stopped there
    };

    // Deeper documents are not re-laid out. simdjson's default depth limit, and above what the
    // libraries that re-serialise bodies accept by default (PHP json_decode 512, Ruby 100, .NET
    // 64; Python's recursion and Jackson stop near 1000), so no real re-serialisation is missed.
    // Indentation grows with depth: without a limit a 80 KB body of 40,000 nested arrays becomes
    // gigabytes of spaces.
    static constexpr int MaxDepth = 1024;

    // One pass, no recursion: reads each input byte once and stops as soon as the nesting passes
    // MaxDepth or the output passes maxOutput bytes (< 0: no output limit). `out` is only
    // written on Done.
    static Outcome layout(const QByteArray &json, Style style, QByteArray *out, qint64 maxOutput);
    // layout() without an output limit; false unless Done.
    static bool reformat(const QByteArray &json, Style style, QByteArray *out)
    {
        return layout(json, style, out, -1) == Outcome::Done;
    }
    // \uXXXX escapes of non-ASCII characters inside strings turned back into UTF-8.
    static QByteArray unescapeNonAscii(const QByteArray &json);
    // Non-ASCII characters (valid UTF-8) turned into \uXXXX escapes, as PHP / Python do.
    static QByteArray escapeNonAscii(const QByteArray &json, bool upperCaseHex);
};
