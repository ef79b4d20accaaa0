#pragma once

#include "core/capture/ParsedRequest.h"

#include <QString>

// The event type a delivery announces, as providers name it: GitHub's X-GitHub-Event, Shopify's
// X-Shopify-Topic, GitLab's X-Gitlab-Event, else the body's top-level "type" (Stripe, Standard
// Webhooks, Svix, Slack's inner event.type for event callbacks), "event_type" or "event".
// Empty when none says. Bodies over MaxBodyBytes are not read.
class EventType
{
public:
    static constexpr qint64 MaxBodyBytes = 8 * 1024 * 1024;
    static QString of(const QByteArray &raw, const ParsedRequest &parsed);
    // `type` matches one of the globs (`customer.*`); an empty list matches every type.
    static bool matches(const QString &type, const QStringList &globs);
};
