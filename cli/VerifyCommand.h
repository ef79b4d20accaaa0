#pragma once

#include <QByteArray>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>
#include <QList>
#include <QStringList>

// `hookbench-cli verify`: verify one raw request file (CONTRACT.md "verify").
class VerifyCommand
{
public:
    static int run(const QStringList &args); // args: "hookbench-cli <command>", options...

    // Shared with `sign`: the generic-hmac options and the secret options.
    static QList<QCommandLineOption> schemeOptions();
    static QJsonObject schemeDescription(const QCommandLineParser &parser);
    // --secret-env / --secret-file in the order given; false with `error` on a missing variable
    // or an unreadable file.
    static bool readSecrets(const QStringList &args, QList<QByteArray> *secrets, QString *error);
    // A file's bytes, or stdin for "-".
    static bool readInput(const QString &path, QByteArray *bytes, QString *error);
};
