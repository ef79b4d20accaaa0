#pragma once

#include "core/forward/AwsCredentials.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

// A profile's `credential_process`: the command line split as the AWS CLI splits it (POSIX
// shell words, no shell run), its stdout read as `{"Version": 1, "AccessKeyId", ...}`.
// Blocking (QProcess::waitFor*, no event loop): call it from a worker thread.
class AwsCredentialProcess
{
public:
    struct Result
    {
        std::optional<AwsCredentials> credentials;
        QString error; // names the command and the profile, never the output's secret values
    };

    // `origin` says where the command came from ("profile [dev] in /home/u/.aws/config").
    static Result run(const QString &commandLine, const QString &origin,
                      const QProcessEnvironment &environment, int timeoutMs = 60000);
    static Result parseOutput(const QByteArray &output, const QString &origin);
    // Shell words: blanks separate, '...' is literal, "..." and bare text take \ escapes.
    static QStringList splitCommand(const QString &commandLine, QString *error);
};
