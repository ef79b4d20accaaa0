#pragma once

#include "core/config/EndpointConfig.h"

#include <QList>
#include <QString>

// Ready-to-paste shell commands that send a test event to an endpoint of the listener at
// `baseUrl`: `hookbench-cli sign ... --send URL` signed with the endpoint's secret as the keychain
// holds it (--secret-keychain: the secret is never part of the text), `stripe listen
// --forward-to URL` for Stripe endpoints, and a plain, unsigned `curl`.
class TestEventCommands
{
public:
    enum class Kind
    {
        Sign,
        StripeListen,
        Curl
    };
    struct Command
    {
        Kind kind = Kind::Curl;
        QString label; // what it does, for people
        QString text;  // the command line, POSIX shell syntax
        QString note;  // what it needs first; may be empty
    };

    // The body the commands send: a small JSON event, the same for every provider.
    static QByteArray testBody();
    static QString endpointUrl(const QString &baseUrl, const EndpointConfig &endpoint);
    static QList<Command> forEndpoint(const QString &baseUrl, const EndpointConfig &endpoint);
    // Quotes `word` for a POSIX shell when it holds anything but plain characters.
    static QString shellQuote(const QString &word);
};
