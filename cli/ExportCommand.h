#pragma once

#include <QStringList>

// `hookbench-cli export`: write stored captures in an export format.
class ExportCommand
{
public:
    static int run(const QStringList &args); // args: "hookbench-cli <command>", options...
};
