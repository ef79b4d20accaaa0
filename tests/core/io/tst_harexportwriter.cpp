#include "core/http/RequestFramer.h"
#include "core/io/HarEntryReader.h"
#include "core/io/HarExportWriter.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

class TestHarExportWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void entriesKeepHeadersAndBodiesAndComeBackExact_data();
    void entriesKeepHeadersAndBodiesAndComeBackExact();
    void documentIsHar12();
    void urlsAreAbsoluteAndPrintable();
};

namespace {

ExportItem item(qint64 id, const QByteArray &raw)
{
    ExportItem i;
    i.capture.raw = raw;
    i.capture.parsed = RequestFramer::parse(raw);
    i.capture.summary.id = id;
    i.capture.summary.method = i.capture.parsed.method;
    i.capture.summary.target = i.capture.parsed.target;
    i.capture.summary.contentType = i.capture.parsed.header("Content-Type");
    i.capture.summary.receivedAtUs = 1763779200123456;
    i.capture.summary.status = 200;
    i.capture.summary.endpointId = "gh";
    i.capture.summary.verdictJson = R"({"provider":"github","reason":"ok","valid":true})";
    return i;
}

QJsonObject exportOne(const ExportItem &i)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    HarExportWriter writer("1.0");
    if (!writer.begin(&out) || !writer.write(i) || !writer.finish())
        qFatal("export failed");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out.data(), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("not JSON: %s\n%s", qPrintable(error.errorString()), out.data().constData());
    return doc.object().value("log").toObject().value("entries").toArray().at(0).toObject();
}

} // namespace

void TestHarExportWriter::entriesKeepHeadersAndBodiesAndComeBackExact_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("base64");
    QTest::newRow("text with escapes")
        << QByteArray(
               "POST /t HTTP/1.1\r\nHost: a\r\nX-D: 1\r\nx-d: 2\r\nContent-Length: 12\r\n\r\n"
               "\"q\"\\\n\t\x01\x7f\xc3\xa9!")
        << false;
    QTest::newRow("binary")
        << QByteArray("POST /b HTTP/1.1\r\nContent-Length: 4\r\n\r\n\xff\x00\x80\x81", 42) << true;
    QTest::newRow("chunked") << QByteArray("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
                             << false;
    QTest::newRow("chunk extension (exact raw kept)")
        << QByteArray("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3;x=y\r\nabc\r\n0\r\n\r\n")
        << false;
    QTest::newRow("did not frame")
        << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 9\r\n\r\nabc") << false;
    QTest::newRow("odd spacing") << QByteArray("GET /s?a=1&b=%41 HTTP/1.1\r\nX:  v \r\n\r\n")
                                 << false;
}

void TestHarExportWriter::entriesKeepHeadersAndBodiesAndComeBackExact()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, base64);
    const ExportItem i = item(7, raw);
    const QJsonObject entry = exportOne(i);
    const QJsonObject request = entry.value("request").toObject();
    const QJsonArray headers = request.value("headers").toArray();
    QCOMPARE(headers.size(), i.capture.parsed.headers.size());
    for (int n = 0; n < headers.size(); ++n) {
        QCOMPARE(headers.at(n).toObject().value("name").toString().toUtf8(),
                 i.capture.parsed.headers.at(n).name);
        QCOMPARE(headers.at(n).toObject().value("value").toString().toUtf8(),
                 i.capture.parsed.headers.at(n).value);
    }
    const QByteArray body = i.capture.parsed.body(raw);
    const QJsonObject post = request.value("postData").toObject();
    if (!body.isEmpty() && !i.capture.parsed.hasError()) {
        QCOMPARE(post.value("encoding").toString(), base64 ? "base64" : "");
        const QByteArray text = post.value("text").toString().toUtf8();
        QCOMPARE(base64 ? QByteArray::fromBase64(text) : text, body);
    }
    QCOMPARE(entry.value("_hookbench").toObject().value("id").toInteger(), 7);
    QCOMPARE(entry.value("startedDateTime").toString(), "2025-11-22T02:40:00.123456Z");

    ImportedRequest back;
    QString error;
    QVERIFY2(HarEntryReader::read(entry, &back, &error), qPrintable(error));
    QCOMPARE(back.raw, raw);
    QCOMPARE(back.receivedAtUs, i.capture.summary.receivedAtUs);
    QVERIFY(back.notRebuilt.isEmpty());
}

void TestHarExportWriter::documentIsHar12()
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    HarExportWriter writer("9.9", true);
    QVERIFY(writer.begin(&out));
    QVERIFY(writer.write(item(1, "GET /a HTTP/1.1\r\n\r\n")));
    QVERIFY(writer.write(item(2, "GET /b?x=%C3%A9&y HTTP/1.1\r\n\r\n")));
    QVERIFY(writer.finish());
    const QJsonObject log = QJsonDocument::fromJson(out.data()).object().value("log").toObject();
    QCOMPARE(log.value("version").toString(), "1.2");
    QCOMPARE(log.value("creator").toObject().value("version").toString(), "9.9");
    QVERIFY(log.value("comment").toString().contains("Redacted"));
    const QJsonArray entries = log.value("entries").toArray();
    QCOMPARE(entries.size(), 2);
    const QJsonObject second = entries.at(1).toObject();
    for (const char *key : {"startedDateTime", "time", "request", "response", "cache", "timings"})
        QVERIFY2(second.contains(key), key);
    const QJsonArray query = second.value("request").toObject().value("queryString").toArray();
    QCOMPARE(query.size(), 2);
    QCOMPARE(query.at(0).toObject().value("value").toString(), QString::fromUtf8("\xc3\xa9"));
    QCOMPARE(second.value("_hookbench").toObject().value("verdict").toObject().value("reason"),
             "ok");
}

void TestHarExportWriter::urlsAreAbsoluteAndPrintable()
{
    QCOMPARE(HarExportWriter::urlOf("/a?b=1", "h.test:8080"), "http://h.test:8080/a?b=1");
    QCOMPARE(HarExportWriter::urlOf("/a", ""), "http://localhost/a");
    QCOMPARE(HarExportWriter::urlOf("/a", "evil/host"), "http://localhost/a");
    QCOMPARE(HarExportWriter::urlOf("/\xc3\xa9 x", "[::1]:1"), "http://[::1]:1/%C3%A9%20x");
}

QTEST_GUILESS_MAIN(TestHarExportWriter)
#include "tst_harexportwriter.moc"
