// Verifier, diagnosis and signer: published vectors, every reason and hazard code on a request
// that has it (and not on one that does not), the verdict JSON shape, sign -> verify round trips.
#include "core/http/RequestFramer.h"
#include "core/verify/AsymmetricKey.h"
#include "core/verify/BodyVariants.h"
#include "core/verify/Diagnosis.h"
#include "core/verify/JsonReformatter.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/SignatureEvidence.h"
#include "core/verify/Signer.h"
#include "core/verify/Verifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <ctime>

namespace {

const QByteArray StripeSecret = "whsec_test_secret_1234567890";
const QByteArray SvixSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const qint64 T = 1763779200;

QByteArray request(const QList<QByteArray> &headers, const QByteArray &body,
                   const QByteArray &target = "/hook", const QByteArray &host = "example.com")
{
    QByteArray r = "POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const QByteArray &h : headers)
        r += h + "\r\n";
    return r + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

Verdict verifyRaw(const QByteArray &raw, const VerifyOptions &o)
{
    const ParsedRequest parsed = RequestFramer::parse(raw);
    return Verifier::verify(raw, parsed, o);
}

VerifyOptions options(const QString &provider, const QList<QByteArray> &secrets, qint64 at = T)
{
    VerifyOptions o;
    o.provider = provider;
    o.secrets = secrets;
    o.atS = at;
    return o;
}

QByteArray sign(const QString &provider, const QByteArray &secret, const QByteArray &body,
                qint64 at = T, Signer::Break b = Signer::Break::None, const QString &url = {})
{
    const auto scheme = ProviderRegistry::find(provider);
    Q_ASSERT(scheme);
    Signer::Options o;
    o.secret = secret;
    o.atS = at;
    o.breakMode = b;
    o.url = url;
    o.id = "delivery-1";
    return Signer::sign(*scheme, body, o).request;
}

QByteArray stripeHeader(const QByteArray &secret, qint64 t, const QByteArray &body)
{
    return "Stripe-Signature: t=" + QByteArray::number(t) + ",v1=" +
           QMessageAuthenticationCode::hash(QByteArray::number(t) + "." + body, secret,
                                            QCryptographicHash::Sha256)
               .toHex();
}

const Verdict::SkippedCheck *findSkipped(const Verdict &v, const QString &check,
                                         const QString &reason)
{
    for (const Verdict::SkippedCheck &s : v.skippedChecks) {
        if (s.check == check && s.reason == reason)
            return &s;
    }
    return nullptr;
}

QStringList codes(const Verdict &v)
{
    QStringList out;
    for (const Hazard &h : v.hazards)
        out.append(h.code + (h.transform.isEmpty() ? QString() : ':' + h.transform));
    return out;
}

const Hazard *find(const Verdict &v, const QString &code)
{
    for (const Hazard &h : v.hazards) {
        if (h.code == code)
            return &h;
    }
    return nullptr;
}

} // namespace

class TestVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void githubDocsVector()
    {
        const QByteArray raw =
            request({"X-Hub-Signature-256: "
                     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"},
                    "Hello, World!");
        const Verdict v = verifyRaw(raw, options("github", {"It's a Secret to Everybody"}));
        QCOMPARE(v.reasonCode(), QStringLiteral("ok"));
        QVERIFY(v.valid);
        QCOMPARE(v.matchedSecret, 0);
        QCOMPARE(
            v.expected,
            QStringLiteral("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));
        QVERIFY(v.hazards.isEmpty());
        // The header line and the body are located in the raw bytes for the GUI.
        QCOMPARE(raw.mid(v.signatureHeaderLine.offset, 19), QByteArray("X-Hub-Signature-256"));
        QCOMPARE(v.bodyRawSpans.size(), 1);
        QCOMPARE(raw.mid(v.bodyRawSpans.first().offset, v.bodyRawSpans.first().length),
                 QByteArray("Hello, World!"));
    }

    void standardWebhooksSpecVector_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QByteArray>("prefix");
        QTest::newRow("standard-webhooks") << "standard-webhooks" << QByteArray("webhook");
        QTest::newRow("svix svix-*") << "svix" << QByteArray("svix");
        QTest::newRow("svix webhook-*") << "svix" << QByteArray("webhook");
    }
    void standardWebhooksSpecVector()
    {
        QFETCH(QString, provider);
        QFETCH(QByteArray, prefix);
        const QByteArray raw = request(
            {prefix + "-id: msg_p5jXN8AQM9LWM0D4loKWxJek", prefix + "-timestamp: 1614265330",
             prefix + "-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="},
            "{\"test\": 2432232314}");
        const Verdict v = verifyRaw(raw, options(provider, {SvixSecret}, 1614265330));
        QCOMPARE(v.reasonCode(), QStringLiteral("ok"));
        QCOMPARE(v.expected, QStringLiteral("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        QCOMPARE(v.signedContent,
                 QByteArray("msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}"));
        QCOMPARE(v.bodyInSignedContent.offset, qint64(40));
        // Both ways: five minutes and one second early or late fails, with the secret known.
        QCOMPARE(verifyRaw(raw, options(provider, {SvixSecret}, 1614265330 + 301)).reasonCode(),
                 QStringLiteral("timestamp_outside_tolerance"));
        const Verdict early = verifyRaw(raw, options(provider, {SvixSecret}, 1614265330 - 301));
        QCOMPARE(early.reasonCode(), QStringLiteral("timestamp_outside_tolerance"));
        QCOMPARE(early.matchedSecret, 0);
        QVERIFY(find(early, "timestamp_in_future"));
        QCOMPARE(find(early, "timestamp_in_future")->skewS, qint64(301));
    }

    void reasons_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QList<QByteArray>>("secrets");
        QTest::addColumn<qint64>("at");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("matched");
        const QByteArray body = "{\"id\":\"evt_1\"}";
        const QByteArray good = stripeHeader(StripeSecret, T, body);
        QTest::newRow("missing header")
            << "stripe" << request({}, body) << QList<QByteArray>{StripeSecret} << T
            << "missing_signature_header" << -1;
        QTest::newRow("malformed list")
            << "stripe" << request({"Stripe-Signature: t=1,garbage"}, body)
            << QList<QByteArray>{StripeSecret} << T << "malformed_signature_header" << -1;
        QTest::newRow("malformed hex")
            << "stripe" << request({"Stripe-Signature: t=1,v1=zz"}, body)
            << QList<QByteArray>{StripeSecret} << T << "malformed_signature_header" << -1;
        QTest::newRow("wrong prefix")
            << "github" << request({"X-Hub-Signature-256: sha1=00"}, body)
            << QList<QByteArray>{StripeSecret} << T << "malformed_signature_header" << -1;
        QTest::newRow("bad base64")
            << "shopify" << request({"X-Shopify-Hmac-Sha256: @@@@"}, body)
            << QList<QByteArray>{StripeSecret} << T << "malformed_signature_header" << -1;
        QTest::newRow("missing timestamp")
            << "stripe" << request({"Stripe-Signature: v1=" + QByteArray(64, 'a')}, body)
            << QList<QByteArray>{StripeSecret} << T << "missing_timestamp" << -1;
        QTest::newRow("slack missing timestamp")
            << "slack" << request({"X-Slack-Signature: v0=" + QByteArray(64, 'a')}, body)
            << QList<QByteArray>{StripeSecret} << T << "missing_timestamp" << -1;
        QTest::newRow("no secret")
            << "stripe" << request({good}, body) << QList<QByteArray>{} << T << "no_secret" << -1;
        QTest::newRow("mismatch") << "stripe" << request({good}, body)
                                  << QList<QByteArray>{"whsec_other", "whsec_third"} << T
                                  << "signature_mismatch" << -1;
        QTest::newRow("too old") << "stripe" << request({good}, body)
                                 << QList<QByteArray>{StripeSecret} << T + 301
                                 << "timestamp_outside_tolerance" << 0;
        QTest::newRow("at tolerance") << "stripe" << request({good}, body)
                                      << QList<QByteArray>{StripeSecret} << T + 300 << "ok" << 0;
        QTest::newRow("stripe future is fine")
            << "stripe" << request({good}, body) << QList<QByteArray>{StripeSecret} << T - 1000
            << "ok" << 0;
        QTest::newRow("rotation: second secret")
            << "stripe" << request({good}, body) << QList<QByteArray>{"whsec_old", StripeSecret}
            << T << "ok" << 1;
        const QByteArray two = "Stripe-Signature: t=" + QByteArray::number(T) +
                               ",v1=" + QByteArray(64, 'b') + "," + good.mid(good.indexOf("v1="));
        QTest::newRow("several v1") << "stripe" << request({two}, body)
                                    << QList<QByteArray>{StripeSecret} << T << "ok" << 0;
        QTest::newRow("paddle 5 s")
            << "paddle" << sign("paddle", "pdl", body, T) << QList<QByteArray>{"pdl"} << T + 6
            << "timestamp_outside_tolerance" << 0;
        QTest::newRow("auto, nothing known")
            << "auto" << request({}, body) << QList<QByteArray>{"x"} << T
            << "missing_signature_header" << -1;
    }
    void reasons()
    {
        QFETCH(QString, provider);
        QFETCH(QByteArray, raw);
        QFETCH(QList<QByteArray>, secrets);
        QFETCH(qint64, at);
        QFETCH(QString, reason);
        QFETCH(int, matched);
        const Verdict v = verifyRaw(raw, options(provider, secrets, at));
        QCOMPARE(v.reasonCode(), reason);
        QCOMPARE(v.valid, reason == QLatin1String("ok"));
        QCOMPARE(v.matchedSecret, matched);
        QCOMPARE(v.toJson().value("reason").toString(), reason);
    }

    void testModeSignature()
    {
        const QByteArray body = "{}";
        const QByteArray raw = request({"Stripe-Signature: t=1,v0=" + QByteArray(64, 'c')}, body);
        const Verdict v = verifyRaw(raw, options("stripe", {StripeSecret}));
        QCOMPARE(v.reasonCode(), QStringLiteral("malformed_signature_header"));
        QVERIFY(find(v, "test_mode_signature"));
        // v1 next to v0 is not test mode.
        const Verdict both = verifyRaw(request({"Stripe-Signature: t=1,v1=" + QByteArray(64, 'd') +
                                                ",v0=" + QByteArray(64, 'c')},
                                               body),
                                       options("stripe", {StripeSecret}));
        QVERIFY(!find(both, "test_mode_signature"));
    }

    void wrongProvider()
    {
        const QByteArray raw = sign("github", "s", "{}");
        const Verdict v = verifyRaw(raw, options("stripe", {"s"}));
        QCOMPARE(v.reasonCode(), QStringLiteral("missing_signature_header"));
        QVERIFY(find(v, "wrong_provider"));
        QCOMPARE(find(v, "wrong_provider")->detected, QStringLiteral("github"));
        // A plain request without any provider's headers has no wrong_provider.
        QVERIFY(!find(verifyRaw(request({}, "{}"), options("stripe", {"s"})), "wrong_provider"));
        // Svix verifying Standard Webhooks headers is not a wrong provider.
        const QByteArray sw = sign("standard-webhooks", SvixSecret, "{}");
        QVERIFY(verifyRaw(sw, options("svix", {SvixSecret})).valid);
    }

    void secretHazards_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QByteArray>("signedWith"); // as the Signer takes it (key text)
        QTest::addColumn<QByteArray>("given");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("transform");
        QTest::newRow("trailing newline") << "stripe" << StripeSecret << StripeSecret + "\n"
                                          << "secret_whitespace"
                                          << "";
        QTest::newRow("leading space")
            << "github" << QByteArray("abc") << QByteArray(" abc") << "secret_whitespace"
            << "";
        QTest::newRow("whsec_ dropped")
            << "stripe" << StripeSecret << StripeSecret.mid(6) << "secret_format"
            << "add_prefix";
        QTest::newRow("whsec_ added")
            << "github" << QByteArray("abc") << QByteArray("whsec_abc") << "secret_format"
            << "strip_prefix";
        QTest::newRow("base64 key") << "github" << QByteArray("raw key bytes")
                                    << QByteArray("raw key bytes").toBase64() << "secret_format"
                                    << "base64_decode";
    }
    void secretHazards()
    {
        QFETCH(QString, provider);
        QFETCH(QByteArray, signedWith);
        QFETCH(QByteArray, given);
        QFETCH(QString, code);
        QFETCH(QString, transform);
        const QByteArray raw = sign(provider, signedWith, "{\"a\":1}");
        const Verdict v = verifyRaw(raw, options(provider, {"unrelated", given}));
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        const Hazard *h = find(v, code);
        QVERIFY(h);
        QCOMPARE(h->transform, transform);
        QCOMPARE(h->secretIndex, 1);
        QVERIFY(!h->detail.isEmpty() && !h->advice.isEmpty());
        // The right secret: no secret hazard at all.
        const Verdict ok = verifyRaw(raw, options(provider, {signedWith}));
        QVERIFY(ok.valid);
        QVERIFY(ok.hazards.isEmpty());
    }

    void secretUsedAsText()
    {
        // A sender that HMACs with the whsec_ text instead of the decoded key.
        auto scheme = *ProviderRegistry::find("standard-webhooks");
        scheme.secretFormat = ProviderScheme::SecretFormat::Text;
        Signer::Options o;
        o.secret = SvixSecret;
        o.atS = T;
        const QByteArray raw = Signer::sign(scheme, "{}", o).request;
        const Verdict v = verifyRaw(raw, options("standard-webhooks", {SvixSecret}));
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        QVERIFY(find(v, "secret_format"));
        QCOMPARE(find(v, "secret_format")->transform, QStringLiteral("use_as_text"));
    }

    void otherEndpoint()
    {
        const QByteArray raw = sign("stripe", "whsec_cli", "{}");
        VerifyOptions o = options("stripe", {"whsec_dashboard"});
        o.otherEndpointSecrets = {{"stripe-dashboard", "whsec_nope"}, {"stripe-cli", "whsec_cli"}};
        const Verdict v = verifyRaw(raw, o);
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        QVERIFY(find(v, "secret_of_other_endpoint"));
        QCOMPARE(find(v, "secret_of_other_endpoint")->endpoint, QStringLiteral("stripe-cli"));
        QCOMPARE(find(v, "secret_of_other_endpoint")->toJson().value("endpoint").toString(),
                 QStringLiteral("stripe-cli"));
        o.otherEndpointSecrets = {{"stripe-dashboard", "whsec_nope"}};
        QVERIFY(!find(verifyRaw(raw, o), "secret_of_other_endpoint"));
    }

    void bodyModified_data()
    {
        QTest::addColumn<QByteArray>("original");
        QTest::addColumn<QByteArray>("received");
        QTest::addColumn<QString>("transform");
        const QByteArray pretty = "{\n  \"id\": \"evt_1\",\n  \"data\": {\n    \"n\": [\n      "
                                  "1,\n      2\n    ],\n    \"e\": {}\n  }\n}";
        QTest::newRow("pretty -> compact")
            << pretty << QByteArray("{\"id\":\"evt_1\",\"data\":{\"n\":[1,2],\"e\":{}}}")
            << "json_reserialized";
        QTest::newRow("compact -> pretty 4")
            << QByteArray("{\"b\":1,\"a\":[true,null]}")
            << QByteArray("{\n    \"b\": 1,\n    \"a\": [\n        true,\n        null\n    ]\n}")
            << "json_reserialized";
        QTest::newRow("python spacing")
            << QByteArray("{\"b\":1,\"a\":2}") << QByteArray("{\"b\": 1, \"a\": 2}")
            << "json_reserialized";
        QTest::newRow("lf_to_crlf")
            << QByteArray("a=1\nb=2\n") << QByteArray("a=1\r\nb=2\r\n") << "lf_to_crlf";
        QTest::newRow("crlf_to_lf")
            << QByteArray("a=1\r\nb=2") << QByteArray("a=1\nb=2") << "crlf_to_lf";
        QTest::newRow("newline added")
            << QByteArray("{\"a\":1}") << QByteArray("{\"a\":1}\n") << "trailing_newline_added";
        QTest::newRow("newline removed")
            << QByteArray("{\"a\":1}\n") << QByteArray("{\"a\":1}") << "trailing_newline_removed";
        QTest::newRow("unicode escaped")
            << QByteArray("{\"n\":\"Zoë 😀\"}") << QByteArray("{\"n\":\"Zo\\u00eb \\ud83d\\ude00\"}")
            << "unicode_escaped";
        QTest::newRow("unicode unescaped") << QByteArray("{\"n\":\"Zo\\u00EB\"}")
                                           << QByteArray("{\"n\":\"Zoë\"}") << "unicode_unescaped";
        QTest::newRow("slashes escaped")
            << QByteArray("{\"u\":\"https://x/y\"}") << QByteArray("{\"u\":\"https:\\/\\/x\\/y\"}")
            << "slashes_escaped";
        QTest::newRow("mojibake") << QByteArray("{\"n\":\"Zoë\"}")
                                  << QString::fromLatin1(QByteArray("{\"n\":\"Zoë\"}")).toUtf8()
                                  << "latin1_mojibake";
        QTest::newRow("bom") << QByteArray("{\"a\":1}") << QByteArray("\xEF\xBB\xBF{\"a\":1}")
                             << "bom_added";
        QTest::newRow("trimmed") << QByteArray("\n{\"a\":1}\n") << QByteArray("{\"a\":1}")
                                 << "whitespace_trimmed";
    }
    void bodyModified()
    {
        QFETCH(QByteArray, original);
        QFETCH(QByteArray, received);
        QFETCH(QString, transform);
        const QByteArray header = stripeHeader(StripeSecret, T, original);
        const Verdict v =
            verifyRaw(request({header}, received), options("stripe", {"whsec_x", StripeSecret}));
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        const Hazard *h = find(v, "body_modified");
        QVERIFY2(h, qPrintable(QJsonDocument(v.toJson()).toJson()));
        QCOMPARE(h->transform, transform);
        QCOMPARE(h->secretIndex, 1);
        QCOMPARE(h->toJson().value("transform").toString(), transform);
        // Signed as received: valid, and no body hazard.
        const Verdict ok = verifyRaw(request({stripeHeader(StripeSecret, T, received)}, received),
                                     options("stripe", {StripeSecret}));
        QVERIFY(ok.valid);
        QVERIFY(!find(ok, "body_modified"));
    }

    // Two faults at once: a secret repair with a body transformation (each kind of secret
    // repair), and with a URL form. Both hazards are named, each combined_with the other; the
    // number of combinations tried is stated and bounded.
    void combinedFaults_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QByteArray>("signedWith");
        QTest::addColumn<QByteArray>("given");
        QTest::addColumn<QByteArray>("original");
        QTest::addColumn<QByteArray>("received");
        QTest::addColumn<QString>("secretCode");
        QTest::addColumn<QString>("secretTransform");
        QTest::addColumn<QString>("bodyTransform");
        const QByteArray pretty = "{\n  \"id\": \"evt_1\",\n  \"n\": [\n    1,\n    2\n  ]\n}";
        const QByteArray compact = "{\"id\":\"evt_1\",\"n\":[1,2]}";
        QTest::newRow("newline in secret + re-serialised JSON")
            << "stripe" << StripeSecret << StripeSecret + "\n"
            << pretty << compact << "secret_whitespace"
            << ""
            << "json_reserialized";
        QTest::newRow("whsec_ dropped + newline appended")
            << "stripe" << StripeSecret << StripeSecret.mid(6) << compact << compact + "\n"
            << "secret_format"
            << "add_prefix"
            << "trailing_newline_added";
        QTest::newRow("whsec_ added + CRLF")
            << "github" << QByteArray("abc") << QByteArray("whsec_abc") << QByteArray("a=1\nb=2\n")
            << QByteArray("a=1\r\nb=2\r\n") << "secret_format"
            << "strip_prefix"
            << "lf_to_crlf";
        QTest::newRow("base64 key + unicode escaped")
            << "github" << QByteArray("raw key bytes") << QByteArray("raw key bytes").toBase64()
            << QByteArray("{\"n\":\"Zoë\"}") << QByteArray("{\"n\":\"Zo\\u00eb\"}")
            << "secret_format"
            << "base64_decode"
            << "unicode_escaped";
    }
    void combinedFaults()
    {
        QFETCH(QString, provider);
        QFETCH(QByteArray, signedWith);
        QFETCH(QByteArray, given);
        QFETCH(QByteArray, original);
        QFETCH(QByteArray, received);
        QFETCH(QString, secretCode);
        QFETCH(QString, secretTransform);
        QFETCH(QString, bodyTransform);
        const QByteArray signedRaw = sign(provider, signedWith, original);
        const qsizetype split = signedRaw.indexOf("\r\n\r\n") + 4;
        QByteArray raw = signedRaw.left(split);
        raw.replace(QByteArray("Content-Length: " + QByteArray::number(original.size())),
                    QByteArray("Content-Length: " + QByteArray::number(received.size())));
        raw += received;
        const Verdict v = verifyRaw(raw, options(provider, {"unrelated", given}));
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        const QString json = QString::fromUtf8(QJsonDocument(v.toJson()).toJson());
        QCOMPARE(codes(v).size(), 2);
        const Hazard *secret = find(v, secretCode);
        const Hazard *body = find(v, "body_modified");
        QVERIFY2(secret && body, qPrintable(json));
        QCOMPARE(secret->transform, secretTransform);
        QCOMPARE(secret->secretIndex, 1);
        QCOMPARE(secret->combinedWith, QStringLiteral("body_modified"));
        QCOMPARE(body->transform, bodyTransform);
        QCOMPARE(body->secretIndex, 1);
        QCOMPARE(body->combinedWith, secretCode);
        QCOMPARE(body->toJson().value("combined_with").toString(), secretCode);
        QVERIFY(secret->detail.contains("neither change alone"));
        // Stated and bounded: at most every combined repair with every transformation.
        const int tried = v.toJson().value("tried").toObject().value("combinations").toInt();
        QVERIFY(tried >= 1);
        QVERIFY(tried <= Diagnosis::MaxCombinedRepairs * BodyVariants::transforms().size());
        QVERIFY(v.search.remaining.isEmpty());

        // One fault alone: named alone, never as a combination.
        const Verdict single = verifyRaw(raw, options(provider, {"unrelated", signedWith}));
        QCOMPARE(codes(single), QStringList{"body_modified:" + bodyTransform});
        QVERIFY(single.hazards.first().combinedWith.isEmpty());
        QVERIFY(single.search.remaining.isEmpty());
        const Verdict secretOnly = verifyRaw(signedRaw, options(provider, {"unrelated", given}));
        QCOMPARE(secretOnly.hazards.size(), 1);
        QCOMPARE(secretOnly.hazards.first().code, secretCode);
        QVERIFY(secretOnly.hazards.first().combinedWith.isEmpty());
    }

    void combinedUrlAndSecret()
    {
        // Square signed its https notification URL; the secret here has a trailing newline and
        // the request is checked against the http URL rebuilt from Host.
        const QByteArray raw = sign("square", "sq", "{\"event_id\":\"e\"}", T, Signer::Break::None,
                                    "https://example.com/hook");
        const Verdict v = verifyRaw(raw, options("square", {"sq\n"}));
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        QCOMPARE(codes(v), (QStringList{"secret_whitespace", "url_mismatch"}));
        QCOMPARE(find(v, "url_mismatch")->url, QStringLiteral("https://example.com/hook"));
        QCOMPARE(find(v, "url_mismatch")->combinedWith, QStringLiteral("secret_whitespace"));
        QCOMPARE(find(v, "secret_whitespace")->combinedWith, QStringLiteral("url_mismatch"));
        QVERIFY(v.search.combinations >= 1);
        QVERIFY(!v.search.urlVariants.isEmpty());
        // Only the URL wrong: url_mismatch alone.
        const Verdict single = verifyRaw(raw, options("square", {"sq"}));
        QCOMPARE(codes(single), QStringList{"url_mismatch"});
        QVERIFY(single.hazards.first().combinedWith.isEmpty());
    }

    // A miss nothing explains says what was ruled out and what is left.
    void missWithNoRepairIsExplained()
    {
        const QByteArray raw =
            sign("stripe", StripeSecret, "{\"amount\":100}", T, Signer::Break::TamperedBody);
        VerifyOptions o = options("stripe", {StripeSecret, "whsec_old\n"});
        o.otherEndpointSecrets = {{"cli", "whsec_cli"}};
        const Verdict v = verifyRaw(raw, o);
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        QVERIFY(v.hazards.isEmpty());
        const QJsonObject tried = v.toJson().value("tried").toObject();
        QCOMPARE(tried.value("secrets").toInt(), 2);
        QCOMPARE(tried.value("other_endpoint_secrets").toInt(), 1);
        QVERIFY(tried.value("secret_forms").toArray().contains(QJsonValue("trimmed")));
        QVERIFY(tried.value("body_transforms").toArray().size() >= 3);
        QVERIFY(tried.value("combinations").toInt() > 0);
        QVERIFY(tried.value("url_variants").toArray().isEmpty()); // Stripe does not sign the URL
        QStringList remaining;
        for (const QJsonValue &r : v.toJson().value("remaining").toArray())
            remaining.append(r.toObject().value("code").toString());
        QCOMPARE(remaining, (QStringList{"body_tampered", "secret_not_here"}));
        QVERIFY(v.humanReport().contains("left: "));

        // URL-signing schemes also leave a URL unlike the forms tried.
        const QByteArray sq = sign("square", "sq", "{\"event_id\":\"e\"}", T,
                                   Signer::Break::TamperedBody, "https://example.com/hook");
        const Verdict s = verifyRaw(sq, options("square", {"sq"}));
        QCOMPARE(s.search.remaining.size(), 3);
        QCOMPARE(s.search.remaining.last().code, QStringLiteral("url_unknown"));
        QVERIFY(!s.search.urlVariants.isEmpty());

        // Explained, or valid: nothing left.
        const Verdict explained = verifyRaw(sign("stripe", StripeSecret, "{\"amount\":100}"),
                                            options("stripe", {StripeSecret + "\n"}));
        QCOMPARE(codes(explained), QStringList{"secret_whitespace"});
        QVERIFY(explained.search.remaining.isEmpty());
        const Verdict ok =
            verifyRaw(sign("stripe", StripeSecret, "{}"), options("stripe", {StripeSecret}));
        QVERIFY(ok.valid);
        QVERIFY(ok.toJson().value("tried").isNull());
        QCOMPARE(ok.toJson().value("remaining").toArray().size(), 0);
    }

    void tamperedBodyHasNoExplanation()
    {
        const QByteArray raw =
            sign("stripe", StripeSecret, "{\"amount\":100}", T, Signer::Break::TamperedBody);
        const Verdict v = verifyRaw(raw, options("stripe", {StripeSecret}));
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        QVERIFY2(v.hazards.isEmpty(), qPrintable(QJsonDocument(v.toJson()).toJson()));
    }

    void urlMismatch()
    {
        // Square signs the notification URL it was configured with (https, public host).
        const QByteArray raw = sign("square", "sq", "{\"event_id\":\"e\"}", T, Signer::Break::None,
                                    "https://example.com/hook");
        const Verdict v = verifyRaw(raw, options("square", {"sq"}));
        QCOMPARE(v.reasonCode(), QStringLiteral("signature_mismatch"));
        QVERIFY(find(v, "url_mismatch"));
        QCOMPARE(find(v, "url_mismatch")->url, QStringLiteral("https://example.com/hook"));
        VerifyOptions o = options("square", {"sq"});
        o.url = "https://example.com/hook";
        const Verdict ok = verifyRaw(raw, o);
        QVERIFY(ok.valid);
        QVERIFY(!find(ok, "url_mismatch"));
        // Twilio's SDK accepts the URL with or without the default port.
        const QByteArray tw =
            sign("twilio", "tok", "{}", T, Signer::Break::None, "https://example.com:443/t");
        VerifyOptions to = options("twilio", {"tok"});
        to.url = "https://example.com/t?bodySHA256=" +
                 QCryptographicHash::hash("{}", QCryptographicHash::Sha256).toHex();
        QVERIFY(verifyRaw(tw, to).valid);
    }

    void facts()
    {
        const QByteArray body = "{\"id\":\"evt_dup\"}";
        const QByteArray raw = request({stripeHeader(StripeSecret, T + 60, body)}, body);
        VerifyOptions o = options("stripe", {StripeSecret});
        o.firstSeenDelivery = [](const QByteArray &id) { return id == "evt_dup" ? qint64(7) : 0; };
        const Verdict v = verifyRaw(raw, o);
        QVERIFY(v.valid);
        QVERIFY(find(v, "timestamp_in_future"));
        QCOMPARE(find(v, "timestamp_in_future")->skewS, qint64(60));
        QVERIFY(find(v, "duplicate_delivery"));
        QCOMPARE(find(v, "duplicate_delivery")->toJson().value("first_seen_id").toInt(), 7);
        o.firstSeenDelivery = [](const QByteArray &) { return qint64(0); };
        o.atS = T + 60;
        const Verdict clean = verifyRaw(raw, o);
        QVERIFY(clean.hazards.isEmpty());

        const QByteArray bad = "{\"a\":\"\xff\"}";
        const Verdict nu = verifyRaw(request({stripeHeader(StripeSecret, T, bad)}, bad),
                                     options("stripe", {StripeSecret}));
        QVERIFY(find(nu, "body_not_utf8"));
        QCOMPARE(find(nu, "body_not_utf8")->offset, qint64(6));
    }

    void jsonShape()
    {
        const Verdict v = verifyRaw(request({}, "{}"), options("stripe", {StripeSecret}));
        const QJsonObject j = v.toJson();
        QStringList keys = j.keys();
        keys.sort();
        // The CONTRACT keys, then the extensions: delivery_id, diagnosed, skipped_checks,
        // tried, remaining.
        QStringList expected{
            "valid",          "provider",       "reason",          "message",
            "matched_secret", "timestamp",      "timestamp_age_s", "signed_content_preview",
            "expected",       "received",       "hazards",         "delivery_id",
            "diagnosed",      "skipped_checks", "tried",           "remaining"};
        expected.sort();
        QCOMPARE(keys, expected);
        QVERIFY(j.value("matched_secret").isNull());
        QVERIFY(j.value("timestamp").isNull());
        QVERIFY(j.value("expected").isNull());
        QVERIFY(j.value("received").isArray());
        QCOMPARE(j.value("valid").toBool(), false);
        QVERIFY(j.value("delivery_id").isNull());
        QCOMPARE(j.value("diagnosed").toBool(), true);
        QCOMPARE(j.value("skipped_checks").toArray().size(), 0);
        // No signature to compare: nothing tried, nothing left to explain.
        QVERIFY(j.value("tried").isNull());
        QCOMPARE(j.value("remaining").toArray().size(), 0);

        const QByteArray body = QByteArray("{\"id\":\"evt_") + QByteArray(200, 'x') + "\"}";
        const Verdict m = verifyRaw(request({stripeHeader(StripeSecret, T, body)}, body),
                                    options("stripe", {"whsec_a", "whsec_b"}, T + 4));
        const QJsonObject mj = m.toJson();
        QCOMPARE(mj.value("timestamp").toInteger(), T);
        QCOMPARE(mj.value("timestamp_age_s").toInteger(), qint64(4));
        QVERIFY(mj.value("signed_content_preview")
                    .toString()
                    .startsWith(QString::number(T) + ".{\"id\":\"evt_"));
        QVERIFY(mj.value("signed_content_preview").toString().endsWith(QChar(0x2026)));
        QCOMPARE(mj.value("received").toArray().size(), 1);
        QCOMPARE(mj.value("expected").toString().size(), 64);
        QVERIFY(mj.value("message").toString().contains("2 secret"));
        QCOMPARE(mj.value("tried").toObject().value("secrets").toInt(), 2);
        QCOMPARE(mj.value("remaining").toArray().size(), 2);
    }

    void roundTrips_data()
    {
        QTest::addColumn<QString>("provider");
        for (const QString &p : ProviderRegistry::names()) {
            if (p != QLatin1String("generic-hmac"))
                QTest::newRow(qPrintable(p)) << p;
        }
    }
    void roundTrips()
    {
        QFETCH(QString, provider);
        const auto scheme = *ProviderRegistry::find(provider);
        QByteArray secret = scheme.secretFormat == ProviderScheme::SecretFormat::WhsecBase64
                                ? SvixSecret
                            : scheme.secretFormat == ProviderScheme::SecretFormat::Base64
                                ? QByteArray("YS1zZWNyZXQtb2YtYWlydGFibGU=")
                                : QByteArray("a-secret");
        QByteArray verifyKey = secret;
        AsymmetricKey pair;
        if (provider == QLatin1String("discord") || provider == QLatin1String("sendgrid")) {
            pair = AsymmetricKey::generate(provider == QLatin1String("discord")
                                               ? AsymmetricKey::Type::Ed25519
                                               : AsymmetricKey::Type::EcdsaP256Sha256);
            secret = pair.privateKeyText();
            verifyKey = pair.publicKeyText();
        }
        // Linear's timestamp last, so the tampering (mid-body) leaves it readable
        const QByteArray body = "{\"id\":\"evt_1\",\"event_id\":\"e1\",\"text\":\"Zoë\","
                                "\"webhookTimestamp\":" +
                                QByteArray::number(T * 1000) + "}";
        Signer::Options so;
        so.secret = secret;
        so.atS = T;
        so.url = "https://hooks.example.com/in?x=1";
        const Signer::Result r = Signer::sign(scheme, body, so);
        QVERIFY2(!r.request.isEmpty(), qPrintable(r.error));
        VerifyOptions vo = options(provider, {verifyKey}, T + 1);
        vo.url = scheme.content == ProviderScheme::Content::TwilioForm ? QString() : so.url;
        if (scheme.content == ProviderScheme::Content::TwilioForm) {
            const ParsedRequest p = RequestFramer::parse(r.request);
            vo.url = QStringLiteral("https://hooks.example.com") + QString::fromLatin1(p.target);
        }
        const Verdict ok = verifyRaw(r.request, vo);
        QVERIFY2(ok.valid, qPrintable(QJsonDocument(ok.toJson()).toJson()));
        QVERIFY(ok.hazards.isEmpty());

        so.breakMode = Signer::Break::WrongSecret;
        QCOMPARE(verifyRaw(Signer::sign(scheme, body, so).request, vo).reasonCode(),
                 QStringLiteral("signature_mismatch"));
        so.breakMode = Signer::Break::TamperedBody;
        // GitLab's token signs nothing, Atlassian Connect's JWT signs the request but not the
        // body: a changed body still passes.
        if (scheme.isToken() || (scheme.isJws() && scheme.jwsBodyHashClaim.isEmpty()))
            QVERIFY(verifyRaw(Signer::sign(scheme, body, so).request, vo).valid);
        else if (scheme.content !=
                 ProviderScheme::Content::MailgunBody) // Mailgun does not sign the body
            QCOMPARE(verifyRaw(Signer::sign(scheme, body, so).request, vo).reasonCode(),
                     QStringLiteral("signature_mismatch"));
        if (scheme.content != ProviderScheme::Content::MailgunBody) {
            so.breakMode = Signer::Break::MissingHeader;
            QCOMPARE(verifyRaw(Signer::sign(scheme, body, so).request, vo).reasonCode(),
                     QStringLiteral("missing_signature_header"));
        }
        if (scheme.toleranceS > 0 && scheme.timestampBodyField.isEmpty()) {
            so.breakMode = Signer::Break::StaleTimestamp;
            QCOMPARE(verifyRaw(Signer::sign(scheme, body, so).request, vo).reasonCode(),
                     QStringLiteral("timestamp_outside_tolerance"));
        }
    }

    void genericHmac()
    {
        const QJsonObject d{{"header", "x-hmac"},
                            {"algorithm", "sha512"},
                            {"encoding", "base64"},
                            {"prefix", "sig="},
                            {"template", "{method} {url} {timestamp}:{body}"},
                            {"timestamp_header", "x-ts"}};
        QString error;
        const auto scheme = ProviderRegistry::genericScheme(d, &error);
        QVERIFY2(scheme, qPrintable(error));
        const QByteArray content = "POST http://example.com/hook 42:{}";
        const QByteArray sig =
            QMessageAuthenticationCode::hash(content, "k", QCryptographicHash::Sha512).toBase64();
        VerifyOptions o = options("generic-hmac", {"k"});
        o.scheme = d;
        const Verdict v = verifyRaw(request({"x-hmac: sig=" + sig, "x-ts: 42"}, "{}"), o);
        QVERIFY2(v.valid, qPrintable(v.message));
        QCOMPARE(v.signedContent, content);
        QVERIFY(!ProviderRegistry::genericScheme({{"header", "h"}, {"algorithm", "md5"}}, &error));
        QVERIFY(!ProviderRegistry::genericScheme({{"template", "{timestamp}"}, {"header", "h"}},
                                                 &error));
    }

    void detect()
    {
        QCOMPARE(ProviderRegistry::detect(RequestFramer::parse(sign("svix", SvixSecret, "{}"))),
                 QStringList{"svix"});
        QCOMPARE(ProviderRegistry::detect(
                     RequestFramer::parse(sign("standard-webhooks", SvixSecret, "{}"))),
                 QStringList{"standard-webhooks"});
        QCOMPARE(ProviderRegistry::detect(RequestFramer::parse(sign("shopify", "s", "{}"))),
                 QStringList{"shopify"});
        QVERIFY(ProviderRegistry::detect(RequestFramer::parse(request({}, "{}"))).isEmpty());
    }

    // Issue 12: 40,000 nested arrays (80 KB) with a wrong signature took 31 s and 9.4 GB, the
    // indented re-layouts growing with the square of the depth. The re-serialisation checks
    // stop at the depth limit and the verdict says so; everything else is still diagnosed.
    void deeplyNestedJsonIsBounded()
    {
        const QByteArray body = QByteArray(40000, '[') + QByteArray(40000, ']');
        const QByteArray raw = request({stripeHeader("whsec_other", T, body)}, body);
        const Verdict v = verifyRaw(raw, options("stripe", {StripeSecret, StripeSecret + '\n'}));
        QCOMPARE(v.reason, Verdict::Reason::SignatureMismatch);
        QVERIFY(v.diagnosed);
        const Verdict::SkippedCheck *s = findSkipped(v, "body_modified", "json_depth");
        QVERIFY(s);
        QCOMPARE(s->transform, QString("json_reserialized"));
        QCOMPARE(s->detail, QString("JSON nested deeper than 1024 levels: re-serialisation "
                                    "checks skipped"));
        const QJsonArray json = v.toJson().value("skipped_checks").toArray();
        QVERIFY2(json.size() == 1, QJsonDocument(json).toJson().constData());
        QCOMPARE(json.first().toObject().value("reason").toString(), QString("json_depth"));
        QVERIFY(v.humanReport().contains("note: JSON nested deeper than 1024 levels"));

        // The work done on it: every candidate together is a few times the body, not gigabytes.
        BodyVariants::Report report;
        const QList<BodyVariants::Variant> variants = BodyVariants::inverses(body, &report);
        QCOMPARE(report.skipped.size(), 1);
        QCOMPARE(report.skipped.first().reason, QString("json_depth"));
        QVERIFY2(report.candidateBytes <= 8 * body.size(),
                 qPrintable(QString::number(report.candidateBytes)));
        for (const BodyVariants::Variant &variant : variants)
            QVERIFY(variant.transform != QLatin1String("json_reserialized"));

        // Hazards on such a body are still found: the trailing newline.
        const QByteArray sent = body + '\n';
        const Verdict nl = verifyRaw(request({stripeHeader(StripeSecret, T, body)}, sent),
                                     options("stripe", {StripeSecret}));
        QVERIFY(find(nl, "body_modified"));
        QCOMPARE(find(nl, "body_modified")->transform, QString("trailing_newline_added"));
    }

    void reformatterDepthAndSizeLimits()
    {
        const int limit = JsonReformatter::MaxDepth;
        const QByteArray atLimit = QByteArray(limit, '[') + QByteArray(limit, ']');
        QByteArray out;
        QCOMPARE(JsonReformatter::layout(atLimit, JsonReformatter::Style::Indent2, &out, -1),
                 JsonReformatter::Outcome::Done);
        // Indent2: the innermost "[]", and per outer level d its bracket, a line break and 2d
        // spaces after it, a line break and 2(d - 1) spaces before its closing: 2 n^2 in all.
        QCOMPARE(out.size(), qsizetype(2) * limit * limit);
        const QByteArray deeper = '[' + atLimit + ']';
        out = "untouched";
        QCOMPARE(JsonReformatter::layout(deeper, JsonReformatter::Style::Compact, &out, -1),
                 JsonReformatter::Outcome::TooDeep);
        QCOMPARE(out, QByteArray("untouched"));
        QVERIFY(!JsonReformatter::reformat(deeper, JsonReformatter::Style::Compact, &out));
        QCOMPARE(JsonReformatter::layout("{\"a\": [1, 2, 3]}", JsonReformatter::Style::Indent4,
                                         &out, 10),
                 JsonReformatter::Outcome::TooLarge);

        // Deep (under the limit) and wide: indenting would make it ~500 times larger. The
        // indented forms are skipped and said so; the compact and spaced ones are still tried.
        QByteArray wide = QByteArray(limit - 1, '[');
        for (int i = 0; i < 2000; ++i)
            wide += "1,";
        wide += '1' + QByteArray(limit - 1, ']');
        BodyVariants::Report report;
        const QList<BodyVariants::Variant> variants = BodyVariants::inverses(wide, &report);
        QCOMPARE(report.skipped.size(), 1);
        QCOMPARE(report.skipped.first().reason, QString("json_growth"));
        QVERIFY(report.candidateBytes <= 16 * wide.size());
        int json = 0;
        for (const BodyVariants::Variant &variant : variants)
            json += variant.transform == QLatin1String("json_reserialized") ? 1 : 0;
        QCOMPARE(json, 1); // spaced; compact equals the body
    }

    // Issue 7: a large failing body gets only the checks that read it once per secret.
    void largeBodyGetsTheCheapChecks()
    {
        const QByteArray body = "{\"id\":\"evt_big\",\"pad\":\"" + QByteArray(4000, 'x') + "\"}";
        const QByteArray sent = body + '\n'; // trailing_newline_added, if it were looked for
        const QByteArray raw = request({stripeHeader(StripeSecret, T, body)}, sent);
        VerifyOptions o = options("stripe", {StripeSecret + '\n', StripeSecret});
        o.otherEndpointSecrets = {{"cli", "whsec_cli"}};
        const Verdict full = verifyRaw(raw, o);
        QCOMPARE(full.reason, Verdict::Reason::SignatureMismatch);
        QVERIFY(full.skippedChecks.isEmpty());
        QVERIFY(find(full, "body_modified"));

        o.diagnosisBodyLimit = 1000;
        const Verdict limited = verifyRaw(raw, o);
        QCOMPARE(limited.reason, Verdict::Reason::SignatureMismatch);
        QCOMPARE(limited.expected, full.expected);
        QVERIFY(!find(limited, "body_modified"));
        const Verdict::SkippedCheck *s = findSkipped(limited, "body_modified", "body_size");
        QVERIFY(s);
        QVERIFY2(s->detail.contains("over the diagnosis limit") &&
                     s->detail.contains("body transformation checks skipped"),
                 qPrintable(s->detail));
        QVERIFY(!findSkipped(limited, "url_mismatch", "body_size")); // Stripe signs no URL
        QCOMPARE(limited.skippedChecks.size(), 1);
        QCOMPARE(limited.toJson().value("skipped_checks").toArray().size(), 1);

        // The secret forms and other endpoints' secrets still run on the large body.
        const QByteArray intact = request({stripeHeader(StripeSecret, T, sent)}, sent);
        o.secrets = {StripeSecret + '\n'};
        const Verdict ws = verifyRaw(intact, o);
        QVERIFY(find(ws, "secret_whitespace"));
        QVERIFY(findSkipped(ws, "body_modified", "body_size"));
        o.secrets = {"whsec_x"};
        o.otherEndpointSecrets = {{"cli", StripeSecret}};
        const Verdict other = verifyRaw(intact, o);
        QVERIFY(find(other, "secret_of_other_endpoint"));
        QCOMPARE(find(other, "secret_of_other_endpoint")->endpoint, QString("cli"));

        // A URL-signing scheme lists the URL forms as skipped too.
        const QByteArray sq = sign("square", "sq_secret", QByteArray(2000, 'a'), T,
                                   Signer::Break::None, "https://example.com/hook");
        VerifyOptions so = options("square", {"sq_other"});
        so.diagnosisBodyLimit = 1000;
        const Verdict square = verifyRaw(sq, so);
        QCOMPARE(square.reason, Verdict::Reason::SignatureMismatch);
        QVERIFY(findSkipped(square, "url_mismatch", "body_size"));
        QVERIFY(findSkipped(square, "body_modified", "body_size"));
        // No limit at all.
        so.diagnosisBodyLimit = -1;
        QVERIFY(verifyRaw(sq, so).skippedChecks.isEmpty());
    }

    // The pipeline's two steps: the fast verdict on the commit path (with the delivery id and
    // the duplicate fact), the diagnosis later; together the same verdict as one call.
    void fastVerdictThenDiagnosis()
    {
        const QByteArray body = "{\"id\":\"evt_dup\",\"object\":\"event\"}";
        const QByteArray sent = body + '\n';
        const QByteArray raw = request({stripeHeader(StripeSecret, T + 60, body)}, sent);
        const ParsedRequest parsed = RequestFramer::parse(raw);
        int lookups = 0;
        VerifyOptions o = options("stripe", {"whsec_a", StripeSecret});
        o.firstSeenDelivery = [&lookups](const QByteArray &id) {
            ++lookups;
            return id == "evt_dup" ? qint64(7) : 0;
        };
        o.diagnose = false;
        Verdict v = Verifier::verify(raw, parsed, o);
        QCOMPARE(lookups, 1);
        QCOMPARE(v.reason, Verdict::Reason::SignatureMismatch);
        QCOMPARE(v.deliveryId, QByteArray("evt_dup"));
        QCOMPARE(v.firstSeenId, qint64(7));
        QCOMPARE(codes(v), QStringList{"duplicate_delivery"});
        QVERIFY(!v.diagnosed);
        QCOMPARE(v.toJson().value("diagnosed").toBool(), false);
        QCOMPARE(v.toJson().value("delivery_id").toString(), QString("evt_dup"));
        QVERIFY(!v.expected.isEmpty());

        Verifier::diagnose(raw, parsed, o, v);
        QCOMPARE(lookups, 1); // the stored capture would find itself now: not asked again
        QVERIFY(v.diagnosed);
        QCOMPARE(codes(v), (QStringList{"body_modified:trailing_newline_added",
                                        "timestamp_in_future", "duplicate_delivery"}));
        QCOMPARE(v.hazards.at(0).secretIndex, 1);
        Verifier::diagnose(raw, parsed, o, v); // once only
        QCOMPARE(v.hazards.size(), 3);

        o.diagnose = true;
        const Verdict once = Verifier::verify(raw, parsed, o);
        QCOMPARE(lookups, 2);
        QCOMPARE(once.toJson(), v.toJson());

        // A delivery id from a header (GitHub), with no earlier capture; and none at all.
        const QByteArray gh = sign("github", "s", "{}");
        VerifyOptions go = options("github", {"s"});
        go.diagnose = false;
        go.firstSeenDelivery = [](const QByteArray &) { return qint64(0); };
        const Verdict g = Verifier::verify(gh, RequestFramer::parse(gh), go);
        QVERIFY(g.valid);
        QCOMPARE(g.deliveryId, QByteArray("delivery-1"));
        QVERIFY(g.hazards.isEmpty());
        const Verdict none = verifyRaw(request({}, "{}"), options("stripe", {StripeSecret}));
        QVERIFY(none.deliveryId.isEmpty());
        QVERIFY(none.toJson().value("delivery_id").isNull());

        // No provider found under "auto": the diagnosis still runs on the fast verdict.
        VerifyOptions ao = options("auto", {StripeSecret});
        ao.diagnose = false;
        const QByteArray bad = request({}, "{\"a\":\"\xff\"}");
        Verdict a = Verifier::verify(bad, RequestFramer::parse(bad), ao);
        QVERIFY(a.hazards.isEmpty());
        Verifier::diagnose(bad, RequestFramer::parse(bad), ao, a);
        QCOMPARE(codes(a), QStringList{"body_not_utf8"});
    }

    // Issue 7: an RFC 3339 time without an offset is UTC, whatever the host's zone.
    void rfc3339WithoutOffsetIsUtc()
    {
        const QByteArray oldTz = qgetenv("TZ");
        qputenv("TZ", "Asia/Kolkata");
        tzset();
        QCOMPARE(QDateTime(QDate(2025, 11, 22), QTime(3, 20)).offsetFromUtc(), 19800);
        const auto unit = ProviderScheme::TimestampUnit::Rfc3339;
        const qint64 utc = QDateTime(QDate(2025, 11, 22), QTime(3, 20), Qt::UTC).toSecsSinceEpoch();
        qint64 s = 0;
        QVERIFY(SignatureEvidence::parseTimestamp(unit, "2025-11-22T03:20:00", &s));
        QCOMPARE(s, utc);
        QVERIFY(SignatureEvidence::parseTimestamp(unit, "2025-11-22T03:20:00.123456789", &s));
        QCOMPARE(s, utc);
        QVERIFY(SignatureEvidence::parseTimestamp(unit, "2025-11-22T03:20:00Z", &s));
        QCOMPARE(s, utc);
        QVERIFY(SignatureEvidence::parseTimestamp(unit, "2025-11-22T08:50:00+05:30", &s));
        QCOMPARE(s, utc);
        QVERIFY(SignatureEvidence::parseTimestamp(unit, "2025-11-21T22:20:00-05:00", &s));
        QCOMPARE(s, utc);
        QVERIFY(!SignatureEvidence::parseTimestamp(unit, "yesterday", &s));
        if (oldTz.isNull())
            qunsetenv("TZ");
        else
            qputenv("TZ", oldTz);
        tzset();
    }

    void reformatterKeepsTokens()
    {
        QByteArray out;
        QVERIFY(JsonReformatter::reformat("{ \"b\" : 1.50e3 , \"a\":\"x\\\" ,y\" }",
                                          JsonReformatter::Style::Compact, &out));
        QCOMPARE(out, QByteArray("{\"b\":1.50e3,\"a\":\"x\\\" ,y\"}"));
        QVERIFY(!JsonReformatter::reformat("{\"a\":1", JsonReformatter::Style::Compact, &out));
        QVERIFY(!JsonReformatter::reformat("plain", JsonReformatter::Style::Compact, &out));
    }
};

QTEST_GUILESS_MAIN(TestVerifier)
#include "tst_verifier.moc"
