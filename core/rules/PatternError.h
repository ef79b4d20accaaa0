#pragma once

#include <QString>

// Why a pattern was refused: AWS's reason, where it is (the pattern's key path, and the line and
// column at which EventBridge's JSON parser stood), and the text AWS quotes.
struct PatternError
{
    QString reason;     // e.g. "\"detail-type\" must be an object or an array"
    QString path;       // e.g. "detail.$or[1].state"; empty at the root
    qint64 offset = -1; // byte offset in the pattern text
    int line = 0;       // 1-based; 0 when AWS gives no location (CIDR errors, Hookbench's bounds)
    int column = 0;     // 1-based
    QString source;     // the pattern text as AWS quotes it (one line, at most 500 characters)
    int truncatedChars = 0;

    bool isEmpty() const { return reason.isEmpty(); }
    // InvalidEventPatternException's message as EventBridge words it:
    //   Event pattern is not valid. Reason: "int" must be an object or an array
    //    at [Source: (String)"{"int": 42}"; line: 1, column: 11]
    // (the second line only where AWS gives a location).
    QString message() const;
    // The same on one line, with the key path: for lists and logs.
    //   Event pattern is not valid. Reason: ... (at int, line 1, column 11)
    QString summary() const;
};
