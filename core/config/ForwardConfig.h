#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// One local app a capture is forwarded to (`forward.http` in the config).
struct HttpForwardTarget
{
    QUrl url;
    bool resign = false;   // re-sign timestamped schemes with the endpoint's secret, fresh time
    bool proxy = false;    // the sender gets the local app's answer (504 when it is too slow)
    QStringList types;     // event-type globs (`customer.*`); empty: every capture
    bool keepHost = false; // keep the sender's Host header instead of the target's
    int timeoutMs = 10000;
};

// Where and how verified events go on an EventBridge bus (`forward.eventbridge`).
// Empty optionals: the preset's default.
struct EventBridgeForwardTarget
{
    QString bus = QStringLiteral("default");
    QString region;                             // empty: the profile's region, then AWS_REGION
    QString preset = QStringLiteral("generic"); // stripe, shopify, github, generic
    std::optional<QString> source;              // never `aws.`-prefixed (refused when loading)
    std::optional<QString> detailType; // a JSON pointer into the body (`/type`) or `header:NAME`
    QStringList resources;
    bool envelope = false; // generic: Detail wraps the body with the headers and the verdict
    QString account;       // for the rule tester's envelope; not sent
    QString profile;       // empty: AWS_PROFILE, then `default`
    // `credentials`: "chain" (the AWS CLI's: environment, shared files, credential_process) or
    // "keychain" (the access key typed into the app for this endpoint, and only that one).
    enum class Credentials
    {
        Chain,
        Keychain
    };
    Credentials credentials = Credentials::Chain;
    QUrl endpointUrl;           // empty: https://events.REGION.amazonaws.com
    int maxEntryBytes = 262144; // up to 1 MiB
};

// An endpoint's `forward` section.
struct ForwardConfig
{
    bool onlyVerified = true;
    QList<HttpForwardTarget> http;
    std::optional<EventBridgeForwardTarget> eventBridge;

    bool isEmpty() const { return http.isEmpty() && !eventBridge; }
};
