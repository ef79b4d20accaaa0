#include "core/http/RequestFramer.h"
#include "core/io/CurlExportWriter.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

class TestCurlExportWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quotingAndInlineBodies();
    void commandCarriesHeadersAsSentAndRemovesCurlsOwn();
    void binaryBodiesGoThroughAFile();
    void whatCurlCannotReproduceIsSaid();
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
    return i;
}

QByteArray script(CurlExportWriter &writer, const ExportItem &i, bool *ok = nullptr)
{
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    const bool written = writer.begin(&out) && writer.write(i) && writer.finish();
    if (ok)
        *ok = written;
    return out.data();
}

} // namespace

void TestCurlExportWriter::quotingAndInlineBodies()
{
    QCOMPARE(CurlExportWriter::shellQuoted("it's $HOME"), QByteArray("'it'\\''s $HOME'"));
    QVERIFY(CurlExportWriter::inlineable("{\"a\":\n\t1}"));
    QVERIFY(!CurlExportWriter::inlineable(QByteArray("a\0b", 3)));
    QVERIFY(!CurlExportWriter::inlineable("\x1f\x8b\x08"));
    QVERIFY(!CurlExportWriter::inlineable("a\rb"));
    QVERIFY(!CurlExportWriter::inlineable(QByteArray(20000, 'a')));
}

void TestCurlExportWriter::commandCarriesHeadersAsSentAndRemovesCurlsOwn()
{
    CurlExportWriter writer({}, {});
    const QByteArray s = script(
        writer, item(3, "PUT /p/../q?x=1 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a: it's\r\nX-E:\r\n"
                        "Content-Length: 2\r\n\r\nhi"));
    QVERIFY(s.startsWith("#!/bin/sh\n"));
    QVERIFY2(s.contains("curl --http1.1 --silent --show-error --path-as-is -X 'PUT' -H "
                        "'User-Agent:' -H 'Accept:' -H 'Expect:' -H 'Content-Type:' \\\n"
                        "  -H 'Host: h' \\\n  -H 'X-A: 1' \\\n  -H 'x-a: it'\\''s' \\\n"
                        "  -H 'X-E;' \\\n  -H 'Content-Length: 2' \\\n  --data-binary 'hi' \\\n"
                        "  \"$base_url\"'/p/../q?x=1'\n"),
             s.constData());
}

void TestCurlExportWriter::binaryBodiesGoThroughAFile()
{
    const QByteArray raw =
        QByteArray("POST /b HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\n"
                   "Content-Length: 3\r\n\r\n") +
        QByteArray("\xff\x00\x01", 3);
    CurlExportWriter noFolder({}, {});
    bool ok = true;
    script(noFolder, item(5, raw), &ok);
    QVERIFY(!ok);
    QVERIFY(noFolder.errorString().contains("give -o FILE"));

    QTemporaryDir dir;
    CurlExportWriter writer(dir.filePath("out.sh.bodies"), "out.sh.bodies");
    const QByteArray s = script(writer, item(5, raw), &ok);
    QVERIFY(ok);
    QVERIFY(s.contains("--data-binary @\"$here\"/'out.sh.bodies/5.body'"));
    QFile body(dir.filePath("out.sh.bodies/5.body"));
    QVERIFY(body.open(QIODevice::ReadOnly));
    QCOMPARE(body.readAll(), QByteArray("\xff\x00\x01", 3));
}

void TestCurlExportWriter::whatCurlCannotReproduceIsSaid()
{
    CurlExportWriter writer({}, {}, true);
    const QByteArray s = script(
        writer, item(9, "POST /c HTTP/1.1\r\nX-S:  spaced\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "2\r\nab\r\n0\r\n\r\n"));
    QVERIFY(s.contains("# Redacted (--redact-secrets)"));
    QVERIFY(s.contains("# not exact: curl writes 'X-S: <value>'"));
    QVERIFY(s.contains("# not exact: curl chooses its own chunk sizes"));
    const QByteArray broken =
        script(writer, item(10, "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nab"));
    QVERIFY(broken.contains("# not sent: it did not frame as HTTP"));
    QVERIFY(!broken.contains("curl --http1.1"));
}

QTEST_GUILESS_MAIN(TestCurlExportWriter)
#include "tst_curlexportwriter.moc"
