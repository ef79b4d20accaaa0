#include "core/store/QueryTime.h"

#include <QRegularExpression>

bool QueryTime::resolve(const QString &value, const QDateTime &now, qint64 *us)
{
    const QString v = value.trimmed().toLower();
    const QDateTime midnight(now.toLocalTime().date(), QTime(0, 0));
    if (v == QLatin1String("today")) {
        *us = midnight.toMSecsSinceEpoch() * 1000;
        return true;
    }
    if (v == QLatin1String("yesterday")) {
        *us = midnight.addDays(-1).toMSecsSinceEpoch() * 1000;
        return true;
    }
    static const QRegularExpression span(QStringLiteral("^(\\d{1,9})([smhdw])$"));
    if (const QRegularExpressionMatch m = span.match(v); m.hasMatch()) {
        static const qint64 unitS[] = {1, 60, 3600, 86400, 7 * 86400};
        const qint64 unit = unitS[QStringLiteral("smhdw").indexOf(m.captured(2))];
        *us = now.toMSecsSinceEpoch() * 1000 - m.captured(1).toLongLong() * unit * 1000000;
        return true;
    }
    static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (date.match(v).hasMatch()) {
        const QDate d = QDate::fromString(v, Qt::ISODate);
        if (!d.isValid())
            return false;
        *us = QDateTime(d, QTime(0, 0)).toMSecsSinceEpoch() * 1000;
        return true;
    }
    static const QRegularExpression dateTime(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}[t ]\\d{2}:\\d{2}"));
    if (!dateTime.match(v).hasMatch())
        return false;
    QString iso = value.trimmed();
    iso[10] = QLatin1Char('T');
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        return false;
    *us = t.toMSecsSinceEpoch() * 1000;
    return true;
}
