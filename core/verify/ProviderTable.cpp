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

QList<S> build()
{
    QList<S> t;
    {
        // twilio-node validateRequest / validateRequestWithBody.
        S s = scheme("twilio", "Twilio", {header("X-Twilio-Signature", "", S::Algorithm::HmacSha1)},
                     S::HeaderFormat::Plain, S::Encoding::Base64, "{url}");
        s.docs = QStringLiteral("https://www.twilio.com/docs/usage/webhooks/webhooks-security");
        s.content = S::Content::TwilioForm;
        s.idHeaders = {"I-Twilio-Idempotency-Token"};
        t.append(s);
    }
    {
        // discord-interactions verifyKey: Ed25519 over timestamp + body; no age check.
        S s =
            scheme("discord", "Discord", {header("X-Signature-Ed25519", "", S::Algorithm::Ed25519)},
                   S::HeaderFormat::Plain, S::Encoding::Hex, "{timestamp}{body}");
        s.docs = QStringLiteral("https://discord.com/developers/docs/interactions/"
                                "overview#setting-up-an-endpoint-validating-security-request-"
                                "headers");
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
        s.docs = QStringLiteral("https://www.twilio.com/docs/sendgrid/for-developers/tracking-"
                                "events/getting-started-event-webhook-security-features");
        s.timestampHeaders = {"X-Twilio-Email-Event-Webhook-Timestamp"};
        s.timestampRequired = true;
        s.secretFormat = S::SecretFormat::Base64DerPublicKey;
        t.append(s);
    }
    {
        // The signature, timestamp and token travel in the body (JSON "signature" object or
        // form fields); hex HMAC-SHA256 of timestamp + token.
        S s = scheme("mailgun", "Mailgun", {}, S::HeaderFormat::Plain, S::Encoding::Hex,
                     "{timestamp}{id}");
        s.docs = QStringLiteral("https://documentation.mailgun.com/docs/mailgun/user-manual/"
                                "tracking-messages/#securing-webhooks");
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
