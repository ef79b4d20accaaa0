// JWT-signed deliveries: Netlify (JWS over the body's hash) and Atlassian Connect (JWT with a
// query string hash and exp/iat). Tokens are also made here by hand (HMAC and base64url, not
// through JwsToken) so the verifier is checked against an independent signer.
#include "core/http/RequestFramer.h"
#include "core/verify/JwsClaimCheck.h"
#include "core/verify/JwsToken.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/Signer.h"
#include "core/verify/Verifier.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QtTest>

namespace {

const QByteArray Secret = "netlify-jws-secret";
const QByteArray Shared = "atlassian-shared-secret-0123456789";
const QByteArray Body = "{\"id\":\"5f1\",\"state\":\"ready\",\"name\":\"site\"}";
const qint64 T = 1763779200;

QByteArray b64url(const QByteArray &b)
{
    return b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// An independent HS256 token (or any alg, with the given signature key; empty key: no signature).
QByteArray handToken(const QByteArray &headerJson, const QByteArray &claimsJson,
                     const QByteArray &key)
{
    const QByteArray input = b64url(headerJson) + '.' + b64url(claimsJson);
    if (key.isEmpty())
        return input + '.';
    return input + '.' +
           b64url(QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256));
}

QByteArray sha256Hex(const QByteArray &b)
{
    return QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex();
}

QByteArray request(const QByteArray &target, const QList<QByteArray> &headers,
                   const QByteArray &body)
{
    QByteArray r = "POST " + target + " HTTP/1.1\r\nHost: example.com\r\n";
    for (const QByteArray &h : headers)
        r += h + "\r\n";
    return r + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

Verdict verify(const QByteArray &raw, const QString &provider, const QByteArray &secret,
               qint64 at = T, const QString &url = {})
{
    VerifyOptions o;
    o.provider = provider;
    o.secrets = {secret};
    o.atS = at;
    o.url = url;
    return Verifier::verify(raw, RequestFramer::parse(raw), o);
}

QByteArray sign(const QString &provider, const QByteArray &secret, const QByteArray &body,
                Signer::Break b = Signer::Break::None, const QString &url = {})
{
    Signer::Options o;
    o.secret = secret;
    o.atS = T;
    o.breakMode = b;
    o.url = url;
    o.id = "delivery-1";
    const Signer::Result r = Signer::sign(*ProviderRegistry::find(provider), body, o);
    Q_ASSERT(r.error.isEmpty());
    return r.request;
}

QByteArray netlifyToken(const QByteArray &key, const QByteArray &body,
                        const QByteArray &iss = "netlify")
{
    return handToken("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                     "{\"iss\":\"" + iss + "\",\"sha256\":\"" + sha256Hex(body) + "\"}", key);
}

QByteArray atlassianToken(const QByteArray &key, const QByteArray &canonical, qint64 iat,
                          qint64 exp)
{
    return handToken("{\"typ\":\"JWT\",\"alg\":\"HS256\"}",
                     "{\"iss\":\"jira:1234\",\"iat\":" + QByteArray::number(iat) + ",\"exp\":" +
                         QByteArray::number(exp) + ",\"qsh\":\"" + sha256Hex(canonical) + "\"}",
                     key);
}

QStringList remainingCodes(const Verdict &v)
{
    QStringList out;
    for (const auto &r : v.search.remaining)
        out.append(r.code);
    return out;
}

} // namespace

class TestJwsDeliveries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void providersAreListed()
    {
        for (const char *name : {"netlify", "atlassian-connect", "jira"})
            QVERIFY2(ProviderRegistry::find(QString::fromLatin1(name)), name);
        QCOMPARE(ProviderRegistry::find(QStringLiteral("netlify"))->origin,
                 ProviderScheme::Origin::Code);
        QCOMPARE(ProviderRegistry::find(QStringLiteral("jira"))->origin,
                 ProviderScheme::Origin::BuiltInFile);
    }

    void netlifyHandMadeTokenVerifies()
    {
        const QByteArray raw =
            request("/hook", {"X-Webhook-Signature: " + netlifyToken(Secret, Body)}, Body);
        const Verdict v = verify(raw, QStringLiteral("netlify"), Secret);
        QVERIFY2(v.valid, qPrintable(v.message));
        QCOMPARE(v.reason, Verdict::Reason::Ok);
        QCOMPARE(v.matchedSecret, 0);
        QVERIFY(v.hazards.isEmpty());
    }

    void netlifySignRoundTrip()
    {
        const QByteArray raw = sign(QStringLiteral("netlify"), Secret, Body);
        QVERIFY(raw.contains("X-Webhook-Signature: ey"));
        const Verdict v = verify(raw, QStringLiteral("netlify"), Secret);
        QVERIFY2(v.valid, qPrintable(v.message));
        // The token is a plain HS256 JWT: its claims are iss and the body's hash.
        const ParsedRequest p = RequestFramer::parse(raw);
        const JwsToken t = JwsToken::parse(p.header("X-Webhook-Signature"));
        QVERIFY(t.ok);
        QCOMPARE(t.claims.value(QLatin1String("iss")).toString(), QStringLiteral("netlify"));
        QCOMPARE(t.claims.value(QLatin1String("sha256")).toString().toLatin1(), sha256Hex(Body));
    }

    void netlifyWrongSecret()
    {
        const QByteArray raw = sign(QStringLiteral("netlify"), Secret, Body);
        const Verdict v = verify(raw, QStringLiteral("netlify"), "another-secret");
        QCOMPARE(v.reason, Verdict::Reason::SignatureMismatch);
        QVERIFY2(v.message.contains(QLatin1String("verifies with none of the 1 secret")),
                 qPrintable(v.message));
        QVERIFY(remainingCodes(v).contains(QLatin1String("secret_not_here")));
        QVERIFY(!v.hasHazard(QStringLiteral("body_modified")));
    }

    void netlifySecretWithNewline()
    {
        const QByteArray raw = sign(QStringLiteral("netlify"), Secret, Body);
        const Verdict v = verify(raw, QStringLiteral("netlify"), Secret + "\n");
        QCOMPARE(v.reason, Verdict::Reason::SignatureMismatch);
        QVERIFY2(v.hasHazard(QStringLiteral("secret_whitespace")), qPrintable(v.message));
    }

    void netlifyTamperedBody()
    {
        const QByteArray raw =
            sign(QStringLiteral("netlify"), Secret, Body, Signer::Break::TamperedBody);
        const Verdict v = verify(raw, QStringLiteral("netlify"), Secret);
        QCOMPARE(v.reason, Verdict::Reason::SignatureMismatch);
        // The JWS itself verifies: the secret is right and the body is not what was hashed.
        QVERIFY2(v.message.contains(QLatin1String("The JWS verifies with secret #0, but the "
                                                  "body's SHA-256")),
                 qPrintable(v.message));
        const QStringList left = remainingCodes(v);
        QVERIFY(left.contains(QLatin1String("body_tampered")));
        QVERIFY(!left.contains(QLatin1String("secret_not_here")));
    }

    void netlifyReserialisedBodyIsNamed()
    {
        const QByteArray pretty = "{\n  \"id\": \"5f1\",\n  \"state\": \"ready\"\n}";
        const QByteArray compact = "{\"id\":\"5f1\",\"state\":\"ready\"}";
        const QByteArray raw =
            request("/hook", {"X-Webhook-Signature: " + netlifyToken(Secret, pretty)}, compact);
        const Verdict v = verify(raw, QStringLiteral("netlify"), Secret);
        QCOMPARE(v.reason, Verdict::Reason::SignatureMismatch);
        QVERIFY2(v.hasHazard(QStringLiteral("body_modified")), qPrintable(v.message));
    }

    void netlifyWrongIssuer()
    {
        const QByteArray raw = request(
            "/hook", {"X-Webhook-Signature: " + netlifyToken(Secret, Body, "vercel")}, Body);
        const Verdict v = verify(raw, QStringLiteral("netlify"), Secret);
        QCOMPARE(v.reason, Verdict::Reason::SignatureMismatch);
        QVERIFY2(v.message.contains(QLatin1String("iss is \"vercel\"")), qPrintable(v.message));
    }

    void refusedTokens_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("error");
        const QByteArray claims = "{\"iss\":\"netlify\",\"sha256\":\"" + sha256Hex(Body) + "\"}";
        QTest::newRow("alg none") << handToken("{\"alg\":\"none\"}", claims, {})
                                  << QStringLiteral("algorithm is 'none'; only HS256");
        // Signed with the secret, but a token claiming another algorithm is still refused.
        QTest::newRow("alg HS512") << handToken("{\"alg\":\"HS512\"}", claims, Secret)
                                   << QStringLiteral("algorithm is 'HS512'");
        QTest::newRow("alg RS256") << handToken("{\"alg\":\"RS256\"}", claims, Secret)
                                   << QStringLiteral("algorithm is 'RS256'");
        QTest::newRow("no alg") << handToken("{\"typ\":\"JWT\"}", claims, Secret)
                                << QStringLiteral("names no algorithm");
        QTest::newRow("hex, not a JWS") << sha256Hex(Body) << QStringLiteral("three dot-separated");
        QTest::newRow("two parts")
            << QByteArray("eyJhbGciOiJIUzI1NiJ9.e30") << QStringLiteral("three dot-separated");
        QTest::newRow("header not JSON")
            << QByteArray(b64url("nope") + ".e30." + b64url(QByteArray(32, 'x')))
            << QStringLiteral("header is not a JSON object");
        QTest::newRow("padded base64")
            << QByteArray(b64url("{\"alg\":\"HS256\"}") + ".e30=." + b64url(QByteArray(32, 'x')))
            << QStringLiteral("payload is not base64url");
        QTest::newRow("short signature")
            << QByteArray(b64url("{\"alg\":\"HS256\"}") + ".e30." + b64url("short"))
            << QStringLiteral("has 5 bytes, HS256 makes 32");
    }

    void refusedTokens()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, error);
        const QByteArray raw = request("/hook", {"X-Webhook-Signature: " + token}, Body);
        const Verdict v = verify(raw, QStringLiteral("netlify"), Secret);
        QVERIFY(!v.valid);
        QCOMPARE(v.reason, Verdict::Reason::MalformedSignatureHeader);
        QVERIFY2(v.message.contains(error), qPrintable(v.message));
    }

    void canonicalRequest()
    {
        // Method upper-cased, trailing slash dropped, '&' in the path escaped, jwt left out,
        // names sorted, repeated values sorted and joined by ',', RFC 3986 escapes.
        QCOMPARE(JwsClaimCheck::canonicalRequest("post", "/hook/a&b/",
                                                 "b=2&a=x+y&jwt=abc&a=1&c=%2A%21&d"),
                 QByteArray("POST&/hook/a%26b&a=1,x%20y&b=2&c=%2A%21&d="));
        QCOMPARE(JwsClaimCheck::canonicalRequest("GET", "", ""), QByteArray("GET&/&"));
        // No query: the canonical form still ends with '&'.
        QCOMPARE(JwsClaimCheck::canonicalRequest("GET", "/rest/api/2/project", ""),
                 QByteArray("GET&/rest/api/2/project&"));
    }

    void atlassianHandMadeTokenVerifies()
    {
        const QByteArray canonical = "POST&/hook&a=1&b=x%20y";
        const QByteArray raw =
            request("/hook?b=x%20y&a=1",
                    {"Authorization: JWT " + atlassianToken(Shared, canonical, T - 5, T + 175),
                     "X-Atlassian-Webhook-Identifier: 42"},
                    Body);
        const Verdict v = verify(raw, QStringLiteral("atlassian-connect"), Shared);
        QVERIFY2(v.valid, qPrintable(v.message));
        QCOMPARE(v.deliveryId, QByteArray("42"));
        QVERIFY(v.hasTimestamp);
        QCOMPARE(v.timestamp, T - 5);
    }

    void atlassianSignRoundTripAndAuto()
    {
        const QString url = QStringLiteral("http://localhost:8787/webhook?issue=PRJ-1&user=a%20b");
        const QByteArray raw =
            sign(QStringLiteral("atlassian-connect"), Shared, Body, Signer::Break::None, url);
        QVERIFY(raw.contains("Authorization: JWT ey"));
        Verdict v = verify(raw, QStringLiteral("atlassian-connect"), Shared, T + 1, url);
        QVERIFY2(v.valid, qPrintable(v.message));
        v = verify(raw, QStringLiteral("auto"), Shared, T + 1, url);
        QCOMPARE(v.provider, QStringLiteral("atlassian-connect"));
        QVERIFY2(v.valid, qPrintable(v.message));
        // The body is not signed by Atlassian's JWT: another body still verifies.
        QByteArray other = raw;
        other.replace("ready", "READY");
        QVERIFY(verify(other, QStringLiteral("atlassian-connect"), Shared, T + 1, url).valid);
    }

    void atlassianAppBasePath()
    {
        // The app's base URL is https://app.example/connect: Atlassian hashes /webhook.
        const QByteArray raw = sign(QStringLiteral("atlassian-connect"), Shared, Body,
                                    Signer::Break::None, QStringLiteral("http://h/webhook"));
        const Verdict v = verify(raw, QStringLiteral("atlassian-connect"), Shared, T,
                                 QStringLiteral("https://app.example/connect/webhook"));
        QVERIFY2(v.valid, qPrintable(v.message));
    }

    void atlassianQueryChanged()
    {
        const QByteArray raw = sign(QStringLiteral("atlassian-connect"), Shared, Body,
                                    Signer::Break::None, QStringLiteral("http://h/webhook?x=1"));
        const Verdict v = verify(raw, QStringLiteral("atlassian-connect"), Shared, T,
                                 QStringLiteral("http://h/webhook?x=2"));
        QCOMPARE(v.reason, Verdict::Reason::SignatureMismatch);
        QVERIFY2(v.message.contains(QLatin1String("verifies with secret #0, but the token's qsh")),
                 qPrintable(v.message));
        QVERIFY2(v.message.contains(QLatin1String("POST&/webhook&x=2")), qPrintable(v.message));
        QVERIFY(!remainingCodes(v).contains(QLatin1String("secret_not_here")));
        QVERIFY(!remainingCodes(v).contains(QLatin1String("body_tampered")));
    }

    void atlassianWrongSecret()
    {
        const QByteArray raw =
            sign(QStringLiteral("atlassian-connect"), Shared, Body, Signer::Break::WrongSecret);
        const Verdict v = verify(raw, QStringLiteral("atlassian-connect"), Shared);
        QCOMPARE(v.reason, Verdict::Reason::SignatureMismatch);
        QVERIFY(remainingCodes(v).contains(QLatin1String("secret_not_here")));
    }

    void atlassianExpired()
    {
        const QByteArray raw = sign(QStringLiteral("atlassian-connect"), Shared, Body);
        // exp is iat + 180: one second later it has expired.
        const Verdict late = verify(raw, QStringLiteral("atlassian-connect"), Shared,
                                    T + JwsClaimCheck::AtlassianLifetimeS + 1);
        QCOMPARE(late.reason, Verdict::Reason::TimestampOutsideTolerance);
        QCOMPARE(late.matchedSecret, 0);
        QVERIFY2(late.message.contains(QLatin1String("expired 1 s")), qPrintable(late.message));
        QVERIFY(verify(raw, QStringLiteral("atlassian-connect"), Shared,
                       T + JwsClaimCheck::AtlassianLifetimeS)
                    .valid);
        const QByteArray stale =
            sign(QStringLiteral("atlassian-connect"), Shared, Body, Signer::Break::StaleTimestamp);
        QCOMPARE(verify(stale, QStringLiteral("atlassian-connect"), Shared).reason,
                 Verdict::Reason::TimestampOutsideTolerance);
        // Issued too far in the future (iat beyond the tolerance both ways).
        const QByteArray canonical = "POST&/hook&";
        const QByteArray future = request(
            "/hook", {"Authorization: JWT " + atlassianToken(Shared, canonical, T + 600, T + 780)},
            Body);
        const Verdict f = verify(future, QStringLiteral("atlassian-connect"), Shared);
        QCOMPARE(f.reason, Verdict::Reason::TimestampOutsideTolerance);
        QVERIFY(f.hasHazard(QStringLiteral("timestamp_in_future")));
    }

    void atlassianAlgNoneRefused()
    {
        const QByteArray raw = request(
            "/hook",
            {"Authorization: JWT " +
             handToken("{\"alg\":\"none\"}",
                       "{\"qsh\":\"" + sha256Hex("POST&/hook&") + "\",\"exp\":9999999999}", {})},
            Body);
        const Verdict v = verify(raw, QStringLiteral("atlassian-connect"), Shared);
        QCOMPARE(v.reason, Verdict::Reason::MalformedSignatureHeader);
        QVERIFY(v.message.contains(QLatin1String("only HS256")));
        const QByteArray bearer = request("/hook", {"Authorization: Bearer abc"}, Body);
        const Verdict b = verify(bearer, QStringLiteral("atlassian-connect"), Shared);
        QCOMPARE(b.reason, Verdict::Reason::MalformedSignatureHeader);
        QVERIFY(b.message.contains(QLatin1String("does not start with 'JWT '")));
    }

    void jiraAdminWebhook()
    {
        const QByteArray sig =
            QMessageAuthenticationCode::hash(Body, Shared, QCryptographicHash::Sha256).toHex();
        const QByteArray raw = request(
            "/hook", {"X-Hub-Signature: sha256=" + sig, "X-Atlassian-Webhook-Identifier: 7"}, Body);
        const Verdict v = verify(raw, QStringLiteral("auto"), Shared);
        QCOMPARE(v.provider, QStringLiteral("jira"));
        QVERIFY2(v.valid, qPrintable(v.message));
        const QByteArray signedRaw = sign(QStringLiteral("jira"), Shared, Body);
        QVERIFY(verify(signedRaw, QStringLiteral("jira"), Shared).valid);
        QVERIFY(signedRaw.contains("X-Atlassian-Webhook-Identifier: delivery-1"));
    }
};

QTEST_GUILESS_MAIN(TestJwsDeliveries)
#include "tst_jwsdeliveries.moc"
