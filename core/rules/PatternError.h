#pragma once

#include <QString>

// Why a pattern was refused: AWS's reason, where it is (the pattern's key path, and the line and
// column at which EventBridge's JSON parser stood), and the text AWS would quote.
struct PatternError
{
    QString reason;     // e.g. "\"detail-type\" must be an object or an array"
    QString path;       // e.g. "detail.$or[1].state"; empty at the root
    qint64 offset = -1; // byte offset in the pattern text
    int line = 0;       // 1-based
    int column = 0;     // 1-based
    QString source;     // the pattern text as AWS quotes it (one line, at most 500 characters)
    int truncatedChars = 0;

    bool isEmpty() const { return reason.isEmpty(); }
    // "Event pattern is not valid. Reason: <reason> at [Source: (String)"<text>"; line: L,
    // column: C] (pattern path: P)", as InvalidEventPatternException says it (the path added).
    QString message() const;
};
