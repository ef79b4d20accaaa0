#include "core/io/JsonArrayStream.h"

#include <QBuffer>
#include <QtTest>

class TestJsonArrayStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void elementsComeOneByOneWithTheirLines();
    void decoysOutsideThePathAreIgnored();
    void anElementLargerThanOneReadIsWhole();
    void problemsNameTheLine_data();
    void problemsNameTheLine();
};

namespace {

QList<QByteArray> readAll(const QByteArray &json, QList<qint64> *lines = nullptr,
                          QString *error = nullptr)
{
    QBuffer buffer;
    buffer.setData(json);
    buffer.open(QIODevice::ReadOnly);
    JsonArrayStream stream({"log", "entries"});
    stream.start(&buffer);
    QList<QByteArray> out;
    QByteArray element;
    qint64 line = 0;
    for (;;) {
        const JsonArrayStream::Next next = stream.next(&element, &line);
        if (next == JsonArrayStream::Next::Element) {
            out.append(element);
            if (lines)
                lines->append(line);
            continue;
        }
        if (next == JsonArrayStream::Next::Failed && error)
            *error = stream.errorString();
        if (next == JsonArrayStream::Next::Failed && !error)
            out.append("FAILED: " + stream.errorString().toUtf8());
        return out;
    }
}

} // namespace

void TestJsonArrayStream::elementsComeOneByOneWithTheirLines()
{
    QList<qint64> lines;
    const QList<QByteArray> got = readAll(
        "{\"log\": {\"version\": \"1.2\",\n \"entries\": [\n  {\"a\": 1},\n  {\"b\": [1, {\"c\": "
        "\"}]\"}]}\n ]}}\n",
        &lines);
    QCOMPARE(got, (QList<QByteArray>{"{\"a\": 1}", "{\"b\": [1, {\"c\": \"}]\"}]}"}));
    QCOMPARE(lines, (QList<qint64>{3, 4}));
}

void TestJsonArrayStream::decoysOutsideThePathAreIgnored()
{
    // "entries" elsewhere (a string, a nested object, the root) is not the array; escaped
    // quotes and brackets in strings do not end anything.
    const QList<QByteArray> got =
        readAll("{\"entries\": [{\"no\": 1}], \"log\": {\"pages\": [{\"entries\": [{\"no\": 2}]}], "
                "\"comment\": \"\\\"entries\\\": [{\", \"entries\": [{\"yes\": \"a\\\\\"}]}}");
    QCOMPARE(got, (QList<QByteArray>{"{\"yes\": \"a\\\\\"}"}));
    QCOMPARE(readAll("{\"log\": {\"entries\": []}}"), QList<QByteArray>());
}

void TestJsonArrayStream::anElementLargerThanOneReadIsWhole()
{
    const QByteArray big(3 * 1024 * 1024 + 7, 'x');
    const QByteArray entry = "{\"text\": \"" + big + "\"}";
    const QList<QByteArray> got =
        readAll("{\"log\": {\"entries\": [" + entry + ", " + entry + ", {}]}}");
    QCOMPARE(got.size(), 3);
    QCOMPARE(got.at(0), entry);
    QCOMPARE(got.at(1), entry);
    QCOMPARE(got.at(2), QByteArray("{}"));
}

void TestJsonArrayStream::problemsNameTheLine_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("cut") << QByteArray("{\"log\": {\n\"entries\": [{\"a\": \"b")
                         << "line 2: the JSON ends before its last string is closed";
    QTest::newRow("no entries") << QByteArray("{\"log\": {}}\n")
                                << "line 2: no log.entries array: not a HAR file";
    QTest::newRow("array root") << QByteArray("[1]") << "line 1: the document is not a JSON object";
    QTest::newRow("scalar entry") << QByteArray("{\"log\": {\"entries\": [{}, \n 3]}}")
                                  << "line 2: entry 1 is not an object";
}

void TestJsonArrayStream::problemsNameTheLine()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString got;
    readAll(json, nullptr, &got);
    QCOMPARE(got, error);
}

QTEST_GUILESS_MAIN(TestJsonArrayStream)
#include "tst_jsonarraystream.moc"
