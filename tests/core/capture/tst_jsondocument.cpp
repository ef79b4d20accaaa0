#include "core/capture/JsonDocument.h"

#include <QTest>

using Type = JsonDocument::Type;

Q_DECLARE_METATYPE(JsonDocument::Type)

// Declared before the raw string literals below, which moc's tokenizer does not follow.
class TestJsonDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysInSourceOrder();
    void duplicateKeys_data();
    void duplicateKeys();
    void numbersAsWritten_data();
    void numbersAsWritten();
    void spans_data();
    void spans();
    void treeLinks();
    void decodedStrings_data();
    void decodedStrings();
    void errors_data();
    void errors();
    void deepNesting_data();
    void deepNesting();
    void nodeAt_data();
    void nodeAt();
    void nodeAtLargeArray();
};

namespace {

// The node reached by following child indexes from the root.
int nodeAtPath(const JsonDocument &doc, const QList<int> &path)
{
    int n = doc.root();
    for (int i : path)
        n = doc.child(n, i);
    return n;
}

const QByteArray SpanDoc = R"({"id": 42, "name" : "x\"y", "list":[true, null], "n":{}})";

} // namespace

void TestJsonDocument::keysInSourceOrder()
{
    const JsonDocument doc = JsonDocument::parse(R"({"zeta":1,"alpha":2,"mid":{"b":0,"a":0}})");
    QVERIFY2(doc.isValid(), qPrintable(doc.errorString()));
    QStringList keys;
    for (int i = 0; i < doc.node(doc.root()).childCount; ++i)
        keys << doc.key(doc.child(doc.root(), i));
    QCOMPARE(keys, QStringList({"zeta", "alpha", "mid"}));
    const int mid = doc.child(doc.root(), 2);
    QCOMPARE(doc.key(doc.child(mid, 0)), QStringLiteral("b"));
    QCOMPARE(doc.key(doc.child(mid, 1)), QStringLiteral("a"));
}

void TestJsonDocument::duplicateKeys_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QList<int>>("objectPath");
    QTest::addColumn<QList<bool>>("flags"); // per member of that object

    QTest::newRow("first and last")
        << QByteArray(R"({"a":1,"b":2,"a":3})") << QList<int>{} << QList<bool>{true, false, true};
    QTest::newRow("three times") << QByteArray(R"({"a":1,"a":2,"a":3,"b":4})") << QList<int>{}
                                 << QList<bool>{true, true, true, false};
    QTest::newRow("same key after unescaping")
        << QByteArray(R"({"a":1,"\u0061":2})") << QList<int>{} << QList<bool>{true, true};
    QTest::newRow("different objects do not clash")
        << QByteArray(R"({"x":{"a":1},"y":{"a":2}})") << QList<int>{0} << QList<bool>{false};
    QTest::newRow("nested duplicates stay nested")
        << QByteArray(R"({"x":{"k":1,"k":2},"k":3})") << QList<int>{} << QList<bool>{false, false};
    QTest::newRow("nested object flagged")
        << QByteArray(R"({"x":{"k":1,"k":2},"k":3})") << QList<int>{0} << QList<bool>{true, true};
    QTest::newRow("no duplicates") << QByteArray(R"({"a":1,"A":2,"a ":3})") << QList<int>{}
                                   << QList<bool>{false, false, false};

    // Big objects take the sorting path.
    QByteArray big = "{";
    QList<bool> bigFlags;
    for (int i = 0; i < 40; ++i) {
        big += (i ? "," : "") + QByteArray("\"k") + QByteArray::number(i == 33 ? 7 : i) + "\":0";
        bigFlags << (i == 7 || i == 33);
    }
    big += "}";
    QTest::newRow("40 members, one repeat") << big << QList<int>{} << bigFlags;
}

void TestJsonDocument::duplicateKeys()
{
    QFETCH(QByteArray, json);
    QFETCH(QList<int>, objectPath);
    QFETCH(QList<bool>, flags);

    const JsonDocument doc = JsonDocument::parse(json);
    QVERIFY2(doc.isValid(), qPrintable(doc.errorString()));
    const int object = nodeAtPath(doc, objectPath);
    QCOMPARE(doc.node(object).type, Type::Object);
    QCOMPARE(doc.node(object).childCount, flags.size());
    QList<bool> actual;
    for (int i = 0; i < flags.size(); ++i)
        actual << doc.node(doc.child(object, i)).duplicateKey;
    QCOMPARE(actual, flags);
}

void TestJsonDocument::numbersAsWritten_data()
{
    QTest::addColumn<QByteArray>("number");

    QTest::newRow("23 digits") << QByteArray("12345678901234567890123");
    QTest::newRow("negative big") << QByteArray("-98765432109876543210987654321");
    QTest::newRow("past uint64") << QByteArray("18446744073709551616");
    QTest::newRow("long fraction") << QByteArray("0.100000000000000000000000000001");
    QTest::newRow("exponent case kept") << QByteArray("1E+2");
    QTest::newRow("negative zero") << QByteArray("-0");
    QTest::newRow("beyond double") << QByteArray("1e400");
    QTest::newRow("long exponent") << QByteArray("2e-00000000000000000000001");
}

void TestJsonDocument::numbersAsWritten()
{
    QFETCH(QByteArray, number);

    const JsonDocument doc =
        JsonDocument::parse("{\"n\": " + number + " , \"m\":[" + number + "]}");
    QVERIFY2(doc.isValid(), qPrintable(doc.errorString()));
    const int member = doc.child(doc.root(), 0);
    QCOMPARE(doc.node(member).type, Type::Number);
    QCOMPARE(doc.rawText(member), number);
    const int element = doc.child(doc.child(doc.root(), 1), 0);
    QCOMPARE(doc.rawText(element), number);

    const JsonDocument bare = JsonDocument::parse(number);
    QVERIFY2(bare.isValid(), qPrintable(bare.errorString()));
    QCOMPARE(bare.rawText(bare.root()), number);
}

void TestJsonDocument::spans_data()
{
    QTest::addColumn<int>("node");
    QTest::addColumn<Type>("type");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("length");
    QTest::addColumn<qint64>("keyOffset");
    QTest::addColumn<qint64>("keyLength");

    // {"id": 42, "name" : "x\"y", "list":[true, null], "n":{}}
    QTest::newRow("root") << 0 << Type::Object << 0ll << 56ll << 0ll << 0ll;
    QTest::newRow("id") << 1 << Type::Number << 7ll << 2ll << 1ll << 4ll;
    QTest::newRow("name, spaces round the colon")
        << 2 << Type::String << 20ll << 6ll << 11ll << 6ll;
    QTest::newRow("list") << 3 << Type::Array << 35ll << 12ll << 28ll << 6ll;
    QTest::newRow("true") << 4 << Type::Bool << 36ll << 4ll << 0ll << 0ll;
    QTest::newRow("null") << 5 << Type::Null << 42ll << 4ll << 0ll << 0ll;
    QTest::newRow("empty object") << 6 << Type::Object << 53ll << 2ll << 49ll << 3ll;
}

void TestJsonDocument::spans()
{
    QFETCH(int, node);
    QFETCH(Type, type);
    QFETCH(qint64, offset);
    QFETCH(qint64, length);
    QFETCH(qint64, keyOffset);
    QFETCH(qint64, keyLength);

    const JsonDocument doc = JsonDocument::parse(SpanDoc);
    QVERIFY2(doc.isValid(), qPrintable(doc.errorString()));
    QCOMPARE(doc.nodeCount(), 7);
    const JsonDocument::Node n = doc.node(node);
    QCOMPARE(n.type, type);
    QCOMPARE(n.span.offset, offset);
    QCOMPARE(n.span.length, length);
    QCOMPARE(n.keySpan.offset, keyOffset);
    QCOMPARE(n.keySpan.length, keyLength);
}

void TestJsonDocument::treeLinks()
{
    const JsonDocument doc = JsonDocument::parse(SpanDoc);
    QVERIFY(doc.isValid());
    const JsonDocument::Node root = doc.node(0);
    QCOMPARE(root.parent, -1);
    QCOMPARE(root.childCount, 4);
    QCOMPARE(root.firstChild, 1);
    QCOMPARE(doc.node(1).nextSibling, 2);
    QCOMPARE(doc.node(2).nextSibling, 3);
    QCOMPARE(doc.node(3).nextSibling, 6); // skips the list's own children
    QCOMPARE(doc.node(6).nextSibling, -1);
    QCOMPARE(doc.node(3).firstChild, 4);
    QCOMPARE(doc.node(5).parent, 3);
    QCOMPARE(doc.node(6).firstChild, -1);
    QCOMPARE(doc.child(0, 3), 6);
    QCOMPARE(doc.child(0, 4), -1);
    QCOMPARE(doc.child(0, -1), -1);
    QCOMPARE(doc.child(6, 0), -1);
}

void TestJsonDocument::decodedStrings_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<QString>("decoded");

    QTest::newRow("plain") << QByteArray(R"("abc")") << QStringLiteral("abc");
    QTest::newRow("empty") << QByteArray(R"("")") << QString();
    QTest::newRow("short escapes")
        << QByteArray(R"("\"\\\/\b\f\n\r\t")") << QStringLiteral("\"\\/\b\f\n\r\t");
    QTest::newRow("BMP escape") << QByteArray(R"("caf\u00e9")") << QStringLiteral("café");
    QTest::newRow("surrogate pair")
        << QByteArray(R"("\ud83d\ude00!")") << QString::fromUtf8("\xF0\x9F\x98\x80!");
    QTest::newRow("upper-case hex")
        << QByteArray(R"("\uD83D\uDE00")") << QString::fromUtf8("\xF0\x9F\x98\x80");
    QTest::newRow("raw UTF-8") << QByteArray("\"\xE2\x82\xAC 5\"") << QStringLiteral("€ 5");
    QTest::newRow("escaped backslash before quote")
        << QByteArray(R"("a\\")") << QStringLiteral("a\\");
}

void TestJsonDocument::decodedStrings()
{
    QFETCH(QByteArray, literal);
    QFETCH(QString, decoded);

    const JsonDocument doc = JsonDocument::parse("{" + literal + ":" + literal + "}");
    QVERIFY2(doc.isValid(), qPrintable(doc.errorString()));
    const int member = doc.child(doc.root(), 0);
    QCOMPARE(doc.key(member), decoded);
    QCOMPARE(doc.stringValue(member), decoded);
    QCOMPARE(doc.node(member).keySpan.length, literal.size());
    QCOMPARE(doc.rawText(member), literal);
}

void TestJsonDocument::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("message"); // a part of the message

    QTest::newRow("empty input") << QByteArray() << 0ll << "empty input";
    QTest::newRow("only whitespace") << QByteArray(" \n ") << 3ll << "empty input";
    QTest::newRow("unclosed string: its opening quote")
        << QByteArray(R"({"a": "abc)") << 6ll << "string is never closed";
    QTest::newRow("missing colon: the token after the key")
        << QByteArray(R"({"a" 1})") << 5ll << "expected ':'";
    QTest::newRow("missing colon at the end") << QByteArray(R"({"a")") << 4ll << "end of input";
    QTest::newRow("trailing comma in array: the comma")
        << QByteArray("[1,2,]") << 4ll << "trailing comma";
    QTest::newRow("trailing comma in object: the comma")
        << QByteArray(R"({"a":1 ,})") << 7ll << "trailing comma";
    QTest::newRow("garbage after the value")
        << QByteArray(R"({"a":1} x)") << 8ll << "after the JSON value";
    QTest::newRow("second value") << QByteArray("1 2") << 2ll << "after the JSON value";
    QTest::newRow("extra bracket") << QByteArray("[1]]") << 3ll << "after the JSON value";
    QTest::newRow("missing comma") << QByteArray("[1 2]") << 3ll << "expected ',' or ']'";
    QTest::newRow("missing comma between members")
        << QByteArray(R"({"a":1 "b":2})") << 7ll << "expected ',' or '}'";
    QTest::newRow("mismatched bracket") << QByteArray("[1}") << 2ll << "expected ',' or ']'";
    QTest::newRow("unclosed array")
        << QByteArray("[1, 2") << 5ll << "'[' at offset 0 is not closed";
    QTest::newRow("unclosed object") << QByteArray(R"({"a":[]  )") << 9ll << "end of input";
    QTest::newRow("key not a string") << QByteArray("{1:2}") << 1ll << "expected a string key";
    QTest::newRow("missing value") << QByteArray(R"({"a":})") << 5ll << "expected a JSON value";
    QTest::newRow("missing value after a comma")
        << QByteArray(R"({"a":1,"b":})") << 11ll << "expected a JSON value";
    QTest::newRow("comma then the wrong bracket")
        << QByteArray("[1,}") << 3ll << "expected a JSON value";
    QTest::newRow("leading comma") << QByteArray("[,1]") << 1ll << "expected a JSON value";
    QTest::newRow("leading zero") << QByteArray("[01]") << 1ll << "invalid number";
    QTest::newRow("bare minus") << QByteArray("[-]") << 1ll << "invalid number";
    QTest::newRow("half a literal") << QByteArray("[tru]") << 1ll << "invalid literal";
    QTest::newRow("literal with a tail") << QByteArray("nulls") << 0ll << "invalid literal";
    QTest::newRow("bad escape: its backslash")
        << QByteArray(R"(["ab\x"])") << 4ll << "invalid escape";
    QTest::newRow("lone high surrogate") << QByteArray(R"(["\ud800x"])") << 2ll << "invalid escape";
    QTest::newRow("bad escape in key") << QByteArray(R"({"k\q":1})") << 3ll << "invalid escape";
    QTest::newRow("raw control character")
        << QByteArray("[\"a\tb\"]") << 3ll << "control character";
    QTest::newRow("invalid UTF-8") << QByteArray("[\"ok\", \"\xC3\x28\"]") << 8ll << "UTF-8";
    QTest::newRow("single quotes") << QByteArray("['a']") << 1ll << "expected a JSON value";
}

void TestJsonDocument::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, offset);
    QFETCH(QString, message);

    const JsonDocument doc = JsonDocument::parse(json);
    QVERIFY(!doc.isValid());
    QVERIFY2(doc.errorString().contains(message), qPrintable(doc.errorString()));
    QCOMPARE(doc.errorOffset(), offset);
    QCOMPARE(doc.nodeCount(), 0);
    QCOMPARE(doc.root(), -1);
    QCOMPARE(doc.nodeAt(0), -1);
}

void TestJsonDocument::deepNesting_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("errorOffset");
    QTest::addColumn<QString>("message");

    const int limit = JsonDocument::MaxDepth;
    QTest::newRow("100000 unclosed '['")
        << QByteArray(100000, '[') << false << qint64(limit) << "nesting deeper than";
    QTest::newRow("100000 closed levels of arrays")
        << QByteArray(100000, '[') + QByteArray(100000, ']') << false << qint64(limit)
        << "nesting deeper than";
    QTest::newRow("objects past the limit")
        << QByteArray("{\"a\":").repeated(limit + 1) + "1" + QByteArray(limit + 1, '}') << false
        << qint64(limit) * 5 << "nesting deeper than";
    QTest::newRow("exactly the limit")
        << QByteArray(limit, '[') + QByteArray(limit, ']') << true << -1ll << QString();
    QTest::newRow("at the limit, unclosed")
        << QByteArray(limit, '[') << false << qint64(limit) << "is not closed";
}

void TestJsonDocument::deepNesting()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, valid);
    QFETCH(qint64, errorOffset);
    QFETCH(QString, message);

    const JsonDocument doc = JsonDocument::parse(json);
    QCOMPARE(doc.isValid(), valid);
    QCOMPARE(doc.errorOffset(), errorOffset);
    QVERIFY2(doc.errorString().contains(message), qPrintable(doc.errorString()));
    if (valid) {
        QCOMPARE(doc.nodeCount(), JsonDocument::MaxDepth);
        const int deepest = doc.nodeCount() - 1;
        QCOMPARE(doc.nodeAt(deepest), deepest);
        QCOMPARE(doc.node(deepest).span.length, 2);
        QCOMPARE(doc.node(deepest).parent, deepest - 1);
    }
}

void TestJsonDocument::nodeAt_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("node");

    // {"id": 42, "name" : "x\"y", "list":[true, null], "n":{}}
    QTest::newRow("opening brace") << 0ll << 0;
    QTest::newRow("inside a key") << 2ll << 1;
    QTest::newRow("key's closing quote") << 4ll << 1;
    QTest::newRow("colon belongs to the object") << 5ll << 0;
    QTest::newRow("space before the value") << 6ll << 0;
    QTest::newRow("number") << 8ll << 1;
    QTest::newRow("comma") << 9ll << 0;
    QTest::newRow("escaped quote in a string") << 22ll << 2;
    QTest::newRow("array bracket") << 35ll << 3;
    QTest::newRow("inside an element") << 37ll << 4;
    QTest::newRow("between elements") << 41ll << 3;
    QTest::newRow("last element") << 45ll << 5;
    QTest::newRow("empty object") << 54ll << 6;
    QTest::newRow("closing brace") << 55ll << 0;
    QTest::newRow("past the end") << 56ll << -1;
    QTest::newRow("negative") << -1ll << -1;
}

void TestJsonDocument::nodeAt()
{
    QFETCH(qint64, offset);
    QFETCH(int, node);

    const JsonDocument doc = JsonDocument::parse(SpanDoc);
    QVERIFY(doc.isValid());
    QCOMPARE(doc.nodeAt(offset), node);
}

void TestJsonDocument::nodeAtLargeArray()
{
    // Leading whitespace: the root does not start at offset 0.
    QByteArray json = "  [";
    for (int i = 0; i < 100000; ++i)
        json += (i ? "," : "") + QByteArray("{\"v\":") + QByteArray::number(i) + "}";
    json += "]";
    const JsonDocument doc = JsonDocument::parse(json);
    QVERIFY2(doc.isValid(), qPrintable(doc.errorString()));
    QCOMPARE(doc.nodeAt(0), -1);
    QCOMPARE(doc.nodeAt(2), 0);
    const int element = doc.child(0, 76543);
    const int value = doc.child(element, 0);
    QCOMPARE(doc.rawText(value), QByteArray("76543"));
    const qint64 inValue = doc.node(value).span.offset + 2;
    QCOMPARE(doc.nodeAt(inValue), value);
    QCOMPARE(doc.nodeAt(doc.node(element).span.offset), element);
    QCOMPARE(doc.nodeAt(doc.node(value).keySpan.offset + 1), value);
}

QTEST_GUILESS_MAIN(TestJsonDocument)
#include "tst_jsondocument.moc"
