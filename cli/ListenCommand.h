#pragma once

#include <QStringList>

// `hookbench-cli listen`: capture on a local listener until SIGINT/SIGTERM.
class ListenCommand
{
public:
    static int run(const QStringList &args); // args: "hookbench-cli <command>", options...
};
