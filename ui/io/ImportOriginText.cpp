#include "ui/io/ImportOriginText.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImportOriginText", text);
}

} // namespace

QString ImportOriginText::entryName(const QString &format)
{
    if (format == QLatin1String("har"))
        return tr("HAR entry");
    if (format == QLatin1String("raw"))
        return tr("request");
    if (format == QLatin1String("jsonl") || format == QLatin1String("cwlogs"))
        return tr("line");
    if (format == QLatin1String("sqs"))
        return tr("SQS record");
    if (format == QLatin1String("eventbridge"))
        return tr("EventBridge event");
    if (format == QLatin1String("lambda"))
        return tr("Lambda event");
    if (format == QLatin1String("apigw"))
        return tr("API Gateway mapping output");
    return format + QLatin1Char(' ') + tr("entry");
}

QString ImportOriginText::sentence(const CaptureOrigin &origin)
{
    if (origin.isEmpty())
        return {};
    const QString file = origin.source == QLatin1String("-") ? tr("standard input")
                                                             : QFileInfo(origin.source).fileName();
    QString where = QStringLiteral("%1 %2").arg(entryName(origin.format)).arg(origin.entry + 1);
    if (origin.importedAtUs > 0)
        where +=
            QStringLiteral(", ") +
            tr("imported %1")
                .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(origin.importedAtUs / 1000),
                                        QLocale::ShortFormat));
    QString text = tr("Imported from %1 (%2).").arg(file, where);
    if (origin.notRebuilt.isEmpty())
        return text + QLatin1Char(' ') + tr("Rebuilt exactly.");
    return text + QLatin1Char(' ') +
           tr("Not rebuilt exactly: %1.").arg(origin.notRebuilt.join(QStringLiteral("; ")));
}

QString ImportOriginText::appendedTo(const QString &tooltip, const CaptureOrigin &origin)
{
    const QString line = sentence(origin);
    if (line.isEmpty())
        return tooltip;
    return tooltip.isEmpty() ? line : tooltip + QLatin1Char('\n') + line;
}
