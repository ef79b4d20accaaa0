#pragma once

#include <QStringList>

// `hookbench-cli providers`: the providers `verify` and `sign` take, with their headers and where
// each is defined; `--show NAME` prints one in the provider-file format.
class ProvidersCommand
{
public:
    static int run(const QStringList &args);
};
