#pragma once

#include <QStringList>

// `hookbench-cli forward list|retry` (CONTRACT "Forwarding"): the outbox of a store, and dead
// forwards queued again for the listener (or the app) that has the store open.
class ForwardCommand
{
public:
    static int run(const QStringList &args);
};
