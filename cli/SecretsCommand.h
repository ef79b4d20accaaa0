#pragma once

#include <QStringList>

// `hookbench-cli secrets set|list|delete`: the endpoints' signing secrets in the OS keychain.
class SecretsCommand
{
public:
    static int run(const QStringList &args); // args: "hookbench-cli <command>", options...
};
