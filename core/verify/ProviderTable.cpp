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
    {
        // Netlify deploy notifications: X-Webhook-Signature is an HS256 JWS made with the JWS
        // secret set on the notification, whose claims are iss "netlify" and sha256, the hex
        // SHA-256 of the body (verified as in Netlify's docs with jsonwebtoken). The header name
        // is common, so it does not identify Netlify for `auto`.
        S s = scheme("netlify", "Netlify", {header("X-Webhook-Signature")}, S::HeaderFormat::Jws,
                     S::Encoding::Base64Url, "");
        s.docs = QStringLiteral("https://docs.netlify.com/site-deploys/deploy-notifications/"
                                "#payload-signature");
        s.notes = QStringLiteral("A JWS (HS256 only; alg none refused) with iss \"netlify\" and "
                                 "sha256, the hex SHA-256 of the raw body; no timestamp.");
        s.content = S::Content::Jws;
        s.jwsIssuer = "netlify";
        s.jwsBodyHashClaim = "sha256";
        s.detectBySignatureHeader = false;
        t.append(s);
    }
    {
        // Atlassian Connect apps (Jira, Confluence): Authorization: JWT <HS256 token> made with
        // the installation's sharedSecret; qsh is the SHA-256 of the canonical request (method,
        // path below the app's base URL, sorted query without jwt), exp/iat bound its life.
        // The body is not signed. Admin webhooks with a secret are the `jira` provider file.
        S s = scheme("atlassian-connect", "Atlassian Connect (Jira, Confluence)",
                     {header("Authorization", "JWT ")}, S::HeaderFormat::Jws,
                     S::Encoding::Base64Url, "");
        s.docs = QStringLiteral("https://developer.atlassian.com/cloud/jira/platform/"
                                "understanding-jwt-for-connect-apps/");
        s.notes = QStringLiteral("A JWT (HS256 only) with qsh over METHOD&path&sorted-query "
                                 "(path relative to the app's base URL: each shorter path is "
                                 "tried), refused after exp and when iat is outside the tolerance "
                                 "both ways; the body itself is not signed.");
        s.content = S::Content::Jws;
        s.jwsQueryHash = true;
        s.toleranceS = 180;
        s.toleranceBothWays = true;
        s.idHeaders = {"X-Atlassian-Webhook-Identifier"};
        s.detectHeaders = {"X-Atlassian-Webhook-Identifier"};
        s.detectBySignatureHeader = false;
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
