#pragma once

#include <QStringList>

// `hookbench-cli pattern test`: does an EventBridge rule's pattern match an event, or the
// captures of a store as their endpoint's forward config would put them on the bus, and if not,
// why (CONTRACT.md "pattern").
class PatternCommand
{
public:
    static int run(const QStringList &args); // args: "hookbench-cli pattern", options...
};
