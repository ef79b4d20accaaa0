#include "core/capture/JsonDocument.h"
#include "ui/json/JsonPointer.h"

#include <QtTest>

// Every node's pointer, in document order, resolved again by hand: RFC 6901's own example
// document (section 5) and a few more shapes.
class TestJsonPointer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc6901Example();
    void arraysAndNesting();
    void duplicateKeysAndEscapedKeys();

private:
    static QStringList pointers(const QByteArray &json);
};

QStringList TestJsonPointer::pointers(const QByteArray &json)
{
    const JsonDocument doc = JsonDocument::parse(json);
    if (!doc.isValid())
        return {QStringLiteral("invalid: ") + doc.errorString()};
    QStringList out;
    for (int n = 0; n < doc.nodeCount(); ++n)
        out.append(JsonPointer::of(doc, n));
    return out;
}

void TestJsonPointer::rfc6901Example()
{
    const QByteArray json = R"({"foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3,
        "g|h": 4, "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8})";
    const QStringList expected{"",     "/foo", "/foo/0", "/foo/1", "/",  "/a~1b", "/c%d",
                               "/e^f", "/g|h", "/i\\j",  "/k\"l",  "/ ", "/m~0n"};
    QCOMPARE(pointers(json), expected);
}

void TestJsonPointer::arraysAndNesting()
{
    const QByteArray json = R"([[1, [2, {"x": [null, true]}]], {}, "s"])";
    const QStringList expected{"",         "/0",         "/0/0",       "/0/1", "/0/1/0", "/0/1/1",
                               "/0/1/1/x", "/0/1/1/x/0", "/0/1/1/x/1", "/1",   "/2"};
    QCOMPARE(pointers(json), expected);
}

void TestJsonPointer::duplicateKeysAndEscapedKeys()
{
    // A key written with escapes is named by its decoded text; "~1" in a key stays literal
    // text and is escaped in turn ("~01"); duplicates share a pointer (a pointer cannot tell
    // them apart).
    const QByteArray json = R"({"\u0041\/": 1, "~1": 2, "d": 3, "d": 4, "é": 5})";
    const QStringList expected{"", "/A~1", "/~01", "/d", "/d", QStringLiteral("/é")};
    QCOMPARE(pointers(json), expected);
    QCOMPARE(JsonPointer::of(JsonDocument::parse("{}"), 5), QString()); // out of range: root
}

QTEST_GUILESS_MAIN(TestJsonPointer)
#include "tst_jsonpointer.moc"
