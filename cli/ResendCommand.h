#pragma once

#include <QStringList>

// `hookbench-cli resend` (CONTRACT "Forwarding"): a stored capture sent again, exactly, to a
// local app (the endpoint's forward target, or --to URL), optionally re-signed with the
// endpoint's keychain secret and a fresh timestamp; prints the answer like `sign --send`.
class ResendCommand
{
public:
    static int run(const QStringList &args);
};
