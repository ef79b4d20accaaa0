#include "core/verify/ProviderTable.h"

namespace {

using S = ProviderScheme;

S scheme(const char *name, const char *title, QList<S::SignatureHeader> headers,
         S::HeaderFormat format, S::Encoding encoding, const char *contentTemplate)
{
    S s;
    s.name = QString::fromLatin1(name);
    s.title = QString::fromLatin1(title);
    s.signatureHeaders = std::move(headers);
    s.headerFormat = format;
    s.encoding = encoding;
    s.contentTemplate = contentTemplate;
    return s;
}

S::SignatureHeader header(const char *name, const char *prefix = "",
                          S::Algorithm algorithm = S::Algorithm::HmacSha256)
{
    return {name, prefix, algorithm};
}

// Standard Webhooks and Svix share everything but Svix's own header names, which its SDK
// reads first and then falls back to the webhook-* ones.
S standardWebhooks(const char *name, const char *title, const QList<QByteArray> &prefixes)
{
    QList<S::SignatureHeader> sig;
    S s = scheme(name, title, {}, S::HeaderFormat::VersionedList, S::Encoding::Base64,
                 "{id}.{timestamp}.{body}");
    for (const QByteArray &p : prefixes) {
        s.signatureHeaders.append({QByteArray(p + "-signature"), "", S::Algorithm::HmacSha256});
        s.timestampHeaders.append(QByteArray(p + "-timestamp"));
        s.idHeaders.append(QByteArray(p + "-id"));
    }
    s.signatureKey = "v1";
    s.timestampRequired = true;
    s.toleranceS = 300;
    s.toleranceBothWays = true;
    s.secretFormat = S::SecretFormat::WhsecBase64;
    s.secretPrefix = "whsec_";
    return s;
}

QList<S> build()
{
    QList<S> t;
    {
        // stripe-node: t=..,v1=..(several while a secret rolls),v0=.. (test mode); {t}.{body};
        // the whsec_ secret is used as text; only old timestamps are rejected.
        S s = scheme("stripe", "Stripe", {header("Stripe-Signature")},
                     S::HeaderFormat::KeyValueList, S::Encoding::Hex, "{timestamp}.{body}");
        s.signatureKey = "v1";
        s.timestampKey = "t";
        s.testModeKey = "v0";
        s.timestampRequired = true;
        s.toleranceS = 300;
        s.idBodyField = "id";
        s.secretPrefix = "whsec_";
        t.append(s);
    }
    {
        // GitHub sends both; @octokit/webhooks-methods checks the sha256 one.
        S s = scheme("github", "GitHub",
                     {header("X-Hub-Signature-256", "sha256="),
                      header("X-Hub-Signature", "sha1=", S::Algorithm::HmacSha1)},
                     S::HeaderFormat::Prefixed, S::Encoding::Hex, "{body}");
        s.idHeaders = {"X-GitHub-Delivery"};
        s.detectHeaders = {"X-GitHub-Event", "X-GitHub-Delivery"};
        s.signHeaders = {{"X-GitHub-Event", "ping"}, {"X-GitHub-Delivery", "{id}"}};
        t.append(s);
    }
    t.append(standardWebhooks("standard-webhooks", "Standard Webhooks", {"webhook"}));
    {
        S s = standardWebhooks("svix", "Svix", {"svix", "webhook"});
        s.detectBySignatureHeader = false; // webhook-signature alone is Standard Webhooks
        s.detectHeaders = {"svix-signature"};
        t.append(s);
    }
    {
        // Bolt / @slack/events-api: v0=hex over v0:{ts}:{body}; rejects requests older than 5 min.
        S s = scheme("slack", "Slack", {header("X-Slack-Signature", "v0=")},
                     S::HeaderFormat::Prefixed, S::Encoding::Hex, "v0:{timestamp}:{body}");
        s.timestampHeaders = {"X-Slack-Request-Timestamp"};
        s.timestampRequired = true;
        s.toleranceS = 300;
        t.append(s);
    }
    {
        S s = scheme("shopify", "Shopify", {header("X-Shopify-Hmac-Sha256")},
                     S::HeaderFormat::Plain, S::Encoding::Base64, "{body}");
        s.idHeaders = {"X-Shopify-Webhook-Id", "X-Shopify-Event-Id"};
        s.detectHeaders = {"X-Shopify-Topic"};
        s.signHeaders = {{"X-Shopify-Topic", "orders/create"},
                         {"X-Shopify-API-Version", "2025-01"},
                         {"X-Shopify-Shop-Domain", "hookbench.myshopify.com"},
                         {"X-Shopify-Webhook-Id", "{id}"},
                         {"X-Shopify-Event-Id", "{id}"},
                         {"X-Shopify-Triggered-At", "{iso_time}"}};
        t.append(s);
    }
    {
        // twilio-node validateRequest / validateRequestWithBody.
        S s = scheme("twilio", "Twilio", {header("X-Twilio-Signature", "", S::Algorithm::HmacSha1)},
                     S::HeaderFormat::Plain, S::Encoding::Base64, "{url}");
        s.content = S::Content::TwilioForm;
        s.idHeaders = {"I-Twilio-Idempotency-Token"};
        t.append(s);
    }
    {
        // @paddle/paddle-node-sdk: ts=..;h1=.. over {ts}:{body}, valid for 5 s.
        S s = scheme("paddle", "Paddle", {header("Paddle-Signature")},
                     S::HeaderFormat::KeyValueList, S::Encoding::Hex, "{timestamp}:{body}");
        s.listSeparator = ";";
        s.signatureKey = "h1";
        s.timestampKey = "ts";
        s.timestampRequired = true;
        s.toleranceS = 5;
        s.idBodyField = "event_id";
        t.append(s);
    }
    {
        // square WebhooksHelper.isValidWebhookEventSignature: base64 HMAC of notification URL +
        // body.
        S s = scheme("square", "Square", {header("x-square-hmacsha256-signature")},
                     S::HeaderFormat::Plain, S::Encoding::Base64, "{url}{body}");
        s.idBodyField = "event_id";
        t.append(s);
    }
    {
        // @linear/sdk LinearWebhookClient.verify: hex HMAC of the body; webhookTimestamp (ms) in
        // the body is required ("Missing webhook timestamp") and checked within 60 s either way.
        S s = scheme("linear", "Linear", {header("Linear-Signature")}, S::HeaderFormat::Plain,
                     S::Encoding::Hex, "{body}");
        s.timestampBodyField = "webhookTimestamp";
        s.timestampRequired = true;
        s.timestampUnit = S::TimestampUnit::Milliseconds;
        s.toleranceS = 60;
        s.toleranceBothWays = true;
        s.idHeaders = {"Linear-Delivery"};
        s.detectHeaders = {"Linear-Delivery", "Linear-Event"};
        t.append(s);
    }
    {
        // discord-interactions verifyKey: Ed25519 over timestamp + body; no age check.
        S s =
            scheme("discord", "Discord", {header("X-Signature-Ed25519", "", S::Algorithm::Ed25519)},
                   S::HeaderFormat::Plain, S::Encoding::Hex, "{timestamp}{body}");
        s.timestampHeaders = {"X-Signature-Timestamp"};
        s.timestampRequired = true;
        s.secretFormat = S::SecretFormat::HexPublicKey;
        t.append(s);
    }
    {
        // @sendgrid/eventwebhook: ECDSA P-256 / SHA-256 over timestamp + body, DER signature.
        S s = scheme(
            "sendgrid", "SendGrid",
            {header("X-Twilio-Email-Event-Webhook-Signature", "", S::Algorithm::EcdsaP256Sha256)},
            S::HeaderFormat::Plain, S::Encoding::Base64, "{timestamp}{body}");
        s.timestampHeaders = {"X-Twilio-Email-Event-Webhook-Timestamp"};
        s.timestampRequired = true;
        s.secretFormat = S::SecretFormat::Base64DerPublicKey;
        t.append(s);
    }
    {
        S s = scheme("zoom", "Zoom", {header("x-zm-signature", "v0=")}, S::HeaderFormat::Prefixed,
                     S::Encoding::Hex, "v0:{timestamp}:{body}");
        s.timestampHeaders = {"x-zm-request-timestamp"};
        s.timestampRequired = true;
        s.toleranceS = 300;
        t.append(s);
    }
    {
        // EventSub: id + RFC 3339 timestamp (as sent) + body; older than 10 minutes is rejected.
        S s = scheme("twitch", "Twitch", {header("Twitch-Eventsub-Message-Signature", "sha256=")},
                     S::HeaderFormat::Prefixed, S::Encoding::Hex, "{id}{timestamp}{body}");
        s.timestampHeaders = {"Twitch-Eventsub-Message-Timestamp"};
        s.timestampUnit = S::TimestampUnit::Rfc3339;
        s.timestampRequired = true;
        s.toleranceS = 600;
        s.idHeaders = {"Twitch-Eventsub-Message-Id"};
        t.append(s);
    }
    {
        S s = scheme("calendly", "Calendly", {header("Calendly-Webhook-Signature")},
                     S::HeaderFormat::KeyValueList, S::Encoding::Hex, "{timestamp}.{body}");
        s.signatureKey = "v1";
        s.timestampKey = "t";
        s.timestampRequired = true;
        s.toleranceS = 180;
        t.append(s);
    }
    t.append(scheme("typeform", "Typeform", {header("Typeform-Signature", "sha256=")},
                    S::HeaderFormat::Prefixed, S::Encoding::Base64, "{body}"));
    {
        // Intercom shares GitHub's legacy header, so the header alone does not identify it.
        S s = scheme("intercom", "Intercom",
                     {header("X-Hub-Signature", "sha1=", S::Algorithm::HmacSha1)},
                     S::HeaderFormat::Prefixed, S::Encoding::Hex, "{body}");
        s.detectBySignatureHeader = false;
        t.append(s);
    }
    {
        S s = scheme("recharge", "Recharge",
                     {header("X-Recharge-Hmac-Sha256", "", S::Algorithm::Sha256OfSecretAndBody)},
                     S::HeaderFormat::Plain, S::Encoding::Hex, "{body}");
        s.detectHeaders = {"X-Recharge-Topic"};
        t.append(s);
    }
    {
        S s = scheme("hubspot-v3", "HubSpot (v3)", {header("X-HubSpot-Signature-v3")},
                     S::HeaderFormat::Plain, S::Encoding::Base64, "{method}{url}{body}{timestamp}");
        s.timestampHeaders = {"X-HubSpot-Request-Timestamp"};
        s.timestampUnit = S::TimestampUnit::Milliseconds;
        s.timestampRequired = true;
        s.toleranceS = 300;
        t.append(s);
    }
    {
        // The signature, timestamp and token travel in the body (JSON "signature" object or
        // form fields); hex HMAC-SHA256 of timestamp + token.
        S s = scheme("mailgun", "Mailgun", {}, S::HeaderFormat::Plain, S::Encoding::Hex,
                     "{timestamp}{id}");
        s.content = S::Content::MailgunBody;
        s.timestampRequired = true;
        t.append(s);
    }
    return t;
}

} // namespace

const QList<ProviderScheme> &ProviderTable::schemes()
{
    static const QList<ProviderScheme> table = build();
    return table;
}
