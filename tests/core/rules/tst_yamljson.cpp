// YamlJson: YAML templates as JSON text (libyaml), with CloudFormation's short forms and bounds.
#include "core/rules/YamlJson.h"

#include <QtTest>

class TestYamlJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scalars_data();
    void scalars();
    void keepsKeyOrderAndEscapes();
    void shortForms();
    void aliasBombIsRefused();
    void deepNestingIsRefused();
};

void TestYamlJson::scalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("plain number") << QByteArray("a: 1000") << QByteArray(R"({"a":1000})");
    QTest::newRow("exact decimal")
        << QByteArray("a: 0.30000000000000004") << QByteArray(R"({"a":0.30000000000000004})");
    QTest::newRow("big integer kept")
        << QByteArray("a: 12345678901234567890") << QByteArray(R"({"a":12345678901234567890})");
    QTest::newRow("quoted number") << QByteArray("a: '1000'") << QByteArray(R"({"a":"1000"})");
    QTest::newRow("leading zero") << QByteArray("a: 007") << QByteArray(R"({"a":"007"})");
    QTest::newRow("booleans") << QByteArray("a: [true, False, 'true']")
                              << QByteArray(R"({"a":[true,false,"true"]})");
    QTest::newRow("nulls") << QByteArray("a: [~, null, ]") << QByteArray(R"({"a":[null,null]})");
    QTest::newRow("empty value") << QByteArray("a:") << QByteArray(R"({"a":null})");
}

void TestYamlJson::scalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QByteArray, json);
    QString error;
    QCOMPARE(YamlJson::toJson(yaml, &error), json);
    QVERIFY(error.isEmpty());
}

void TestYamlJson::keepsKeyOrderAndEscapes()
{
    QString error;
    QCOMPARE(YamlJson::toJson("z: 1\na: \"tab\\tquote\\\" é\"\nm: |\n  two\n  lines\n", &error),
             QByteArray("{\"z\":1,\"a\":\"tab\\tquote\\\" \xc3\xa9\",\"m\":\"two\\nlines\\n\"}"));
}

void TestYamlJson::shortForms()
{
    QString error;
    QCOMPARE(YamlJson::toJson("a: !Ref Bus\nb: !GetAtt Fn.Arn\nc: !Sub '${X}.y'\n"
                              "d: !Join ['-', [a, b]]\n",
                              &error),
             QByteArray(R"({"a":{"Ref":"Bus"},"b":{"Fn::GetAtt":["Fn","Arn"]},)"
                        R"("c":{"Fn::Sub":"${X}.y"},"d":{"Fn::Join":["-",["a","b"]]}})"));
}

void TestYamlJson::aliasBombIsRefused()
{
    // each level doubles the one before: 2^40 leaves once expanded
    QByteArray yaml = "l0: &l0 [x, x]\n";
    for (int i = 1; i <= 40; ++i)
        yaml += "l" + QByteArray::number(i) + ": &l" + QByteArray::number(i) + " [*l" +
                QByteArray::number(i - 1) + ", *l" + QByteArray::number(i - 1) + "]\n";
    QString error;
    QVERIFY(YamlJson::toJson(yaml, &error).isEmpty());
    QVERIFY2(error.contains("MB as JSON"), qPrintable(error));
}

void TestYamlJson::deepNestingIsRefused()
{
    const QByteArray yaml =
        QByteArray(YamlJson::MaxDepth + 10, '[') + "1" + QByteArray(YamlJson::MaxDepth + 10, ']');
    QString error;
    QVERIFY(YamlJson::toJson(yaml, &error).isEmpty());
    QVERIFY2(error.contains("nested deeper than"), qPrintable(error));
    QVERIFY(YamlJson::toJson("a: [b", &error).isEmpty());
    QVERIFY2(error.startsWith("line 2, column 1: did not find expected"), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestYamlJson)
#include "tst_yamljson.moc"
