#include "core/io/HarEntryReader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

class TestHarEntryReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void browserEntryIsRebuiltAndSaysWhatWasNot();
    void base64BodyAndHookbenchHeadAreExact();
    void chunkedHeadIsFramedAgainWithItsSizes();
    void formParamsAndMissingBodies();
    void entriesWithoutARequestAreRefused();
    void timesParse_data();
    void timesParse();
};

namespace {

QJsonObject json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(text, &error).object();
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return o;
}

} // namespace

void TestHarEntryReader::browserEntryIsRebuiltAndSaysWhatWasNot()
{
    ImportedRequest r;
    QString error;
    const QJsonObject entry1 =
        json(R"({"startedDateTime":"2026-03-01T10:00:00.5Z","request":{"method":"POST",
        "url":"https://h.test:8443/p/a?q=1#frag","httpVersion":"HTTP/2","headers":[
        {"name":":path","value":"/p/a?q=1"},{"name":"X-A","value":"1"},{"name":"x-a","value":"2"},
        {"name":"Content-Length","value":"99"},{"name":"Content-Encoding","value":"gzip"}],
        "postData":{"mimeType":"text/plain","text":"h\u00e9\ufffd"}}})");
    QVERIFY(HarEntryReader::read(entry1, &r, &error));
    QCOMPARE(r.raw, QByteArray("POST /p/a?q=1 HTTP/1.1\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 6\r\n"
                               "Content-Encoding: gzip\r\n\r\nh\xc3\xa9\xef\xbf\xbd"));
    QCOMPARE(r.receivedAtUs, 1772359200500000);
    const QString notes = r.notRebuilt.join(" | ");
    for (const char *expected :
         {"target was taken from the URL", "sent as HTTP/2", "pseudo-headers dropped: :path",
          "Content-Length said 99 but the HAR's body holds 6 bytes", "Content-Encoding says gzip",
          "U+FFFD", "'Name: value'"})
        QVERIFY2(notes.contains(QLatin1String(expected)), qPrintable(notes));
}

void TestHarEntryReader::base64BodyAndHookbenchHeadAreExact()
{
    const QByteArray head = "POST  /x HTTP/1.1\r\nX-Odd:   spaced  \r\nContent-Length: 3\r\n\r\n";
    ImportedRequest r;
    QString error;
    const QJsonObject entry2 =
        json(R"({"request":{"method":"POST","url":"http://localhost/x","headers":[],
        "postData":{"mimeType":"","encoding":"base64","text":"/wCA"}},
        "_hookbench":{"head_base64":")" +
             head.toBase64() + R"(","peer":"127.0.0.1:9"}})");
    QVERIFY(HarEntryReader::read(entry2, &r, &error));
    QCOMPARE(r.raw, head + QByteArray("\xff\x00\x80", 3));
    QCOMPARE(r.peer, QStringLiteral("127.0.0.1:9"));
    QVERIFY(r.notRebuilt.isEmpty());
}

void TestHarEntryReader::chunkedHeadIsFramedAgainWithItsSizes()
{
    const QByteArray head = "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    ImportedRequest r;
    QString error;
    const QJsonObject entry3 = json(R"({"request":{"method":"POST","url":"/c","headers":[],
        "postData":{"mimeType":"","text":"hello, world"}},
        "_hookbench":{"head_base64":")" +
                                    head.toBase64() + R"(","chunk_sizes":[5,7]}})");
    QVERIFY(HarEntryReader::read(entry3, &r, &error));
    QCOMPARE(r.raw, head + "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n");
}

void TestHarEntryReader::formParamsAndMissingBodies()
{
    ImportedRequest r;
    QString error;
    const QJsonObject entry4 =
        json(R"({"request":{"method":"POST","url":"/f","headers":[],"postData":{
        "mimeType":"application/x-www-form-urlencoded","params":[{"name":"a b","value":"1&2"}]}}})");
    QVERIFY(HarEntryReader::read(entry4, &r, &error));
    QVERIFY(r.raw.endsWith("\r\n\r\na%20b=1%262"));
    QVERIFY(r.notRebuilt.join(' ').contains("postData.params"));

    ImportedRequest missing;
    const QJsonObject entry5 =
        json(R"({"request":{"method":"POST","url":"/m","headers":[],"bodySize":12}})");
    QVERIFY(HarEntryReader::read(entry5, &missing, &error));
    QCOMPARE(missing.raw, QByteArray("POST /m HTTP/1.1\r\n\r\n"));
    QVERIFY(missing.notRebuilt.join(' ').contains("the body (12 bytes) was not in the HAR"));
}

void TestHarEntryReader::entriesWithoutARequestAreRefused()
{
    ImportedRequest r;
    QString error;
    const QJsonObject entry6 = json(R"({"request":{"url":"/x"}})");
    QVERIFY(!HarEntryReader::read(entry6, &r, &error));
    QCOMPARE(error, QStringLiteral("it has no request with a method"));
    const QJsonObject entry7 = json(
        R"({"request":{"method":"GET","url":"/","headers":[{"name":"A","value":"1\r\nB: 2"}]}})");
    QVERIFY(!HarEntryReader::read(entry7, &r, &error));
    QVERIFY(error.contains("cannot be written as an HTTP/1.1 header line"));
    const QJsonObject entry8 = json(
        R"({"request":{"method":"POST","url":"/","postData":{"encoding":"base64","text":"%%"}}})");
    QVERIFY(!HarEntryReader::read(entry8, &r, &error));
    QCOMPARE(error, QStringLiteral("postData.text is not valid base64"));
}

void TestHarEntryReader::timesParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("micros");
    QTest::newRow("utc") << "1970-01-01T00:00:01Z" << qint64(1000000);
    QTest::newRow("fraction") << "1970-01-01T00:00:01.000002Z" << qint64(1000002);
    QTest::newRow("offset") << "1970-01-01T01:00:01.5+01:00" << qint64(1500000);
    QTest::newRow("offset no colon") << "1970-01-01T01:00:01-0000" << qint64(3601000000);
    QTest::newRow("garbage") << "yesterday" << qint64(0);
}

void TestHarEntryReader::timesParse()
{
    QFETCH(QString, text);
    QFETCH(qint64, micros);
    QCOMPARE(HarEntryReader::parseTime(text), micros);
}

QTEST_GUILESS_MAIN(TestHarEntryReader)
#include "tst_harentryreader.moc"
