// EventPattern: what EventBridge refuses, with its reasons and where; the bounds Hookbench adds.
// The invalid cases follow the operators of AWS's "Content filtering in Amazon EventBridge event
// patterns" page, one row per way each can be written wrong.
#include "core/rules/EventPattern.h"

#include <QtTest>

class TestEventPattern : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acceptsTheDocumentedOperators_data();
    void acceptsTheDocumentedOperators();
    void refusesWithAwsReasons_data();
    void refusesWithAwsReasons();
    void namesLineColumnAndPath();
    void answersAsAwsDid_data();
    void answersAsAwsDid();
    void quotesALongPatternTruncated();
    void boundsNestingArraysAndOr();
    void compilesConfigValues();
    void keepsFieldPaths();
};

void TestEventPattern::acceptsTheDocumentedOperators_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::newRow("exact") << QByteArray(R"({"source": ["aws.ec2"], "detail-type": ["X"]})");
    QTest::newRow("null, bool, number, empty") << QByteArray(
        R"({"detail": {"a": [null], "b": [true, false], "c": [3.018e2], "d": [""]}})");
    QTest::newRow("prefix") << QByteArray(R"({"time": [{"prefix": "2017-10-02"}]})");
    QTest::newRow("prefix ignore case")
        << QByteArray(R"({"detail": {"service": [{"prefix": {"equals-ignore-case": "EventB"}}]}})");
    QTest::newRow("suffix") << QByteArray(R"({"FileName": [{"suffix": ".png"}]})");
    QTest::newRow("suffix ignore case")
        << QByteArray(R"({"detail": {"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]}})");
    QTest::newRow("equals-ignore-case")
        << QByteArray(R"({"detail-type": [{"equals-ignore-case": "ec2 instance state-change"}]})");
    QTest::newRow("anything-but value")
        << QByteArray(R"({"detail": {"state": [{"anything-but": "initializing"}]}})");
    QTest::newRow("anything-but number")
        << QByteArray(R"({"detail": {"x-limit": [{"anything-but": 123}]}})");
    QTest::newRow("anything-but list")
        << QByteArray(R"({"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}})");
    QTest::newRow("anything-but numbers")
        << QByteArray(R"({"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}})");
    QTest::newRow("anything-but prefix")
        << QByteArray(R"({"detail": {"state": [{"anything-but": {"prefix": "init"}}]}})");
    QTest::newRow("anything-but suffix")
        << QByteArray(R"({"detail": {"FileName": [{"anything-but": {"suffix": ".txt"}}]}})");
    QTest::newRow("anything-but ignore case") << QByteArray(
        R"({"detail": {"state": [{"anything-but": {"equals-ignore-case": ["a", "B"]}}]}})");
    QTest::newRow("anything-but wildcard")
        << QByteArray(R"({"detail": {"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}})");
    QTest::newRow("numeric range")
        << QByteArray(R"({"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}],
                                     "d-count": [{"numeric": ["<", 10]}],
                                     "x-limit": [{"numeric": ["=", 3.018e2]}]}})");
    QTest::newRow("exists") << QByteArray(R"({"detail": {"state": [{"exists": false}]}})");
    QTest::newRow("cidr v4") << QByteArray(
        R"({"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}})");
    QTest::newRow("cidr v6") << QByteArray(
        R"({"detail": {"sourceIPAddress": [{"cidr": "2001:db8::/32"}]}})");
    QTest::newRow("wildcard") << QByteArray(
        R"({"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]})");
    QTest::newRow("wildcard escapes") << QByteArray(R"({"a": [{"wildcard": "x\\*y\\\\z*"}]})");
    QTest::newRow("$or") << QByteArray(
        R"({"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]},
                        {"namespace": ["AWS/EC2", "AWS/ES"]}]})");
    QTest::newRow("$or nested") << QByteArray(
        R"({"detail": {"$or": [{"c-count": [{"numeric": [">", 0, "<=", 5]}]},
                        {"d-count": [{"numeric": ["<", 10]}]},
                        {"$or": [{"x": ["a"]}, {"y": ["b"]}]}]}})");
}

void TestEventPattern::acceptsTheDocumentedOperators()
{
    QFETCH(QByteArray, pattern);
    PatternError error;
    const EventPattern p = EventPattern::compile(pattern, &error);
    QVERIFY2(p.isValid(), qPrintable(error.message()));
    QVERIFY(error.isEmpty());
    QCOMPARE(p.text(), pattern);
}

void TestEventPattern::refusesWithAwsReasons_data()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("path");
    auto row = [](const char *name, const char *pattern, const char *reason, const char *path) {
        QTest::newRow(name) << QByteArray(pattern) << QString::fromUtf8(reason)
                            << QString::fromUtf8(path);
    };
    row("array root", R"(["aws.ec2"])", "Filter is not an object", "");
    row("string root", R"("x")", "Filter is not an object", "");
    row("empty object", R"({})", "Empty objects are not allowed", "");
    row("empty nested", R"({"detail": {}})", "Empty objects are not allowed", "detail");
    row("scalar field", R"({"source": "aws.ec2"})", "\"source\" must be an object or an array",
        "source");
    row("empty array", R"({"source": []})", "Empty arrays are not allowed", "source");
    row("array in array", R"({"source": [["a"]]})",
        "Match value must be String, number, true, false, or null", "source");
    row("unknown operator", R"({"source": [{"contains": "x"}]})",
        "Unrecognized match type contains", "source");
    row("empty expression", R"({"source": [{}]})", "Match expression name not found", "source");
    row("two keys", R"({"source": [{"prefix": "a", "suffix": "b"}]})",
        "Only one key allowed in match expression", "source");
    row("prefix number", R"({"source": [{"prefix": 1}]})", "prefix match pattern must be a string",
        "source");
    row("suffix bool", R"({"source": [{"suffix": true}]})", "suffix match pattern must be a string",
        "source");
    row("prefix ignore case number", R"({"a": [{"prefix": {"equals-ignore-case": 1}}]})",
        "equals-ignore-case match pattern must be a string", "a");
    row("equals-ignore-case number", R"({"a": [{"equals-ignore-case": 5}]})",
        "equals-ignore-case match pattern must be a string", "a");
    row("anything-but bool", R"({"a": [{"anything-but": true}]})",
        "Value of anything-but must be an array or single string/number value.", "a");
    row("anything-but list null", R"({"a": [{"anything-but": ["x", null]}]})",
        "Inside anything but list, start|null|boolean is not supported.", "a");
    row("anything-but mixed", R"({"a": [{"anything-but": ["x", 1]}]})",
        "Inside anything but list, either all values are number or string, mixed type is not "
        "supported",
        "a");
    row("anything-but unknown", R"({"a": [{"anything-but": {"numeric": [">", 1]}}]})",
        "Unsupported anything-but pattern: numeric", "a");
    row("anything-but empty prefix", R"({"a": [{"anything-but": {"prefix": ""}}]})",
        "Null prefix/suffix not allowed", "a");
    row("anything-but prefix number", R"({"a": [{"anything-but": {"prefix": 1}}]})",
        "prefix/suffix match pattern must be a string", "a");
    row("anything-but ignore case number",
        R"({"a": [{"anything-but": {"equals-ignore-case": 1}}]})",
        "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
        "a");
    row("anything-but wildcard **", R"({"a": [{"anything-but": {"wildcard": "a**"}}]})",
        "Consecutive wildcard characters at pos 1", "a");
    row("numeric not array", R"({"a": [{"numeric": ">"}]})", "Value of numeric must be an array.",
        "a");
    row("numeric empty", R"({"a": [{"numeric": []}]})", "Invalid member in numeric match: ]", "a");
    row("numeric number first", R"({"a": [{"numeric": [5]}]})",
        "Invalid member in numeric match: 5", "a");
    row("numeric operator", R"({"a": [{"numeric": ["!=", 5]}]})",
        "Unrecognized numeric range operator: !=", "a");
    row("numeric string value", R"({"a": [{"numeric": [">", "5"]}]})", "Value of > must be numeric",
        "a");
    row("numeric equals value", R"({"a": [{"numeric": ["="]}]})", "Value of equals must be numeric",
        "a");
    row("numeric = range", R"({"a": [{"numeric": ["=", 5, "<", 6]}]})",
        "Too many elements in numeric expression", "a");
    row("numeric range value", R"({"a": [{"numeric": [">", 5, 6]}]})",
        "Bad value in numeric range: 6", "a");
    row("numeric range operator", R"({"a": [{"numeric": [">", 5, ">", 6]}]})",
        "Bad numeric range operator: >", "a");
    row("numeric range top", R"({"a": [{"numeric": [">", 5, "<", "x"]}]})",
        "Value of < must be numeric", "a");
    row("numeric too many terms", R"({"a": [{"numeric": [">", 5, "<", 6, 7]}]})",
        "Too many terms in numeric range expression", "a");
    row("numeric bottom above top", R"({"a": [{"numeric": [">", 6, "<=", 5]}]})",
        "Bottom must be less than top", "a");
    row("exists string", R"({"a": [{"exists": "yes"}]})",
        "exists match pattern must be either true or false.", "a");
    row("cidr number", R"({"a": [{"cidr": 10}]})", "prefix match pattern must be a string", "a");
    row("cidr no slash", R"({"a": [{"cidr": "10.0.0.0"}]})", "Malformed CIDR, one '/' required",
        "a");
    row("cidr mask text", R"({"a": [{"cidr": "10.0.0.0/x"}]})",
        "Malformed CIDR, mask bits must be an integer", "a");
    row("cidr short v4", R"({"a": [{"cidr": "10.0.0/24"}]})", "Nonstandard IP address: 10.0.0",
        "a");
    row("cidr host name", R"({"a": [{"cidr": "example.com/24"}]})",
        "Nonstandard IP address: example.com", "a");
    row("cidr v4 mask", R"({"a": [{"cidr": "10.0.0.0/32"}]})", "IPv4 mask bits must be < 32", "a");
    row("cidr v6 mask", R"({"a": [{"cidr": "2001:db8::/128"}]})", "IPv6 mask bits must be < 128",
        "a");
    row("wildcard number", R"({"a": [{"wildcard": 5}]})", "wildcard match pattern must be a string",
        "a");
    row("wildcard **", R"({"a": [{"wildcard": "ab**c"}]})",
        "Consecutive wildcard characters at pos 2", "a");
    row("wildcard escape", R"({"a": [{"wildcard": "a\\b"}]})", "Invalid escape character at pos 1",
        "a");
    row("$or object", R"({"$or": {"a": ["x"]}})", "It must be an Array followed with $or.", "$or");
    row("$or one", R"({"$or": [{"a": ["x"]}]})",
        "There must have at least 2 Objects in $or relationship.", "$or");
    row("$or string", R"({"$or": [{"a": ["x"]}, "b"]})",
        "Only JSON object is allowed in array of $or relationship.", "$or[1]");
    row("$or reserved", R"({"detail": {"$or": [{"a": ["x"]}, {"numeric": [">", 1]}]}})",
        "numeric is Ruler reserved fieldName which cannot be used inside $or.",
        "detail.$or[1].numeric");
    row("$or inner error", R"({"$or": [{"a": ["x"]}, {"b": {"c": "d"}}]})",
        "\"c\" must be an object or an array", "$or[1].b.c");
}

void TestEventPattern::refusesWithAwsReasons()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QString, reason);
    QFETCH(QString, path);
    PatternError error;
    const EventPattern p = EventPattern::compile(pattern, &error);
    QVERIFY(!p.isValid());
    QCOMPARE(error.reason, reason);
    QCOMPARE(error.path, path);
    // AWS gives no location for CIDR errors (they are not the JSON parser's).
    const bool located = !reason.contains(QLatin1String("CIDR")) &&
                         !reason.contains(QLatin1String("IP address")) &&
                         !reason.contains(QLatin1String("mask bits"));
    QCOMPARE(error.line > 0, located);
    QCOMPARE(error.message(),
             QStringLiteral("Event pattern is not valid. Reason: ") + reason +
                 (located ? QStringLiteral("\n at [Source: (String)\"%1\"; line: %2, column: %3]")
                                .arg(QString::fromUtf8(pattern))
                                .arg(error.line)
                                .arg(error.column)
                          : QString()));
    QVERIFY(!error.summary().contains(QLatin1Char('\n')));
    QVERIFY(error.summary().contains(QStringLiteral("at %1").arg(path)) || path.isEmpty());
}

void TestEventPattern::namesLineColumnAndPath()
{
    PatternError error;
    QVERIFY(!EventPattern::compile(QByteArray(R"({"detail-type": "x"})"), &error).isValid());
    QCOMPARE(error.summary(),
             QStringLiteral("Event pattern is not valid. Reason: \"detail-type\" must be an object "
                            "or an array (at detail-type, line 1, column 18)"));

    const QByteArray multiLine =
        "{\n  \"detail\": {\n    \"amount\": [{\"numeric\": [\">\", \"5\"]}]\n  }\n}";
    QVERIFY(!EventPattern::compile(multiLine, &error).isValid());
    QCOMPARE(error.reason, QStringLiteral("Value of > must be numeric"));
    QCOMPARE(error.path, QStringLiteral("detail.amount"));
    QCOMPARE(error.line, 3);
    QCOMPARE(error.column, 35); // just after the opening quote of "5", where Jackson stood
    QVERIFY(error.message().endsWith(QStringLiteral("; line: 3, column: 35]")));
    QCOMPARE(error.message().count(QLatin1Char('\n')), 1); // the pattern's own are escaped

    // A key with an escaped line break is quoted escaped: the message stays one line.
    QVERIFY(!EventPattern::compile(QByteArray(R"({"a\r\nb": "x"})"), &error).isValid());
    QCOMPARE(error.reason, QStringLiteral(R"("a\r\nb" must be an object or an array)"));
    QCOMPARE(error.path, QStringLiteral(R"(a\r\nb)"));

    QVERIFY(!EventPattern::compile(QByteArray(R"({"source": [)"), &error).isValid());
    QVERIFY(error.reason.startsWith(QStringLiteral("Filter is not valid JSON")));
}

void TestEventPattern::answersAsAwsDid_data()
{
    // InvalidEventPatternException messages EventBridge returned to PutRule / TestEventPattern,
    // as LocalStack's parity tests recorded them against AWS (test_events_patterns.snapshot.json,
    // 2024-12-05): reason, line and column.
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QString>("message");
    auto row = [](const char *name, const char *pattern, const char *reason, int column) {
        QTest::newRow(name) << QByteArray(pattern)
                            << QStringLiteral("Event pattern is not valid. Reason: %1\n at "
                                              "[Source: (String)\"%2\"; line: 1, column: %3]")
                                   .arg(QString::fromUtf8(reason), QString::fromUtf8(pattern))
                                   .arg(column);
    };
    row("int_nolist_EXC", R"({"int": 42})", R"("int" must be an object or an array)", 11);
    row("string_nolist_EXC", R"({"string": "my-value"})",
        R"("string" must be an object or an array)", 13);
    row("content_numeric_operatorcasing_EXC", R"({"detail": {"equal": [{"NUMERIC": ["=", 5]}]}})",
        "Unrecognized match type NUMERIC", 36);
    row("operator_case_sensitive_EXC", R"({"my_key": [{"EXISTS": true}]})",
        "Unrecognized match type EXISTS", 28);
    row("arrays_empty_EXC", R"({"resources": []})", "Empty arrays are not allowed", 17);
    row("content_numeric_EXC", R"({"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}})",
        "Bad numeric range operator: >", 49);
    row("content_numeric_syntax_EXC", R"({"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}})",
        "Value of < must be numeric", 50);
    row("content_ignorecase_EXC",
        R"({"detail-type": [{"equals-ignore-case": ["ec2 instance state-change notification"]}]})",
        "equals-ignore-case match pattern must be a string", 42);
    row("content_ignorecase_list_EXC",
        R"({"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]})",
        "equals-ignore-case match pattern must be a string", 42);
    row("content_anything_but_ignorecase_EXC",
        R"({"detail": {"state": [{"anything-but": {"equals-ignore-case": 123}}]}})",
        "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
        66);
    row("content_anything_but_ignorecase_list_EXC",
        R"({"detail": {"state": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}})",
        "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
        67);
}

void TestEventPattern::answersAsAwsDid()
{
    QFETCH(QByteArray, pattern);
    QFETCH(QString, message);
    PatternError error;
    QVERIFY(!EventPattern::compile(pattern, &error).isValid());
    QCOMPARE(error.message(), message);
}

void TestEventPattern::quotesALongPatternTruncated()
{
    QByteArray pattern = R"({"source": ["aws.ec2"], "x": [)";
    for (int i = 0; i < 200; ++i)
        pattern += "\"value\",";
    pattern += R"(1], "y": "z"})";
    PatternError error;
    QVERIFY(!EventPattern::compile(pattern, &error).isValid());
    QCOMPARE(error.source.size(), 500);
    QCOMPARE(error.truncatedChars, pattern.size() - 500);
    QVERIFY(error.message().contains(
        QStringLiteral("\"[truncated %1 chars]; line: 1").arg(pattern.size() - 500)));
}

void TestEventPattern::boundsNestingArraysAndOr()
{
    PatternError error;
    // Nesting: 64 levels compile, 65 do not.
    auto nested = [](int depth) -> QByteArray {
        QByteArray p;
        for (int i = 1; i < depth; ++i)
            p += "{\"a\": ";
        p += "{\"b\": [1]}";
        for (int i = 1; i < depth; ++i)
            p += "}";
        return p;
    };
    QVERIFY2(EventPattern::compile(nested(EventPattern::MaxDepth), &error).isValid(),
             qPrintable(error.message()));
    QVERIFY(!EventPattern::compile(nested(EventPattern::MaxDepth + 1), &error).isValid());
    QVERIFY(error.reason.contains(QStringLiteral("deeper than 64")));
    // 100,000 levels: refused without recursing that deep.
    QVERIFY(!EventPattern::compile(nested(100000), &error).isValid());

    // Match arrays.
    auto values = [](int n) -> QByteArray {
        QByteArray p = "{\"a\": [";
        for (int i = 0; i < n; ++i)
            p += (i ? "," : "") + QByteArray::number(i);
        return p + "]}";
    };
    QVERIFY2(EventPattern::compile(values(EventPattern::MaxMatchValues), &error).isValid(),
             qPrintable(error.message()));
    QVERIFY(!EventPattern::compile(values(EventPattern::MaxMatchValues + 1), &error).isValid());
    QVERIFY(error.reason.contains(QStringLiteral("more than the 1024")));

    // $or: 12 nested levels of 2 alternatives = 4096 branches compile, 13 do not.
    auto ors = [](int levels) -> QByteArray {
        QByteArray p = "{\"z\": [1]}";
        for (int i = 0; i < levels; ++i)
            p = "{\"$or\": [" + p + ", {\"y" + QByteArray::number(i) + "\": [1]}], \"k\": [1]}";
        return p;
    };
    // Each level doubles at most: alternatives sum, so the count is levels + 1, not 2^levels.
    const EventPattern linear = EventPattern::compile(ors(12), &error);
    QVERIFY2(linear.isValid(), qPrintable(error.message()));
    QCOMPARE(linear.combinations(), 13);
    // A product: fields each holding a $or of 2 multiply.
    auto product = [](int fields) -> QByteArray {
        QByteArray p = "{";
        for (int i = 0; i < fields; ++i)
            p += (i ? "," : "") + QByteArray("\"f") + QByteArray::number(i) +
                 "\": {\"$or\": [{\"a\": [1]}, {\"b\": [1]}]}";
        return p + "}";
    };
    const EventPattern twelve = EventPattern::compile(product(12), &error);
    QVERIFY2(twelve.isValid(), qPrintable(error.message()));
    QCOMPARE(twelve.combinations(), 4096);
    QVERIFY(!EventPattern::compile(product(13), &error).isValid());
    QVERIFY(error.reason.contains(QStringLiteral("more than 4096 combinations")));

    // Size.
    QVERIFY(!EventPattern::compile(QByteArray(EventPattern::MaxPatternBytes + 1, ' '), &error)
                 .isValid());
    QVERIFY(error.reason.contains(QStringLiteral("bytes")));
}

void TestEventPattern::compilesConfigValues()
{
    PatternError error;
    const QJsonObject object{{"detail-type", QJsonArray{"customer.created"}}};
    QVERIFY(EventPattern::compile(QJsonValue(object), &error).isValid());
    QVERIFY(EventPattern::compile(QJsonValue(QStringLiteral(R"({"source": ["a"]})")), &error)
                .isValid());
    QVERIFY(!EventPattern::compile(QJsonValue(QJsonArray{1}), &error).isValid());
    QCOMPARE(error.reason, QStringLiteral("Filter is not an object"));
}

void TestEventPattern::keepsFieldPaths()
{
    PatternError error;
    const EventPattern p = EventPattern::compile(
        QByteArray(
            R"({"source": ["a"], "detail": {"type": ["t"], "$or": [{"x": [1]}, {"y": [2]}]}})"),
        &error);
    QVERIFY(p.isValid());
    QCOMPARE(p.fieldPaths(), (QStringList{"source", "detail.type", "detail.x", "detail.y"}));
    QCOMPARE(p.combinations(), 2);
}

QTEST_GUILESS_MAIN(TestEventPattern)
#include "tst_eventpattern.moc"
