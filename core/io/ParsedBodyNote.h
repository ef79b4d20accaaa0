#pragma once

#include <QString>
#include <QStringList>

// The origin note of an imported capture whose source held only the parsed body
// (ImportedRequest::bodyParsedBy): one sentence among the other not_rebuilt notes, written and
// read back here only, so the diagnosis of the stored capture can say which layout of that body
// reproduced the signature, or that the raw body is needed and how to capture it.
class ParsedBodyNote
{
public:
    static QString make(const QString &parsedBy, const QString &rawBodyHowTo);
    // False when none of `notes` is such a note.
    static bool read(const QStringList &notes, QString *parsedBy, QString *rawBodyHowTo);
};
