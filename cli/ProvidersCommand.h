#pragma once

#include <QStringList>

// `hookbench-cli providers`: the provider names `verify` and `sign` take, with their headers.
class ProvidersCommand
{
public:
    static int run(const QStringList &args);
};
