#include "core/io/ParsedBodyNote.h"

namespace {

const QString Lead = QStringLiteral("the body's bytes as sent: the source held only the body as "
                                    "parsed by ");
const QString Joint = QStringLiteral(", laid out again here; to capture the raw body: ");

} // namespace

QString ParsedBodyNote::make(const QString &parsedBy, const QString &rawBodyHowTo)
{
    return Lead + parsedBy + Joint + rawBodyHowTo;
}

bool ParsedBodyNote::read(const QStringList &notes, QString *parsedBy, QString *rawBodyHowTo)
{
    for (const QString &note : notes) {
        if (!note.startsWith(Lead))
            continue;
        const qsizetype joint = note.indexOf(Joint, Lead.size());
        if (joint < 0)
            continue;
        *parsedBy = note.mid(Lead.size(), joint - Lead.size());
        *rawBodyHowTo = note.mid(joint + Joint.size());
        return true;
    }
    return false;
}
