#pragma once

#include <QStringList>

// `hookbench-cli import`: read HAR files, raw request files or JSONL exports into a store, each
// request a capture that records where it came from, verified as the listener's captures are.
class ImportCommand
{
public:
    static int run(const QStringList &args); // args: "hookbench-cli <command>", options...
};
