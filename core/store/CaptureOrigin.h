#pragma once

#include <QString>
#include <QStringList>

// Where an imported capture came from and what of it could not be rebuilt exactly (stored
// beside the capture, schema version 6). Captures taken by the listener have none.
struct CaptureOrigin
{
    QString source;   // the input file as given ("-" for stdin)
    QString format;   // the import shape: "har", "raw", "jsonl", ...
    qint64 entry = 0; // 0-based index of the entry (HAR entry, request, line) in the source
    qint64 importedAtUs = 0;
    QStringList notRebuilt; // one sentence each, e.g. "header whitespace and line folding"

    bool isEmpty() const { return format.isEmpty(); }
};
