#include "core/rules/PatternError.h"

#include <QStringList>

namespace {

const char Prefix[] = "Event pattern is not valid. Reason: ";

} // namespace

QString PatternError::message() const
{
    QString text = QLatin1String(Prefix) + reason;
    if (line > 0)
        text += QStringLiteral("\n at [Source: (String)\"%1\"%2; line: %3, column: %4]")
                    .arg(source, truncatedChars > 0
                                     ? QStringLiteral("[truncated %1 chars]").arg(truncatedChars)
                                     : QString())
                    .arg(line)
                    .arg(column);
    return text;
}

QString PatternError::summary() const
{
    QStringList where;
    if (!path.isEmpty())
        where.append(QStringLiteral("at %1").arg(path));
    if (line > 0)
        where.append(QStringLiteral("line %1, column %2").arg(line).arg(column));
    QString text = QLatin1String(Prefix) + reason;
    if (!where.isEmpty())
        text += QStringLiteral(" (%1)").arg(where.join(QStringLiteral(", ")));
    return text;
}
