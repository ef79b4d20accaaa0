#include "core/capture/MultipartBody.h"

#include <QTest>

namespace {

// Bodies are written with "\n" and turned into CRLF, which is what senders normally use.
QByteArray crlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

QByteArray bodyOf(const QByteArray &body, const MultipartBody::Part &part)
{
    return body.mid(part.bodySpan.offset, part.bodySpan.length);
}

const QByteArray FormType = "multipart/form-data; boundary=XyZ";

} // namespace

class TestMultipartBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parts_data();
    void parts();
    void boundaryParameter_data();
    void boundaryParameter();
    void exactSpans();
    void partHeaders();
    void dispositionParameters_data();
    void dispositionParameters();
    void errors_data();
    void errors();
};

void TestMultipartBody::parts_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<QByteArray>>("bodies");

    QTest::newRow("two fields, CRLF") << crlf("--XyZ\n"
                                              "Content-Disposition: form-data; name=\"a\"\n"
                                              "\n"
                                              "1\n"
                                              "--XyZ\n"
                                              "Content-Disposition: form-data; name=\"b\"\n"
                                              "\n"
                                              "two\n"
                                              "--XyZ--\n")
                                      << QStringList{"a", "b"} << QList<QByteArray>{"1", "two"};
    QTest::newRow("bare LF") << QByteArray("--XyZ\n"
                                           "Content-Disposition: form-data; name=\"a\"\n"
                                           "\n"
                                           "line1\nline2\n"
                                           "--XyZ--")
                             << QStringList{"a"} << QList<QByteArray>{"line1\nline2"};
    QTest::newRow("preamble and epilogue ignored")
        << crlf("This is a preamble.\n"
                "--XyZ\n"
                "Content-Disposition: form-data; name=\"only\"\n"
                "\n"
                "v\n"
                "--XyZ--\n"
                "epilogue --XyZ\n")
        << QStringList{"only"} << QList<QByteArray>{"v"};
    QTest::newRow("body keeps its own line breaks")
        << crlf("--XyZ\n"
                "Content-Disposition: form-data; name=\"t\"\n"
                "\n"
                "\n"
                "a\n"
                "\n"
                "--XyZ--\n")
        << QStringList{"t"} << QList<QByteArray>{"\r\na\r\n"};
    QTest::newRow("empty body") << crlf("--XyZ\n"
                                        "Content-Disposition: form-data; name=\"e\"\n"
                                        "\n"
                                        "\n"
                                        "--XyZ--\n")
                                << QStringList{"e"} << QList<QByteArray>{""};
    QTest::newRow("boundary-like text inside a body")
        << crlf("--XyZ\n"
                "Content-Disposition: form-data; name=\"x\"\n"
                "\n"
                "--XyZabc is not a delimiter; neither is  --XyZ mid-line\n"
                "--XyZ--\n")
        << QStringList{"x"}
        << QList<QByteArray>{"--XyZabc is not a delimiter; neither is  --XyZ mid-line"};
    QTest::newRow("binary body with NUL and CR")
        << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"b.bin\"\r\n"
                      "Content-Type: application/octet-stream\r\n\r\n") +
               QByteArray("\x00\x01\r\x02", 4) + "\r\n--XyZ--"
        << QStringList{"f"} << QList<QByteArray>{QByteArray("\x00\x01\r\x02", 4)};
    QTest::newRow("part without headers") << crlf("--XyZ\n"
                                                  "\n"
                                                  "naked\n"
                                                  "--XyZ--\n")
                                          << QStringList{""} << QList<QByteArray>{"naked"};
    QTest::newRow("padding after the delimiter") << crlf("--XyZ  \n"
                                                         "Content-Disposition: form-data; name=p\n"
                                                         "\n"
                                                         "q\n"
                                                         "--XyZ--\n")
                                                 << QStringList{"p"} << QList<QByteArray>{"q"};
}

void TestMultipartBody::parts()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, names);
    QFETCH(QList<QByteArray>, bodies);

    const MultipartBody mb = MultipartBody::parse(body, FormType);
    QVERIFY2(mb.error.isEmpty(), qPrintable(mb.error));
    QStringList actualNames;
    QList<QByteArray> actualBodies;
    for (const MultipartBody::Part &p : mb.parts) {
        actualNames << p.name;
        actualBodies << bodyOf(body, p);
    }
    QCOMPARE(actualNames, names);
    QCOMPARE(actualBodies, bodies);
}

void TestMultipartBody::boundaryParameter_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("boundary");

    QTest::newRow("token") << QByteArray("multipart/form-data; boundary=abc123")
                           << QByteArray("abc123");
    QTest::newRow("quoted, with specials")
        << QByteArray("multipart/form-data; boundary=\"----=_Part_0; x\"")
        << QByteArray("----=_Part_0; x");
    QTest::newRow("not the first parameter")
        << QByteArray("multipart/mixed; charset=utf-8;  BOUNDARY = b1") << QByteArray("b1");
    QTest::newRow("quoted with an escaped quote")
        << QByteArray(R"(multipart/form-data; boundary="a\"b")") << QByteArray("a\"b");
}

void TestMultipartBody::boundaryParameter()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, boundary);

    const QByteArray body = "--" + boundary +
                            "\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\n" + "v\r\n--" +
                            boundary + "--\r\n";
    const MultipartBody mb = MultipartBody::parse(body, contentType);
    QVERIFY2(mb.error.isEmpty(), qPrintable(mb.error));
    QCOMPARE(mb.parts.size(), 1);
    QCOMPARE(mb.parts[0].name, QStringLiteral("k"));
    QCOMPARE(bodyOf(body, mb.parts[0]), QByteArray("v"));
}

void TestMultipartBody::exactSpans()
{
    const QByteArray body = crlf("--XyZ\n"                                      // 0..6
                                 "Content-Disposition: form-data; name=\"a\"\n" // 7..48
                                 "Content-Type: text/plain\n"                   // 49..74
                                 "\n"                                           // 75..76
                                 "hello\n"                                      // 77..83
                                 "--XyZ\n"
                                 "\n"
                                 "\n"
                                 "--XyZ--\n");
    const MultipartBody mb = MultipartBody::parse(body, FormType);
    QVERIFY2(mb.error.isEmpty(), qPrintable(mb.error));
    QCOMPARE(mb.parts.size(), 2);
    const MultipartBody::Part &p = mb.parts[0];
    QCOMPARE(p.headerSpan.offset, 7);
    QCOMPARE(p.headerSpan.length, 66); // both header lines, without the last line break
    QCOMPARE(body.mid(p.headerSpan.offset, p.headerSpan.length),
             QByteArray("Content-Disposition: form-data; name=\"a\"\r\nContent-Type: text/plain"));
    QCOMPARE(p.bodySpan.offset, 77);
    QCOMPARE(p.bodySpan.length, 5); // "hello", not the CRLF before the delimiter
    QCOMPARE(p.contentType, QByteArray("text/plain"));

    const MultipartBody::Part &empty = mb.parts[1];
    QCOMPARE(empty.headerSpan.offset, 91);
    QCOMPARE(empty.headerSpan.length, 0);
    QCOMPARE(empty.bodySpan.offset, 93);
    QCOMPARE(empty.bodySpan.length, 0);
}

void TestMultipartBody::partHeaders()
{
    const QByteArray body = crlf("--XyZ\n"
                                 "content-disposition: form-data; name=\"up\"; filename=\"r.csv\"\n"
                                 "X-Custom:  spaced value  \n"
                                 "X-Folded: first\n"
                                 "  second\n"
                                 "CONTENT-TYPE: text/csv\n"
                                 "\n"
                                 "a,b\n"
                                 "--XyZ--\n");
    const MultipartBody mb = MultipartBody::parse(body, FormType);
    QVERIFY2(mb.error.isEmpty(), qPrintable(mb.error));
    QCOMPARE(mb.parts.size(), 1);
    const MultipartBody::Part &p = mb.parts[0];
    QCOMPARE(p.headers.size(), 4);
    QCOMPARE(p.headers[0].first, QByteArray("content-disposition"));
    QCOMPARE(p.headers[1], qMakePair(QByteArray("X-Custom"), QByteArray("spaced value")));
    QCOMPARE(p.headers[2], qMakePair(QByteArray("X-Folded"), QByteArray("first second")));
    QCOMPARE(p.name, QStringLiteral("up"));
    QCOMPARE(p.fileName, QStringLiteral("r.csv"));
    QCOMPARE(p.contentType, QByteArray("text/csv"));
    QCOMPARE(bodyOf(body, p), QByteArray("a,b"));
}

void TestMultipartBody::dispositionParameters_data()
{
    QTest::addColumn<QByteArray>("disposition");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("fileName");

    QTest::newRow("plain field") << QByteArray("form-data; name=\"field\"") << "field" << QString();
    QTest::newRow("unquoted") << QByteArray("form-data; name=field; filename=a.txt") << "field"
                              << "a.txt";
    QTest::newRow("escaped quotes")
        << QByteArray(R"(form-data; name="say \"hi\""; filename="a \"b\".txt")") << "say \"hi\""
        << "a \"b\".txt";
    QTest::newRow("semicolon inside quotes")
        << QByteArray(R"(form-data; name="a;b"; filename="c; d.txt")") << "a;b"
        << "c; d.txt";
    QTest::newRow("UTF-8 file name")
        << QByteArray("form-data; name=\"f\"; filename=\"\xC3\xA9t\xC3\xA9.png\"") << "f"
        << QStringLiteral("été.png");
    QTest::newRow("filename* wins")
        << QByteArray(
               "form-data; name=\"f\"; filename=\"euro.txt\"; filename*=UTF-8''%E2%82%AC.txt")
        << "f" << QStringLiteral("€.txt");
    QTest::newRow("empty filename is still a file field")
        << QByteArray("form-data; name=\"f\"; filename=\"\"") << "f" << QString();
    QTest::newRow("parameter names are case-insensitive")
        << QByteArray("form-data; NAME=\"n\"; FileName=\"x\"") << "n"
        << "x";
}

void TestMultipartBody::dispositionParameters()
{
    QFETCH(QByteArray, disposition);
    QFETCH(QString, name);
    QFETCH(QString, fileName);

    const QByteArray body =
        "--XyZ\r\nContent-Disposition: " + disposition + "\r\n\r\ncontent\r\n--XyZ--\r\n";
    const MultipartBody mb = MultipartBody::parse(body, FormType);
    QVERIFY2(mb.error.isEmpty(), qPrintable(mb.error));
    QCOMPARE(mb.parts.size(), 1);
    QCOMPARE(mb.parts[0].name, name);
    QCOMPARE(mb.parts[0].fileName, fileName);
    QCOMPARE(bodyOf(body, mb.parts[0]), QByteArray("content"));
}

void TestMultipartBody::errors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QList<QByteArray>>("bodies");

    QTest::newRow("no closing boundary: parts kept, last one runs to the end")
        << crlf("--XyZ\n"
                "Content-Disposition: form-data; name=\"a\"\n"
                "\n"
                "1\n"
                "--XyZ\n"
                "Content-Disposition: form-data; name=\"b\"\n"
                "\n"
                "cut off")
        << FormType << "no closing boundary" << QStringList{"a", "b"}
        << QList<QByteArray>{"1", "cut off"};
    QTest::newRow("missing boundary parameter: taken from the body")
        << crlf("--guess\n"
                "Content-Disposition: form-data; name=\"a\"\n"
                "\n"
                "1\n"
                "--guess--\n")
        << QByteArray("multipart/form-data") << "no boundary parameter" << QStringList{"a"}
        << QList<QByteArray>{"1"};
    QTest::newRow("missing boundary parameter, nothing to guess from")
        << QByteArray("a=1&b=2") << QByteArray("multipart/form-data") << "no boundary parameter"
        << QStringList() << QList<QByteArray>();
    QTest::newRow("boundary never occurs")
        << crlf("--other\n\nx\n--other--\n") << FormType << "does not occur" << QStringList()
        << QList<QByteArray>();
    QTest::newRow("delimiter line is the last thing")
        << crlf("--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ") << FormType
        << "no closing boundary" << QStringList{"a"} << QList<QByteArray>{"1"};
}

void TestMultipartBody::errors()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, message);
    QFETCH(QStringList, names);
    QFETCH(QList<QByteArray>, bodies);

    const MultipartBody mb = MultipartBody::parse(body, contentType);
    QVERIFY2(mb.error.contains(message), qPrintable(mb.error));
    QStringList actualNames;
    QList<QByteArray> actualBodies;
    for (const MultipartBody::Part &p : mb.parts) {
        actualNames << p.name;
        actualBodies << bodyOf(body, p);
    }
    QCOMPARE(actualNames, names);
    QCOMPARE(actualBodies, bodies);
}

QTEST_GUILESS_MAIN(TestMultipartBody)
#include "tst_multipartbody.moc"
