#include "core/rules/PatternError.h"

QString PatternError::message() const
{
    QString text = QStringLiteral("Event pattern is not valid. Reason: ") + reason;
    if (line > 0)
        text += QStringLiteral(" at [Source: (String)\"%1\"%2; line: %3, column: %4]")
                    .arg(source, truncatedChars > 0
                                     ? QStringLiteral("[truncated %1 chars]").arg(truncatedChars)
                                     : QString())
                    .arg(line)
                    .arg(column);
    if (!path.isEmpty())
        text += QStringLiteral(" (pattern path: %1)").arg(path);
    return text;
}
