// Provider files: every built-in file loads and describes exactly the scheme the code table did;
// the file format round-trips; each kind of bad file is refused with its path and key while the
// others load; a user's file adds or overrides a provider; the shared catalog is read once.
#include "core/http/RequestFramer.h"
#include "core/verify/ProviderCatalog.h"
#include "core/verify/ProviderFile.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/Signer.h"
#include "core/verify/Verifier.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>
#include <functional>

namespace {

using S = ProviderScheme;

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

// The table as core/verify/ProviderTable.cpp defined it before these providers became files
// (commit 2b3170f), kept to prove the files describe exactly the same schemes.
QList<S> legacyTable()
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
    return t;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

// A provider of the common shape, as a user would write it.
const QByteArray AcmeFile =
    "{\n"
    "  \"name\": \"acme\",\n"
    "  \"title\": \"Acme Payments\",\n"
    "  \"docs\": \"https://acme.example/docs/webhooks\",\n"
    "  \"signature\": {\n"
    "    \"headers\": [{\"name\": \"X-Acme-Signature\", \"prefix\": \"sha512=\"}],\n"
    "    \"algorithm\": \"hmac-sha512\",\n"
    "    \"encoding\": \"base64\",\n"
    "    \"format\": \"prefixed\",\n"
    "    \"content\": \"{id}:{timestamp}:{body}\"\n"
    "  },\n"
    "  \"timestamp\": {\"headers\": [\"X-Acme-Timestamp\"], \"tolerance_s\": 120},\n"
    "  \"id\": {\"headers\": [\"X-Acme-Delivery\"]},\n"
    "  \"secret\": {\"prefix\": \"acme_\"},\n"
    "  \"sign\": {\"headers\": [\"X-Acme-Event: ping\"]}\n"
    "}\n";

} // namespace

class TestProviderFiles : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config; // XDG_CONFIG_HOME for the shared catalog

    // One provider's documented request (`headers` for a body and a timestamp) verified, and
    // the common hazards on it: a tampered body, a secret with a newline, a re-serialised body,
    // a stale timestamp (where the provider has a tolerance), a wrong secret.
    void documented(const QString &provider, const QByteArray &secret, int tolerance,
                    const QString &detected, const QString &url,
                    const std::function<QByteArray(const QByteArray &, qint64)> &headers)
    {
        const qint64 t = 1763779200;
        // Keys in order: Qt's indented form below sorts them, as a re-serialising framework might.
        const QByteArray body = "{\"data\":{\"amount\":4200},\"id\":\"evt_1\"}";
        const QByteArray target = url.isEmpty() ? QByteArray("/hook") : QUrl(url).path().toLatin1();
        auto request = [&](const QByteArray &sent, const QByteArray &signedBody,
                           qint64 at) -> QByteArray {
            return "POST " + target + " HTTP/1.1\r\nHost: example.com\r\n" +
                   headers(signedBody, at) +
                   "\r\nContent-Length: " + QByteArray::number(sent.size()) + "\r\n\r\n" + sent;
        };
        VerifyOptions o;
        o.provider = provider;
        o.secrets = {secret};
        o.atS = t + 2;
        o.url = url;
        const auto verify = [&](const QByteArray &raw) {
            return Verifier::verify(raw, RequestFramer::parse(raw), o);
        };
        const QByteArray raw = request(body, body, t);
        const Verdict ok = verify(raw);
        QVERIFY2(ok.valid, qPrintable(provider + QJsonDocument(ok.toJson()).toJson()));
        QVERIFY2(ok.hazards.isEmpty(), qPrintable(provider));
        QCOMPARE(ProviderRegistry::detect(RequestFramer::parse(raw)).value(0), detected);

        const Verdict tampered = verify(request(QByteArray(body).replace("4200", "4201"), body, t));
        QCOMPARE(tampered.reasonCode(), QStringLiteral("signature_mismatch"));
        QVERIFY2(tampered.hazards.isEmpty(), qPrintable(provider));

        const QByteArray pretty = QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented);
        const Verdict re = verify(request(pretty, body, t));
        QCOMPARE(re.reasonCode(), QStringLiteral("signature_mismatch"));
        QCOMPARE(re.hazards.size(), 1);
        QCOMPARE(re.hazards.first().transform, QStringLiteral("json_reserialized"));

        o.secrets = {secret + "\n"};
        const Verdict ws = verify(raw);
        if (ProviderRegistry::find(provider)->secretFormat == S::SecretFormat::Text) {
            QCOMPARE(ws.hazards.size(), 1);
            QCOMPARE(ws.hazards.first().code, QStringLiteral("secret_whitespace"));
        } else {
            QVERIFY(ws.valid); // base64 decoders stop at a trailing newline, as Node's does
        }

        o.secrets = {"not-" + secret};
        const Verdict wrong = verify(raw);
        QCOMPARE(wrong.reasonCode(), QStringLiteral("signature_mismatch"));
        QVERIFY2(wrong.hazards.isEmpty(), qPrintable(provider));
        QCOMPARE(wrong.search.remaining.value(1).code, QStringLiteral("secret_not_here"));

        o.secrets = {secret};
        if (tolerance > 0) {
            const Verdict stale = verify(request(body, body, t - tolerance - 60));
            QCOMPARE(stale.reasonCode(), QStringLiteral("timestamp_outside_tolerance"));
            QVERIFY2(stale.hazards.isEmpty(), qPrintable(provider));
            const auto scheme = ProviderRegistry::find(provider);
            QCOMPARE(scheme->toleranceS, tolerance);
        } else {
            QVERIFY(verify(request(body, body, t - 86400)).valid); // no tolerance to apply
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
        QVERIFY(QDir().mkpath(m_config.path() + "/hookbench/providers"));
        writeFile(m_config.path() + "/hookbench/providers/acme.json", AcmeFile);
        writeFile(m_config.path() + "/hookbench/providers/broken.json", "{\"name\": ");
    }

    void everyBuiltInFileLoads()
    {
        const QStringList files =
            QDir(ProviderCatalog::BuiltInDirectory).entryList({"*.json"}, QDir::Files);
        QVERIFY(files.size() >= 16);
        const ProviderCatalog c = ProviderCatalog::load(ProviderCatalog::BuiltInDirectory, {});
        for (const ProviderFile::Problem &p : c.problems())
            qWarning("%s", qPrintable(p.text()));
        QVERIFY(c.problems().isEmpty());
        for (const QString &f : files) {
            const ProviderScheme *s = c.find(QFileInfo(f).completeBaseName());
            QVERIFY2(s, qPrintable(f));
            QCOMPARE(s->origin, S::Origin::BuiltInFile);
            QVERIFY2(s->docs.startsWith("https://"), qPrintable(f + ": no docs link"));
        }
        // The shapes that are not data are still there, from code.
        for (const char *code :
             {"twilio", "mailgun", "discord", "sendgrid", "netlify", "atlassian-connect"}) {
            QVERIFY(c.find(code));
            QCOMPARE(c.find(code)->origin, S::Origin::Code);
        }
    }

    void filesDescribeTheFormerCodeTable_data()
    {
        QTest::addColumn<S>("legacy");
        for (const S &s : legacyTable())
            QTest::newRow(qPrintable(s.name)) << s;
    }
    void filesDescribeTheFormerCodeTable()
    {
        QFETCH(S, legacy);
        const ProviderCatalog c = ProviderCatalog::load(ProviderCatalog::BuiltInDirectory, {});
        const ProviderScheme *loaded = c.find(legacy.name);
        QVERIFY(loaded);
        S expected = legacy;
        expected.docs = loaded->docs;
        expected.notes = loaded->notes;
        QVERIFY2(*loaded == expected, qPrintable(ProviderFile::write(*loaded)));
    }

    void writeThenParseIsTheSameScheme()
    {
        const ProviderCatalog c = ProviderCatalog::load(ProviderCatalog::BuiltInDirectory, {});
        int data = 0;
        for (const S &s : c.schemes()) {
            const QByteArray text = ProviderFile::write(s);
            QCOMPARE(text.isEmpty(), !ProviderFile::fitsData(s));
            if (text.isEmpty())
                continue;
            ++data;
            ProviderFile::Problem p;
            const auto back =
                ProviderFile::parse(text, "/x/" + s.name + ".json", S::Origin::UserFile, &p);
            QVERIFY2(back, qPrintable(p.text()));
            QVERIFY2(*back == s, qPrintable(s.name));
        }
        QVERIFY(data >= 16);
        // Code-only shapes have no file form.
        QVERIFY(ProviderFile::write(*c.find("twilio")).isEmpty());
        QVERIFY(ProviderFile::write(*c.find("discord")).isEmpty());
    }

    // The providers added as files, each against its documentation: the signature computed here
    // independently (not by Signer), in the header the provider sends, verifies; the same
    // request with another body does not; detection finds it where its headers are its own.
    void addedProvidersFollowTheirDocs_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("algorithm"); // QCryptographicHash::Algorithm
        QTest::addColumn<bool>("base64");
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("extra"); // other headers the provider sends
        QTest::addColumn<QString>("detected"); // auto's pick; empty: not identifiable
        auto row = [](const char *p, const char *h, QCryptographicHash::Algorithm a, bool b64,
                      const char *prefix, const char *extra, const char *detected) {
            QTest::newRow(p) << QString::fromLatin1(p) << QByteArray(h) << int(a) << b64
                             << QByteArray(prefix) << QByteArray(extra)
                             << QString::fromLatin1(detected);
        };
        // Meta's header is GitHub's: auto picks GitHub, whose scheme for this header is the same.
        row("meta", "X-Hub-Signature-256", QCryptographicHash::Sha256, false, "sha256=", "",
            "github");
        row("paystack", "x-paystack-signature", QCryptographicHash::Sha512, false, "", "",
            "paystack");
        row("razorpay", "X-Razorpay-Signature", QCryptographicHash::Sha256, false, "",
            "x-razorpay-event-id: evt_1", "razorpay");
        row("lemonsqueezy", "X-Signature", QCryptographicHash::Sha256, false, "",
            "X-Event-Name: order_created", "");
        row("woocommerce", "X-WC-Webhook-Signature", QCryptographicHash::Sha256, true, "",
            "X-WC-Webhook-Topic: order.created", "woocommerce");
        row("coinbase-commerce", "X-CC-Webhook-Signature", QCryptographicHash::Sha256, false, "",
            "", "coinbase-commerce");
        // GitHub sends an X-Hub-Signature too (sha1=): Bitbucket's own headers decide.
        row("bitbucket", "X-Hub-Signature", QCryptographicHash::Sha256, false,
            "sha256=", "X-Event-Key: repo:push\r\nX-Hook-UUID: {d1f2}\r\nX-Request-UUID: r-1",
            "bitbucket");
        row("asana", "X-Hook-Signature", QCryptographicHash::Sha256, false, "", "", "asana");
        row("dropbox", "X-Dropbox-Signature", QCryptographicHash::Sha256, false, "", "", "dropbox");
        row("sentry", "Sentry-Hook-Signature", QCryptographicHash::Sha256, false, "",
            "Sentry-Hook-Resource: issue\r\nSentry-Hook-Timestamp: 1763779200", "sentry");
        row("vercel", "x-vercel-signature", QCryptographicHash::Sha1, false, "", "", "vercel");
        row("pagerduty", "X-PagerDuty-Signature", QCryptographicHash::Sha256, false,
            "v1=", "X-Webhook-Id: w-1\r\nX-Webhook-Subscription: PSUB1", "pagerduty");
        row("launchdarkly", "X-LD-Signature", QCryptographicHash::Sha256, false, "", "",
            "launchdarkly");
        row("xero", "x-xero-signature", QCryptographicHash::Sha256, true, "", "", "xero");
    }
    void addedProvidersFollowTheirDocs()
    {
        QFETCH(QString, provider);
        QFETCH(QByteArray, header);
        QFETCH(int, algorithm);
        QFETCH(bool, base64);
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, extra);
        QFETCH(QString, detected);
        const QByteArray secret = "whk_0123456789";
        const QByteArray body = "{\"data\":{\"amount\":4200},\"event\":\"charge.success\"}";
        const QByteArray mac = QMessageAuthenticationCode::hash(
            body, secret, QCryptographicHash::Algorithm(algorithm));
        const QByteArray sig = prefix + (base64 ? mac.toBase64() : mac.toHex());
        auto request = [&](const QByteArray &b) -> QByteArray {
            QByteArray r =
                "POST /hook HTTP/1.1\r\nHost: example.com\r\n" + header + ": " + sig + "\r\n";
            if (!extra.isEmpty())
                r += extra + "\r\n";
            return r + "Content-Length: " + QByteArray::number(b.size()) + "\r\n\r\n" + b;
        };
        VerifyOptions o;
        o.provider = provider;
        o.secrets = {secret};
        o.atS = 1763779200;
        const QByteArray raw = request(body);
        const ParsedRequest parsed = RequestFramer::parse(raw);
        const Verdict ok = Verifier::verify(raw, parsed, o);
        QVERIFY2(ok.valid, qPrintable(QJsonDocument(ok.toJson()).toJson()));
        QVERIFY(ok.hazards.isEmpty());
        const QByteArray tampered = request(QByteArray(body).replace("4200", "4201"));
        QCOMPARE(Verifier::verify(tampered, RequestFramer::parse(tampered), o).reasonCode(),
                 QStringLiteral("signature_mismatch"));
        // The common hazards on it: a secret with a newline, a re-serialised body.
        o.secrets = {secret + "\n"};
        const Verdict ws = Verifier::verify(raw, parsed, o);
        QCOMPARE(ws.hazards.size(), 1);
        QCOMPARE(ws.hazards.first().code, QStringLiteral("secret_whitespace"));
        o.secrets = {secret};
        const QByteArray pretty =
            request(QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented));
        const Verdict re = Verifier::verify(pretty, RequestFramer::parse(pretty), o);
        QCOMPARE(re.hazards.size(), 1);
        QCOMPARE(re.hazards.first().transform, QStringLiteral("json_reserialized"));
        const QStringList found = ProviderRegistry::detect(parsed);
        QCOMPARE(found.value(0), detected);
    }

    // PagerDuty sends one v1= per active secret: any one of them matching is enough.
    void pagerDutySeveralSignatures()
    {
        const QByteArray body = "{\"event\":{\"event_type\":\"incident.triggered\"}}";
        const QByteArray a =
            QMessageAuthenticationCode::hash(body, "old-secret", QCryptographicHash::Sha256);
        const QByteArray b =
            QMessageAuthenticationCode::hash(body, "new-secret", QCryptographicHash::Sha256);
        const QByteArray raw = "POST /pd HTTP/1.1\r\nHost: example.com\r\n"
                               "X-PagerDuty-Signature: v1=" +
                               a.toHex() + ",v1=" + b.toHex() +
                               "\r\nContent-Length: " + QByteArray::number(body.size()) +
                               "\r\n\r\n" + body;
        VerifyOptions o;
        o.provider = "pagerduty";
        o.atS = 1763779200;
        for (const QByteArray &secret : {QByteArray("new-secret"), QByteArray("old-secret")}) {
            o.secrets = {secret};
            const Verdict v = Verifier::verify(raw, RequestFramer::parse(raw), o);
            QVERIFY2(v.valid, qPrintable(QJsonDocument(v.toJson()).toJson()));
            QCOMPARE(v.received.size(), 2);
        }
        o.secrets = {"third-secret"};
        QCOMPARE(Verifier::verify(raw, RequestFramer::parse(raw), o).reasonCode(),
                 QStringLiteral("signature_mismatch"));
    }

    // The providers whose signed content is more than the body, each built here as its
    // documentation describes (not by Signer), with the common hazards on it.
    void timestampedProvidersFollowTheirDocs()
    {
        const QByteArray secret = "whk_0123456789";
        const auto hmac = [](const QByteArray &key, const QByteArray &content,
                             QCryptographicHash::Algorithm a = QCryptographicHash::Sha256) {
            return QMessageAuthenticationCode::hash(content, key, a);
        };
        const auto rfc3339 = [](qint64 t) -> QByteArray {
            return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate).toLatin1();
        };
        // Mux: t=<s>,v1=<hex HMAC of "t.body">.
        documented("mux", secret, 300, "mux", {}, [&](const QByteArray &b, qint64 t) -> QByteArray {
            const QByteArray ts = QByteArray::number(t);
            return "Mux-Signature: t=" + ts + ",v1=" + hmac(secret, ts + "." + b).toHex();
        });
        // Frame.io: v0=<hex HMAC of "v0:ts:body">, the timestamp in its own header.
        documented("frameio", secret, 300, "frameio", {},
                   [&](const QByteArray &b, qint64 t) -> QByteArray {
                       const QByteArray ts = QByteArray::number(t);
                       return "X-Frameio-Request-Timestamp: " + ts +
                              "\r\nX-Frameio-Signature: v0=" +
                              hmac(secret, "v0:" + ts + ":" + b).toHex();
                   });
        // Box: base64 HMAC of body then the RFC 3339 timestamp, primary and secondary keys.
        documented("box", secret, 600, "box", {}, [&](const QByteArray &b, qint64 t) -> QByteArray {
            const QByteArray ts = rfc3339(t);
            return "BOX-DELIVERY-ID: d-1\r\nBOX-DELIVERY-TIMESTAMP: " + ts +
                   "\r\nBOX-SIGNATURE-PRIMARY: " + hmac(secret, b + ts).toBase64() +
                   "\r\nBOX-SIGNATURE-SECONDARY: " + hmac("other-key", b + ts).toBase64() +
                   "\r\nBOX-SIGNATURE-VERSION: 1\r\nBOX-SIGNATURE-ALGORITHM: HmacSHA256";
        });
        // Zendesk: base64(HMAC(timestamp + body)); no tolerance is documented.
        documented("zendesk", secret, -1, "zendesk", {},
                   [&](const QByteArray &b, qint64 t) -> QByteArray {
                       const QByteArray ts = rfc3339(t);
                       return "X-Zendesk-Webhook-Signature-Timestamp: " + ts +
                              "\r\nX-Zendesk-Webhook-Signature: " + hmac(secret, ts + b).toBase64();
                   });
        // Trello: base64 HMAC-SHA1 of the body then the callback URL.
        const QString callback = QStringLiteral("https://hooks.example.com/trello");
        documented(
            "trello", secret, -1, "trello", callback,
            [&](const QByteArray &b, qint64) -> QByteArray {
                return "X-Trello-Webhook: " +
                       hmac(secret, b + callback.toLatin1(), QCryptographicHash::Sha1).toBase64();
            });
        // Recurly: "<ms>,<hex HMAC of ms.body>" (a second signature of another key may follow).
        documented("recurly", secret, 300, "recurly", {},
                   [&](const QByteArray &b, qint64 t) -> QByteArray {
                       const QByteArray ms = QByteArray::number(t * 1000);
                       return "recurly-signature: " + ms + "," +
                              hmac("rotated-key", ms + "." + b).toHex() + "," +
                              hmac(secret, ms + "." + b).toHex();
                   });
        // Airtable: hmac-sha256=<hex>, keyed with macSecretBase64 decoded.
        const QByteArray macSecret = QByteArray("airtable-key-bytes-0123").toBase64();
        documented("airtable", macSecret, -1, "airtable", {},
                   [&](const QByteArray &b, qint64) -> QByteArray {
                       return "X-Airtable-Content-MAC: hmac-sha256=" +
                              hmac(QByteArray::fromBase64(macSecret), b).toHex();
                   });
    }

    // GitLab sends the secret token itself: compared in constant time, never shown back; the
    // body is not signed, so body changes pass and are not named.
    void gitlabToken()
    {
        const QByteArray token = "glwh-Sup3rSecret";
        const QByteArray body = "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\"}";
        auto request = [&](const QByteArray &t, const QByteArray &b) -> QByteArray {
            return "POST /gl HTTP/1.1\r\nHost: example.com\r\nX-Gitlab-Event: Push Hook\r\n"
                   "X-Gitlab-Event-UUID: 6d2b\r\nX-Gitlab-Token: " +
                   t + "\r\nContent-Length: " + QByteArray::number(b.size()) + "\r\n\r\n" + b;
        };
        VerifyOptions o;
        o.provider = "gitlab";
        o.secrets = {"another", token};
        o.atS = 1763779200;
        const QByteArray raw = request(token, body);
        const ParsedRequest parsed = RequestFramer::parse(raw);
        QCOMPARE(ProviderRegistry::detect(parsed).value(0), QStringLiteral("gitlab"));
        const Verdict ok = Verifier::verify(raw, parsed, o);
        QVERIFY2(ok.valid, qPrintable(QJsonDocument(ok.toJson()).toJson()));
        QCOMPARE(ok.matchedSecret, 1);
        QCOMPARE(ok.deliveryId, QByteArray("6d2b"));
        QVERIFY(ok.hazards.isEmpty());
        const QByteArray json = QJsonDocument(ok.toJson()).toJson();
        QVERIFY2(!json.contains(token), json.constData());
        // Not signed: a re-serialised body is still the delivery, with nothing to name.
        const QByteArray pretty =
            request(token, QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented));
        const Verdict re = Verifier::verify(pretty, RequestFramer::parse(pretty), o);
        QVERIFY(re.valid);
        QVERIFY(re.hazards.isEmpty());
        // A token of another length, a prefix of it, a wrong one: mismatch, the token unnamed.
        for (const QByteArray &sent :
             QList<QByteArray>{"glwh-Sup3rSecreT", token.left(8), token + "x"}) {
            const QByteArray bad = request(sent, body);
            const Verdict v = Verifier::verify(bad, RequestFramer::parse(bad), o);
            QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
            QVERIFY(v.expected.isEmpty());
            QVERIFY(v.hazards.isEmpty());
            const QByteArray text = QJsonDocument(v.toJson()).toJson();
            QVERIFY2(!text.contains(token.left(8)), text.constData());
            // What is left: only the token (no body or URL can explain it).
            QCOMPARE(v.search.remaining.size(), 1);
            QCOMPARE(v.search.remaining.first().code, QStringLiteral("secret_not_here"));
        }
        // The configured token with a trailing newline, or spaces: named.
        for (const QByteArray &configured : QList<QByteArray>{token + "\n", " " + token + " "}) {
            o.secrets = {configured};
            const Verdict v = Verifier::verify(raw, parsed, o);
            QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
            QCOMPARE(v.hazards.size(), 1);
            QCOMPARE(v.hazards.first().code, QStringLiteral("secret_whitespace"));
        }
        // sign sends the token (and refuses one that would break the header).
        Signer::Options so;
        so.secret = token;
        so.atS = o.atS;
        const auto scheme = ProviderRegistry::find("gitlab");
        QVERIFY(scheme);
        const Signer::Result r = Signer::sign(*scheme, body, so);
        QVERIFY(r.request.contains(QByteArray("X-Gitlab-Token: " + token + "\r\n")));
        QVERIFY(r.request.contains("X-Gitlab-Event: Push Hook\r\n"));
        so.secret = "a\r\nX-Evil: 1";
        QVERIFY(Signer::sign(*scheme, body, so).request.isEmpty());
    }

    void svixAliases()
    {
        // Clerk and Resend sign with Svix: a request signed for one verifies as the others, and
        // auto picks Svix (the headers are Svix's).
        for (const char *name : {"clerk", "resend"}) {
            const auto scheme = ProviderRegistry::find(name);
            QVERIFY(scheme);
            S svix = *ProviderRegistry::find("svix");
            svix.name = scheme->name;
            svix.title = scheme->title;
            svix.docs = scheme->docs;
            svix.notes = scheme->notes;
            svix.detectHeaders.clear();
            svix.detectBySignatureHeader = false;
            svix.origin = scheme->origin;
            svix.sourcePath = scheme->sourcePath;
            QVERIFY(*scheme == svix);
            Signer::Options so;
            so.secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
            so.atS = 1763779200;
            const QByteArray raw = Signer::sign(*scheme, "{\"type\":\"user.created\"}", so).request;
            const ParsedRequest parsed = RequestFramer::parse(raw);
            QCOMPARE(ProviderRegistry::detect(parsed), QStringList{"svix"});
            VerifyOptions o;
            o.provider = "svix";
            o.secrets = {so.secret};
            o.atS = so.atS;
            QVERIFY(Verifier::verify(raw, parsed, o).valid);
        }
    }

    void badFilesAreRefusedWithPathAndKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("problem");
        const QByteArray sig =
            "\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\"}";
        auto row = [](const char *name, const QByteArray &json, const char *key,
                      const char *problem) {
            QTest::newRow(name) << json << QString::fromUtf8(key) << QString::fromUtf8(problem);
        };
        auto file = [](const QByteArray &rest) -> QByteArray {
            return "{\"name\": \"bad\", \"title\": \"Bad\", " + rest + "}";
        };
        row("not json", QByteArray("{\"name\": \"bad\","), "", "not valid JSON");
        row("not an object", QByteArray("[1]"), "", "expects a JSON object");
        row("unknown key", file(sig + ", \"tolerance\": 5"), "tolerance", "unknown key");
        row("nested unknown key",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\", "
                 "\"algo\": \"x\"}"),
            "signature.algo", "unknown key");
        row("no title", QByteArray("{\"name\": \"bad\", " + sig + "}"), "title", "is required");
        row("title not a string", QByteArray("{\"name\": \"bad\", \"title\": 3, " + sig + "}"),
            "title", "expects a string");
        row("name not the file's",
            QByteArray("{\"name\": \"other\", \"title\": \"B\", " + sig + "}"), "name",
            "differs from the file name");
        row("no signature", file("\"docs\": \"x\""), "signature", "is required");
        row("bad algorithm",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\", "
                 "\"algorithm\": \"md5\"}"),
            "signature.algorithm", "'md5' is not one of");
        row("no encoding", file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}]}"),
            "signature.encoding", "is required");
        // A token (GitLab) is sent as it is: text, plain, nothing signed, not mixed.
        const QByteArray token = "\"signature\": {\"headers\": [{\"name\": \"X-Tok\"}], "
                                 "\"algorithm\": \"token\", ";
        row("token encoded", file(token + "\"encoding\": \"hex\"}"), "signature.encoding",
            "must be \"text\"");
        row("token with content",
            file(token + "\"encoding\": \"text\", \"content\": \"{timestamp}{body}\"}"),
            "signature.content", "a token signs nothing");
        row("token prefixed",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Tok\", \"prefix\": \"t=\"}], "
                 "\"algorithm\": \"token\", \"encoding\": \"text\", \"format\": \"prefixed\"}"),
            "signature.format", "must be \"plain\"");
        row("token mixed",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Tok\"}, {\"name\": \"X-Sig\", "
                 "\"algorithm\": \"hmac-sha256\"}], \"algorithm\": \"token\", \"encoding\": "
                 "\"text\"}"),
            "signature.headers[1].algorithm", "cannot be mixed");
        row("text encoding for a MAC",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"text\"}"),
            "signature.encoding", "only for");
        row("timestamp-list with a timestamp header",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\", "
                 "\"format\": \"timestamp-list\", \"content\": \"{timestamp}.{body}\"}, "
                 "\"timestamp\": {\"headers\": [\"X-Ts\"]}"),
            "timestamp.headers", "already rides in the signature header");
        row("token with a base64 secret",
            file(token + "\"encoding\": \"text\"}, \"secret\": {\"format\": \"base64\"}"),
            "secret.format", "needs an HMAC algorithm");
        row("no headers", file("\"signature\": {\"headers\": [], \"encoding\": \"hex\"}"),
            "signature.headers", "non-empty array");
        row("header name",
            file("\"signature\": {\"headers\": [{\"name\": \"X Sig\"}], \"encoding\": \"hex\"}"),
            "signature.headers[0].name", "not a header name");
        row("prefix without prefixed",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\", \"prefix\": \"s=\"}], "
                 "\"encoding\": \"hex\"}"),
            "signature.headers[0].prefix", "needs \"format\": \"prefixed\"");
        row("prefixed without prefix",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\", "
                 "\"format\": \"prefixed\"}"),
            "signature.headers[0].prefix", "is required");
        row("list without key",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\", "
                 "\"format\": \"key-value-list\"}"),
            "signature.signature_key", "is required");
        row("timestamp_key outside a list",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\", "
                 "\"timestamp_key\": \"t\"}"),
            "signature.timestamp_key", "only applies");
        row("unknown placeholder",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\", "
                 "\"content\": \"{ts}.{body}\"}"),
            "signature.content", "unknown placeholder {ts}");
        row("timestamp signed, none read",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\", "
                 "\"content\": \"{timestamp}.{body}\"}"),
            "signature.content", "no timestamp is read");
        row("id signed, none read",
            file("\"signature\": {\"headers\": [{\"name\": \"X-Sig\"}], \"encoding\": \"hex\", "
                 "\"content\": \"{id}.{body}\"}"),
            "signature.content", "no id is read");
        row("negative tolerance",
            file(sig + ", \"timestamp\": {\"headers\": [\"X-Ts\"], \"tolerance_s\": -5}"),
            "timestamp.tolerance_s", "whole number");
        row("tolerance without timestamp", file(sig + ", \"timestamp\": {\"tolerance_s\": 300}"),
            "timestamp.tolerance_s", "no timestamp");
        row("bad unit", file(sig + ", \"timestamp\": {\"headers\": [\"X-Ts\"], \"unit\": \"ns\"}"),
            "timestamp.unit", "'ns' is not one of");
        row("secret format", file(sig + ", \"secret\": {\"format\": \"pem\"}"), "secret.format",
            "'pem' is not one of");
        row("sign header", file(sig + ", \"sign\": {\"headers\": [\"no colon\"]}"),
            "sign.headers[0]", "\"Name: value\"");
        row("detect not a list", file(sig + ", \"detect\": {\"headers\": \"X-Evt\"}"),
            "detect.headers", "expects an array");
    }
    void badFilesAreRefusedWithPathAndKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, key);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("bad.json");
        writeFile(path, json);
        writeFile(dir.filePath("acme.json"), AcmeFile);
        const ProviderCatalog c = ProviderCatalog::load({}, dir.path());
        QCOMPARE(c.problems().size(), 1);
        const ProviderFile::Problem &p = c.problems().first();
        QCOMPARE(p.path, path);
        QCOMPARE(p.key, key);
        QVERIFY2(p.problem.contains(problem), qPrintable(p.text()));
        QVERIFY(p.text().startsWith(path + ": "));
        QVERIFY(!c.find("bad"));
        QVERIFY(c.find("acme"));              // the rest still load
        QVERIFY(c.find("stripe") == nullptr); // no built-ins were asked for
        QVERIFY(c.find("twilio"));            // code-only providers are always there
    }

    void userFileOverridesBuiltIn()
    {
        QTemporaryDir dir;
        QByteArray stripe;
        {
            QFile f(QStringLiteral(":/hookbench/providers/stripe.json"));
            QVERIFY(f.open(QIODevice::ReadOnly));
            stripe = f.readAll();
        }
        stripe.replace("\"tolerance_s\": 300", "\"tolerance_s\": 30");
        writeFile(dir.filePath("stripe.json"), stripe);
        const ProviderCatalog c =
            ProviderCatalog::load(ProviderCatalog::BuiltInDirectory, dir.path());
        QVERIFY(c.problems().isEmpty());
        const ProviderScheme *s = c.find("stripe");
        QVERIFY(s);
        QCOMPARE(s->toleranceS, 30);
        QCOMPARE(s->origin, S::Origin::UserFile);
        QCOMPARE(s->sourcePath, dir.filePath("stripe.json"));
        int count = 0;
        for (const S &each : c.schemes())
            count += each.name == QLatin1String("stripe") ? 1 : 0;
        QCOMPARE(count, 1);
    }

    // The shared catalog reads $XDG_CONFIG_HOME/hookbench/providers once: the user's provider is
    // listed, signed and verified by name; the broken file is reported; a file added later is not
    // read (no file I/O after the first use).
    void sharedCatalogUsesTheUserFolderOnce()
    {
        QVERIFY(ProviderRegistry::names().contains("acme"));
        QCOMPARE(ProviderRegistry::names().last(), QStringLiteral("generic-hmac"));
        QCOMPARE(ProviderRegistry::problems().size(), 1);
        QVERIFY(
            ProviderRegistry::problems().first().path.endsWith("/hookbench/providers/broken.json"));
        QVERIFY(ProviderRegistry::problems().first().problem.contains("not valid JSON"));

        const auto acme = ProviderRegistry::find("acme");
        QVERIFY(acme);
        Signer::Options so;
        so.secret = "acme_s3cret";
        so.atS = 1763779200;
        so.id = "dlv_1";
        const Signer::Result r = Signer::sign(*acme, "{\"event\":\"paid\"}", so);
        QVERIFY2(!r.request.isEmpty(), qPrintable(r.error));
        QVERIFY(r.request.contains("X-Acme-Signature: sha512="));
        QVERIFY(r.request.contains("X-Acme-Event: ping"));
        const ParsedRequest parsed = RequestFramer::parse(r.request);
        QCOMPARE(ProviderRegistry::detect(parsed), QStringList{"acme"});
        VerifyOptions vo;
        vo.provider = "auto";
        vo.secrets = {"acme_s3cret"};
        vo.atS = so.atS + 5;
        const Verdict ok = Verifier::verify(r.request, parsed, vo);
        QVERIFY2(ok.valid, qPrintable(QJsonDocument(ok.toJson()).toJson()));
        QCOMPARE(ok.provider, QStringLiteral("acme"));
        QCOMPARE(ok.signedContent, QByteArray("dlv_1:1763779200:{\"event\":\"paid\"}"));
        vo.atS = so.atS + 121;
        QCOMPARE(Verifier::verify(r.request, parsed, vo).reasonCode(),
                 QStringLiteral("timestamp_outside_tolerance"));
        // The prefix the file declares is what the diagnosis puts back.
        vo.atS = so.atS;
        vo.secrets = {"s3cret"};
        const Verdict v = Verifier::verify(r.request, parsed, vo);
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        QCOMPARE(v.hazards.size(), 1);
        QCOMPARE(v.hazards.first().transform, QStringLiteral("add_prefix"));

        writeFile(m_config.path() + "/hookbench/providers/later.json",
                  QByteArray(AcmeFile).replace("\"acme\"", "\"later\""));
        QVERIFY(!ProviderRegistry::names().contains("later"));
        QCOMPARE(&ProviderCatalog::shared(), &ProviderCatalog::shared());
    }
};

QTEST_GUILESS_MAIN(TestProviderFiles)
#include "tst_providerfiles.moc"
