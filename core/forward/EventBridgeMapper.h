#pragma once

#include "core/config/ForwardConfig.h"
#include "core/forward/EventBridgeEntry.h"
#include "core/forward/EventBridgeInput.h"

#include <QJsonObject>
#include <QString>

#include <optional>

// Builds the PutEvents entry for a capture from an endpoint's `forward.eventbridge` settings,
// with presets that reproduce the providers' own EventBridge integrations:
//   stripe   DetailType = the event's `type`, Detail = the Event object (the body bytes as sent)
//   shopify  DetailType = `shopifyWebhook`, Detail = {"payload": body, "metadata": {X-Shopify-*}}
//   github   DetailType = the X-GitHub-Event header, Detail = the body
//   generic  DetailType from `detail_type` (JSON pointer or `header:NAME`), Detail = the JSON body,
//            other bodies wrapped with their text (base64 when not UTF-8) and content type;
//            `envelope` wraps the body with the method, target, headers and verdict.
// and validates the entry as PutEvents would, before anything is sent.
class EventBridgeMapper
{
public:
    enum class Problem
    {
        None,
        UnknownPreset,
        NoSource,
        ReservedSource,
        InvalidSource,     // empty or longer than 256 characters
        NoDetailType,      // the pointer, header or field is absent
        DetailTypeTooLong, // more than 128 characters
        DetailNotObject,   // the body is not a JSON object where the preset needs one
        EntryTooLarge,     // the entry on its own is over max_entry_bytes: dead-letter it
    };
    struct Error
    {
        Problem problem = Problem::None;
        QString message;
        QString code() const { return codeName(problem); }
        bool isOversize() const { return problem == Problem::EntryTooLarge; }
    };
    struct Result
    {
        std::optional<EventBridgeEntry> entry;
        // The entry's Detail as an object when map() parsed it on the way (the stripe, github
        // and plain generic presets), so a reader of the event need not parse it again.
        std::optional<QJsonObject> detailObject;
        Error error;
        bool ok() const { return entry.has_value(); }
    };

    static Result map(const EventBridgeInput &capture, const EventBridgeForwardTarget &target);
    // The checks PutEvents makes, with the same limits; Problem::None when the entry is fine.
    static Error validate(const EventBridgeEntry &entry, int maxEntryBytes);
    // Refuses `aws.` sources and the empty/too long ones: ForwardConfigJson::sourceProblem, the
    // rule the config loader and the endpoint editor apply, prefixed with "source".
    static Error validateSource(const QString &source, const QString &preset = {});
    static QString defaultSource(const QString &preset); // empty for generic
    static QString codeName(Problem problem);

    static constexpr int maxDetailTypeChars = 128;
    static constexpr int maxSourceChars = 256;

private:
    static Error validate(const EventBridgeEntry &entry, int maxEntryBytes, bool detailIsObject);
};
