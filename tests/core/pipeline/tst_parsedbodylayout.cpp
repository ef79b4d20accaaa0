#include "core/io/ImportShapes.h"
#include "core/pipeline/CaptureImporter.h"
#include "core/pipeline/ParsedBodyLayout.h"
#include "core/store/CaptureStore.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QtTest>

// A Stripe event known only as its parsed JSON (a Lambda logged JSON.parse(event.body), a
// mapping template's $input.json('$')) is laid out as Stripe sends it until the signature
// matches; the stored capture then verifies and its diagnosis names the layout. When no known
// layout matches, the verdict says the raw body is needed and how to capture it.
class TestParsedBodyLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theProvidersLayoutThatMatchesIsChosen();
    void nothingChangesWithoutAMatchOrASecret();
    void anImportedParsedBodyVerifiesAndSaysHow();
    void anUnknownLayoutSaysTheRawBodyIsNeeded();
};

namespace {

const QByteArray Secret = "whsec_hookbench_parsed_body_test";
constexpr qint64 T = 1746100800;

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(HB_AWS_FIXTURES "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(name));
    return f.readAll();
}

QByteArray stripeSignature(const QByteArray &payload)
{
    const QByteArray mac = QMessageAuthenticationCode::hash(QByteArray::number(T) + '.' + payload,
                                                            Secret, QCryptographicHash::Sha256);
    return "t=" + QByteArray::number(T) + ",v1=" + mac.toHex();
}

// The fixture event laid out with a 3-space indent: a layout no sender uses.
QByteArray indent3(const QByteArray &indent2)
{
    QByteArray out;
    for (const QByteArray &line : indent2.split('\n')) {
        qsizetype spaces = 0;
        while (spaces < line.size() && line.at(spaces) == ' ')
            ++spaces;
        out += QByteArray(spaces / 2 * 3, ' ') + line.mid(spaces) + '\n';
    }
    out.chop(1);
    return out;
}

// Placeholders filled as the e2e test fills them (see data/aws/make_fixtures.py).
QByteArray signedFixture(const QString &name)
{
    const QByteArray payload = fixture("stripe-payload.json");
    return fixture(name)
        .replace("@STRIPE_SIGNATURE_INDENT3@", stripeSignature(indent3(payload)))
        .replace("@STRIPE_SIGNATURE@", stripeSignature(payload));
}

CaptureContext::Snapshot stripeContext(bool withSecret = true)
{
    AppConfig config;
    EndpointConfig e;
    e.id = "stripe";
    e.path = "/stripe";
    e.provider = "stripe";
    config.endpoints.append(e);
    CaptureVerifier::Secrets secrets;
    if (withSecret)
        secrets.insert("stripe", {SigningSecret{Secret, "s", {}}});
    return std::make_shared<CaptureVerifier>(config, secrets);
}

QByteArray request(const QByteArray &signature, const QByteArray &body)
{
    return "POST /stripe HTTP/1.1\r\nStripe-Signature: " + signature +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

CaptureSummary summary()
{
    CaptureSummary s;
    s.endpointId = "stripe";
    s.receivedAtUs = T * 1000000;
    return s;
}

QJsonObject importOne(const QString &fixtureName, const QString &format)
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    {
        CaptureImporter importer(stripeContext());
        QString error;
        if (!importer.open(path, Durability::Process, &error))
            qFatal("%s", qPrintable(error));
        QBuffer input;
        input.setData(signedFixture(fixtureName));
        input.open(QIODevice::ReadOnly);
        std::unique_ptr<ImportShape> shape = ImportShapes::create(format);
        shape->start(&input, fixtureName);
        if (importer.run(*shape, fixtureName, &error) != CaptureImporter::Result::Done ||
            !importer.finish(&error))
            qFatal("%s", qPrintable(error));
    }
    CaptureStore store;
    if (!store.openReadOnly(path))
        qFatal("cannot open the store");
    return QJsonDocument::fromJson(store.verdictJson(1)).object();
}

} // namespace

void TestParsedBodyLayout::theProvidersLayoutThatMatchesIsChosen()
{
    const QByteArray payload = fixture("stripe-payload.json");
    QByteArray compact = payload;
    compact.replace("\n", "").replace("  ", ""); // the fixture's strings hold no double space
    compact.replace("\": ", "\":");
    const QByteArray raw = request(stripeSignature(payload), compact);
    QString layout;
    const QByteArray chosen = ParsedBodyLayout::resolve(*stripeContext(), summary(), raw, &layout);
    QCOMPARE(chosen, request(stripeSignature(payload), payload));
    QCOMPARE(layout, "2-space indent, JSON.stringify(v, null, 2), Stripe's own layout");
}

void TestParsedBodyLayout::nothingChangesWithoutAMatchOrASecret()
{
    const QByteArray payload = fixture("stripe-payload.json");
    const QByteArray raw = request(stripeSignature(indent3(payload)), payload);
    QString layout = "x";
    QCOMPARE(ParsedBodyLayout::resolve(*stripeContext(), summary(), raw, &layout), raw);
    QVERIFY(layout.isEmpty());
    const QByteArray signedRaw = request(stripeSignature(payload), "{\"a\":1}");
    QCOMPARE(ParsedBodyLayout::resolve(*stripeContext(false), summary(), signedRaw, &layout),
             signedRaw);
    QVERIFY(layout.isEmpty());
}

void TestParsedBodyLayout::anImportedParsedBodyVerifiesAndSaysHow()
{
    const QJsonObject verdict = importOne("cwlogs-filter-log-events.json", "cwlogs");
    QCOMPARE(verdict.value("reason").toString(), "ok");
    const QJsonArray hazards = verdict.value("hazards").toArray();
    QCOMPARE(hazards.size(), 1);
    const QJsonObject h = hazards.first().toObject();
    QCOMPARE(h.value("code").toString(), "body_modified");
    QCOMPARE(h.value("transform").toString(), "json_reserialized");
    QCOMPARE(h.value("secret_index").toInt(), 0);
    QVERIFY2(h.value("detail").toString().contains("JSON.stringify(v, null, 2)"),
             qPrintable(h.value("detail").toString()));
    QVERIFY(h.value("detail").toString().contains("JSON.parse"));
}

void TestParsedBodyLayout::anUnknownLayoutSaysTheRawBodyIsNeeded()
{
    const QJsonObject verdict = importOne("lambda-parsed-unknown-layout.json", "lambda");
    QCOMPARE(verdict.value("reason").toString(), "signature_mismatch");
    const QJsonArray remaining = verdict.value("remaining").toArray();
    QVERIFY(!remaining.isEmpty());
    const QJsonObject first = remaining.first().toObject();
    QCOMPARE(first.value("code").toString(), "raw_body_needed");
    QVERIFY(first.value("detail").toString().contains("event.body is the raw body"));
    for (const QJsonValue &h : verdict.value("hazards").toArray())
        QVERIFY(h.toObject().value("code").toString() != "body_modified");
}

QTEST_GUILESS_MAIN(TestParsedBodyLayout)
#include "tst_parsedbodylayout.moc"
