#include "core/capture/JsonDocument.h"
#include "core/compare/JsonDiff.h"

#include <QTest>

using Kind = JsonDiff::Kind;

class TestJsonDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void identicalText();
    void whitespaceOnly();
    void keysReorderedOnly();
    void keysReorderedAndWhitespace();
    void valuesChanged();
    void typeChanged();
    void arraysByPosition();
    void numbersWrittenDifferently_data();
    void numbersWrittenDifferently();
    void canonicalNumber_data();
    void canonicalNumber();
    void stringsEscapedDifferently();
    void duplicateKeys();
    void pointerEscaping();
    void notJson();
    void spansPointAtValues();
    void deepNesting();
    void manyDifferencesAreCapped();
    void cancelStopsTheComparison();
};

namespace {

// "pointer kind" per listed difference
QStringList describe(const JsonDiff &diff)
{
    QStringList out;
    for (const JsonDiff::Difference &d : diff.differences())
        out.append(d.pointer + QLatin1Char(' ') + JsonDiff::kindName(d.kind));
    return out;
}

} // namespace

void TestJsonDiff::identicalText()
{
    const JsonDiff diff = JsonDiff::compare(R"({"a":1})", R"({"a":1})");
    QVERIFY(diff.bothJson());
    QVERIFY(diff.identicalText());
    QVERIFY(diff.sameValue());
    QVERIFY(diff.differences().isEmpty());
    QCOMPARE(diff.summary(), QStringLiteral("Identical JSON text"));
}

void TestJsonDiff::whitespaceOnly()
{
    const JsonDiff diff = JsonDiff::compare(R"({"a":1,"b":[true,null]})",
                                            "{\n  \"a\": 1,\n  \"b\": [ true, null ]\n}");
    QVERIFY(diff.sameValue());
    QVERIFY(diff.whitespaceChanged());
    QVERIFY(!diff.keysReordered());
    QVERIFY(diff.differences().isEmpty());
    QCOMPARE(diff.summary(), QStringLiteral("Same JSON, whitespace changed"));
    // spaces moved, not added: "a": 1,"b" vs "a":1, "b"
    const JsonDiff moved = JsonDiff::compare(R"({"a": 1,"b":2})", R"({"a":1, "b":2})");
    QVERIFY(moved.whitespaceChanged());
    // whitespace inside strings is a value, not layout
    const JsonDiff inString = JsonDiff::compare(R"({"a":"x y"})", R"({"a":"x  y"})");
    QVERIFY(!inString.whitespaceChanged());
    QCOMPARE(inString.valueChanges(), 1);
}

void TestJsonDiff::keysReorderedOnly()
{
    const JsonDiff diff = JsonDiff::compare(R"({"id":"evt_1","type":"x","data":{"a":1,"b":2}})",
                                            R"({"type":"x","id":"evt_1","data":{"b":2,"a":1}})");
    QVERIFY(diff.sameValue());
    QVERIFY(diff.keysReordered());
    QVERIFY(!diff.whitespaceChanged()); // written alike, only in another order
    QCOMPARE(describe(diff), QStringList({" keys reordered", "/data keys reordered"}));
    QCOMPARE(diff.differences()[0].left, QByteArray(R"(["id", "type", "data"])"));
    QCOMPARE(diff.differences()[0].right, QByteArray(R"(["type", "id", "data"])"));
    QCOMPARE(diff.summary(), QStringLiteral("Same JSON, keys reordered"));
}

void TestJsonDiff::keysReorderedAndWhitespace()
{
    const JsonDiff diff = JsonDiff::compare(R"({"a":1,"b":2})", "{\n  \"b\": 2,\n  \"a\": 1\n}");
    QVERIFY(diff.sameValue());
    QCOMPARE(diff.summary(), QStringLiteral("Same JSON, keys reordered and whitespace changed"));
}

void TestJsonDiff::valuesChanged()
{
    const JsonDiff diff = JsonDiff::compare(
        R"({"id":"evt_1","data":{"amount":1500,"paid":false,"gone":1},"livemode":false})",
        R"({"id":"evt_2","data":{"amount":2500,"paid":true,"new":null},"livemode":false})");
    QVERIFY(!diff.sameValue());
    QCOMPARE(diff.valueChanges(), 5);
    QCOMPARE(describe(diff),
             QStringList({"/id value changed", "/data/amount value changed",
                          "/data/paid value changed", "/data/gone removed", "/data/new added"}));
    const JsonDiff::Difference amount = diff.differences()[1];
    QCOMPARE(amount.left, QByteArray("1500"));
    QCOMPARE(amount.right, QByteArray("2500"));
    const JsonDiff::Difference gone = diff.differences()[3];
    QCOMPARE(gone.left, QByteArray("1"));
    QVERIFY(gone.right.isEmpty());
    QVERIFY(gone.rightSpan.isEmpty());
    QCOMPARE(diff.summary(), QStringLiteral("5 value(s) differ"));
}

void TestJsonDiff::typeChanged()
{
    const JsonDiff diff =
        JsonDiff::compare(R"({"a":"1","b":{"x":1},"c":[1]})", R"({"a":1,"b":[1],"c":[1]})");
    QCOMPARE(describe(diff), QStringList({"/a type changed", "/b type changed"}));
    QCOMPARE(diff.count(Kind::TypeChanged), 2);
}

void TestJsonDiff::arraysByPosition()
{
    const JsonDiff diff = JsonDiff::compare(R"([1,{"k":"v"},3])", R"([1,{"k":"w"},3,4])");
    QCOMPARE(describe(diff), QStringList({"/1/k value changed", "/3 added"}));
    // an array's order is its value
    const JsonDiff swapped = JsonDiff::compare("[1,2]", "[2,1]");
    QCOMPARE(swapped.valueChanges(), 2);
    QVERIFY(!swapped.keysReordered());
}

void TestJsonDiff::numbersWrittenDifferently_data()
{
    QTest::addColumn<QByteArray>("left");
    QTest::addColumn<QByteArray>("right");
    QTest::addColumn<bool>("same");
    QTest::newRow("1.0 vs 1") << QByteArray("1.0") << QByteArray("1") << true;
    QTest::newRow("1e2 vs 100") << QByteArray("1e2") << QByteArray("100") << true;
    QTest::newRow("0.10 vs 1E-1") << QByteArray("0.10") << QByteArray("1E-1") << true;
    QTest::newRow("-0 vs 0") << QByteArray("-0") << QByteArray("0") << true;
    QTest::newRow("1.5e+1 vs 15") << QByteArray("1.5e+1") << QByteArray("15") << true;
    QTest::newRow("past double precision")
        << QByteArray("12345678901234567890") << QByteArray("12345678901234567891") << false;
    QTest::newRow("sign") << QByteArray("-1") << QByteArray("1") << false;
    QTest::newRow("1 vs 10") << QByteArray("1") << QByteArray("10") << false;
}

void TestJsonDiff::numbersWrittenDifferently()
{
    QFETCH(QByteArray, left);
    QFETCH(QByteArray, right);
    QFETCH(bool, same);
    const JsonDiff diff = JsonDiff::compare("{\"n\":" + left + "}", "{\"n\":" + right + "}");
    QCOMPARE(diff.sameValue(), same);
    QCOMPARE(describe(diff),
             QStringList({same ? "/n same number, written differently" : "/n value changed"}));
    if (same)
        QCOMPARE(diff.summary(), QStringLiteral("Same JSON, numbers written differently"));
}

void TestJsonDiff::canonicalNumber_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("integer") << QByteArray("1500") << QByteArray("15e2");
    QTest::newRow("fraction") << QByteArray("0.0125") << QByteArray("125e-4");
    QTest::newRow("negative exponent") << QByteArray("-2.50E-3") << QByteArray("-25e-4");
    QTest::newRow("zero") << QByteArray("0.000e10") << QByteArray("0");
}

void TestJsonDiff::canonicalNumber()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, canonical);
    QCOMPARE(JsonDiff::canonicalNumber(text), canonical);
}

void TestJsonDiff::stringsEscapedDifferently()
{
    const JsonDiff diff = JsonDiff::compare(R"({"name":"caf\u00e9","path":"a\/b"})",
                                            R"({"name":"café","path":"a/b"})");
    QVERIFY(diff.sameValue());
    QCOMPARE(describe(diff), QStringList({"/name same string, escaped differently",
                                          "/path same string, escaped differently"}));
    QCOMPARE(diff.summary(), QStringLiteral("Same JSON, strings escaped differently"));
}

void TestJsonDiff::duplicateKeys()
{
    // The last member wins, as in JavaScript's JSON.parse: the values are the same.
    const JsonDiff diff = JsonDiff::compare(R"({"a":1,"a":2,"b":3})", R"({"a":2,"b":3})");
    QVERIFY(diff.sameValue());
    QCOMPARE(describe(diff), QStringList({"/a duplicate key"}));
    QCOMPARE(diff.differences()[0].left, QByteArray("2 time(s)"));
    QCOMPARE(diff.differences()[0].right, QByteArray("1 time(s)"));
    QCOMPARE(diff.summary(), QStringLiteral("Same JSON; 1 duplicate key(s)"));
    // the same duplicate on both sides, inside identical bytes, is still reported
    const QByteArray twice = R"({"x":{"k":1,"k":2}})";
    const JsonDiff same = JsonDiff::compare(twice, twice);
    QVERIFY(same.identicalText());
    QCOMPARE(describe(same), QStringList({"/x/k duplicate key"}));
    // a changed value behind a duplicate: the last one counts
    const JsonDiff changed = JsonDiff::compare(R"({"a":1,"a":2})", R"({"a":2,"a":1})");
    QCOMPARE(changed.valueChanges(), 1);
}

void TestJsonDiff::pointerEscaping()
{
    const JsonDiff diff =
        JsonDiff::compare(R"({"a/b":{"m~n":1},"":2})", R"({"a/b":{"m~n":2},"":3})");
    QCOMPARE(describe(diff), QStringList({"/a~1b/m~0n value changed", "/ value changed"}));
}

void TestJsonDiff::notJson()
{
    const JsonDiff diff = JsonDiff::compare(R"({"a":1})", "a=1&b=2");
    QVERIFY(!diff.bothJson());
    QVERIFY(diff.leftError().isEmpty());
    QVERIFY(!diff.rightError().isEmpty());
    QVERIFY2(diff.summary().startsWith("The right body is not JSON"), qPrintable(diff.summary()));
    QVERIFY(diff.differences().isEmpty());
}

void TestJsonDiff::spansPointAtValues()
{
    const QByteArray left = R"({"id": "evt_1", "amount": 1500})";
    const QByteArray right = R"({"amount":2500,"id":"evt_1"})";
    const JsonDiff diff = JsonDiff::compare(left, right);
    QCOMPARE(describe(diff), QStringList({" keys reordered", "/amount value changed"}));
    const JsonDiff::Difference d = diff.differences()[1];
    QCOMPARE(left.mid(d.leftSpan.offset, d.leftSpan.length), QByteArray("1500"));
    QCOMPARE(right.mid(d.rightSpan.offset, d.rightSpan.length), QByteArray("2500"));
}

void TestJsonDiff::deepNesting()
{
    // far deeper than a recursive walk on a worker thread's stack could afford
    const int depth = 9000;
    const QByteArray left = QByteArray(depth, '[') + "1" + QByteArray(depth, ']');
    const QByteArray right = QByteArray(depth, '[') + "2" + QByteArray(depth, ']');
    const JsonDiff diff = JsonDiff::compare(left, right);
    QVERIFY(diff.bothJson());
    QCOMPARE(diff.valueChanges(), 1);
    QCOMPARE(diff.differences()[0].pointer.size(), depth * 2);
}

void TestJsonDiff::manyDifferencesAreCapped()
{
    QByteArray left = "[", right = "[";
    const int n = JsonDiff::MaxDifferences + 500;
    for (int i = 0; i < n; ++i) {
        left += (i ? ",1" : "1");
        right += (i ? ",2" : "2");
    }
    const JsonDiff diff = JsonDiff::compare(left + "]", right + "]");
    QCOMPARE(diff.valueChanges(), n);
    QCOMPARE(diff.differences().size(), JsonDiff::MaxDifferences);
    QCOMPARE(diff.unlisted(), 500);
}

void TestJsonDiff::cancelStopsTheComparison()
{
    QByteArray left = "[", right = "[";
    for (int i = 0; i < 20000; ++i) {
        left += (i ? "," : "") + QByteArray::number(i);
        right += (i ? "," : "") + QByteArray::number(i + 1);
    }
    left += "]";
    right += "]";
    std::atomic<bool> cancel{false};
    const JsonDiff whole = JsonDiff::compare(left, right, &cancel);
    QVERIFY(!whole.cancelled());
    QCOMPARE(whole.valueChanges(), 20000);
    cancel = true; // as the Cancel button sets it from the GUI thread
    const JsonDiff stopped = JsonDiff::compare(left, right, &cancel);
    QVERIFY(stopped.cancelled());
    QCOMPARE(stopped.valueChanges(), 0);
    QVERIFY(stopped.differences().isEmpty());
    QCOMPARE(stopped.summary(), QStringLiteral("JSON comparison cancelled"));
    // parsed documents: the walk itself stops
    const JsonDocument l = JsonDocument::parse(left), r = JsonDocument::parse(right);
    QVERIFY(JsonDiff::compare(l, r, &cancel).cancelled());
    QCOMPARE(JsonDiff::compare(l, r, nullptr).valueChanges(), 20000);
}

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_jsondiff.moc"
