#pragma once

#include <QStringList>

// `hookbench-cli sign`: a raw request signed as the provider would (CONTRACT.md "sign"),
// printed or sent.
class SignCommand
{
public:
    static int run(const QStringList &args);
};
