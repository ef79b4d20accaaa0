#include "core/forward/AwsCredentialProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace {

QString firstLines(const QByteArray &text)
{
    QString s = QString::fromUtf8(text).trimmed();
    if (s.size() > 600)
        s = s.left(600) + QStringLiteral("…");
    return s;
}

} // namespace

QStringList AwsCredentialProcess::splitCommand(const QString &commandLine, QString *error)
{
    QStringList words;
    QString word;
    bool inWord = false;
    enum
    {
        None,
        Single,
        Double
    } quote = None;
    for (qsizetype i = 0; i < commandLine.size(); ++i) {
        const QChar c = commandLine.at(i);
        if (quote == Single) {
            if (c == u'\'')
                quote = None;
            else
                word += c;
            continue;
        }
        if (c == u'\\') {
            if (i + 1 >= commandLine.size()) {
                word += c;
                inWord = true;
                continue;
            }
            const QChar next = commandLine.at(++i);
            // Inside double quotes a backslash escapes only \ " $ ` and newline.
            if (quote == Double && next != u'\\' && next != u'"' && next != u'$' && next != u'`' &&
                next != u'\n')
                word += c;
            if (next != u'\n')
                word += next;
            inWord = true;
            continue;
        }
        if (quote == Double) {
            if (c == u'"')
                quote = None;
            else
                word += c;
            continue;
        }
        if (c == u'\'' || c == u'"') {
            quote = c == u'\'' ? Single : Double;
            inWord = true;
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
            continue;
        }
        word += c;
        inWord = true;
    }
    if (quote != None) {
        if (error)
            *error = QStringLiteral("unbalanced %1 quote").arg(quote == Single ? u'\'' : u'"');
        return {};
    }
    if (inWord)
        words.append(word);
    return words;
}

AwsCredentialProcess::Result AwsCredentialProcess::run(const QString &commandLine,
                                                       const QString &origin,
                                                       const QProcessEnvironment &environment,
                                                       int timeoutMs)
{
    Result r;
    QString splitError;
    const QStringList words = splitCommand(commandLine, &splitError);
    if (words.isEmpty()) {
        r.error =
            QStringLiteral("credential_process of %1 cannot be run: %2")
                .arg(origin, splitError.isEmpty() ? QStringLiteral("it is empty") : splitError);
        return r;
    }
    const QString shown =
        QStringLiteral("credential_process `%1` of %2").arg(words.first(), origin);
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProgram(words.first());
    process.setArguments(words.mid(1));
    process.start(QIODevice::ReadOnly);
    if (!process.waitForStarted(timeoutMs)) {
        r.error = QStringLiteral("%1 did not start: %2").arg(shown, process.errorString());
        return r;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        r.error = QStringLiteral("%1 did not finish within %2 s").arg(shown).arg(timeoutMs / 1000);
        return r;
    }
    const QByteArray err = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit) {
        r.error = QStringLiteral("%1 crashed: %2").arg(shown, firstLines(err));
        return r;
    }
    if (process.exitCode() != 0) {
        r.error = QStringLiteral("%1 failed with exit code %2").arg(shown).arg(process.exitCode());
        const QString stderrText = firstLines(err);
        if (!stderrText.isEmpty())
            r.error += QStringLiteral(": ") + stderrText;
        return r;
    }
    r = parseOutput(process.readAllStandardOutput(), shown);
    return r;
}

AwsCredentialProcess::Result AwsCredentialProcess::parseOutput(const QByteArray &output,
                                                               const QString &origin)
{
    Result r;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(output, &parseError);
    // The output is never quoted back: it is where the secret is.
    if (!doc.isObject()) {
        r.error = QStringLiteral("%1 did not print a JSON object (%2)")
                      .arg(origin, parseError.error == QJsonParseError::NoError
                                       ? QStringLiteral("not an object")
                                       : parseError.errorString());
        return r;
    }
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("Version")).toInt(-1) != 1) {
        const QJsonValue v = o.value(QLatin1String("Version"));
        r.error = QStringLiteral("%1 printed Version %2; only Version 1 is understood")
                      .arg(origin, v.isUndefined() ? QStringLiteral("(missing)")
                                                   : v.toVariant().toString());
        return r;
    }
    AwsCredentials c;
    c.accessKeyId = o.value(QLatin1String("AccessKeyId")).toString().toUtf8();
    c.secretAccessKey = o.value(QLatin1String("SecretAccessKey")).toString().toUtf8();
    c.sessionToken = o.value(QLatin1String("SessionToken")).toString().toUtf8();
    QStringList missing;
    if (c.accessKeyId.isEmpty())
        missing << QStringLiteral("AccessKeyId");
    if (c.secretAccessKey.isEmpty())
        missing << QStringLiteral("SecretAccessKey");
    if (!missing.isEmpty()) {
        r.error = QStringLiteral("%1 printed no %2").arg(origin, missing.join(QLatin1String(", ")));
        return r;
    }
    const QJsonValue expiration = o.value(QLatin1String("Expiration"));
    if (!expiration.isUndefined() && !expiration.isNull()) {
        c.expiration = QDateTime::fromString(expiration.toString(), Qt::ISODateWithMs);
        if (!c.expiration.isValid()) {
            r.error = QStringLiteral("%1 printed an Expiration that is not an ISO 8601 time: %2")
                          .arg(origin, expiration.toString());
            return r;
        }
        c.expiration = c.expiration.toUTC();
    }
    c.origin = origin;
    r.credentials = c;
    return r;
}
