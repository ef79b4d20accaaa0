#pragma once

#include <QHostAddress>
#include <QString>

// The address the listener binds to, as the config file's listen.bind and --bind write it: an
// IPv4 or IPv6 address (brackets allowed: [::1]) or "localhost" (127.0.0.1). Host names are not
// resolved: what is listened on must not depend on a resolver.
class BindAddress
{
public:
    static bool parse(const QString &text, QHostAddress *address);
};
