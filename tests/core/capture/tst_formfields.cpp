#include "core/capture/FormFields.h"

#include <QTest>

class TestFormFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void spans_data();
    void spans();
};

void TestFormFields::parse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("values");

    QTest::newRow("empty body") << QByteArray() << QStringList() << QStringList();
    QTest::newRow("two fields") << QByteArray("a=1&b=two") << QStringList{"a", "b"}
                                << QStringList{"1", "two"};
    QTest::newRow("plus is a space")
        << QByteArray("q=hello+world") << QStringList{"q"} << QStringList{"hello world"};
    QTest::newRow("encoded plus stays a plus")
        << QByteArray("q=1%2B1") << QStringList{"q"} << QStringList{"1+1"};
    QTest::newRow("percent-decoded UTF-8")
        << QByteArray("name=Jos%C3%A9&city=M%c3%bcnchen") << QStringList{"name", "city"}
        << QStringList{QStringLiteral("José"), QStringLiteral("München")};
    QTest::newRow("invalid escapes kept")
        << QByteArray("a=100%&b=%zz&c=%4") << QStringList{"a", "b", "c"}
        << QStringList{"100%", "%zz", "%4"};
    QTest::newRow("encoded names") << QByteArray("first+name=x&a%5Bb%5D=y")
                                   << QStringList{"first name", "a[b]"} << QStringList{"x", "y"};
    QTest::newRow("empty name and value")
        << QByteArray("=v&k=&=") << QStringList{"", "k", ""} << QStringList{"v", "", ""};
    QTest::newRow("field without '='")
        << QByteArray("flag&x=1") << QStringList{"flag", "x"} << QStringList{"", "1"};
    QTest::newRow("empty sequences skipped")
        << QByteArray("&a=1&&b=2&") << QStringList{"a", "b"} << QStringList{"1", "2"};
    QTest::newRow("'=' inside the value")
        << QByteArray("sig=a=b==") << QStringList{"sig"} << QStringList{"a=b=="};
    QTest::newRow("repeated names kept in order")
        << QByteArray("t=1&t=2&t=3") << QStringList{"t", "t", "t"} << QStringList{"1", "2", "3"};
    QTest::newRow("invalid UTF-8 replaced") << QByteArray("x=%FF") << QStringList{"x"}
                                            << QStringList{QString(QChar::ReplacementCharacter)};
}

void TestFormFields::parse()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, names);
    QFETCH(QStringList, values);

    const QList<FormFields::Field> fields = FormFields::parse(body);
    QStringList actualNames, actualValues;
    for (const FormFields::Field &f : fields) {
        actualNames << f.name;
        actualValues << f.value;
    }
    QCOMPARE(actualNames, names);
    QCOMPARE(actualValues, values);
}

void TestFormFields::spans_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("field");
    QTest::addColumn<QByteArray>("rawName");
    QTest::addColumn<qint64>("nameOffset");
    QTest::addColumn<QByteArray>("rawValue");
    QTest::addColumn<qint64>("valueOffset");

    QTest::newRow("first") << QByteArray("a=1&name=J%C3%B6rg+K") << 0 << QByteArray("a") << 0ll
                           << QByteArray("1") << 2ll;
    QTest::newRow("encoded value, raw span")
        << QByteArray("a=1&name=J%C3%B6rg+K") << 1 << QByteArray("name") << 4ll
        << QByteArray("J%C3%B6rg+K") << 9ll;
    QTest::newRow("after an empty sequence")
        << QByteArray("x=1&&y=22") << 1 << QByteArray("y") << 5ll << QByteArray("22") << 7ll;
    QTest::newRow("no '=': empty value at the name's end")
        << QByteArray("a=1&flag") << 1 << QByteArray("flag") << 4ll << QByteArray() << 8ll;
    QTest::newRow("empty value after '='")
        << QByteArray("k=&z=9") << 0 << QByteArray("k") << 0ll << QByteArray() << 2ll;
    QTest::newRow("empty name") << QByteArray("=v") << 0 << QByteArray() << 0ll << QByteArray("v")
                                << 1ll;
}

void TestFormFields::spans()
{
    QFETCH(QByteArray, body);
    QFETCH(int, field);
    QFETCH(QByteArray, rawName);
    QFETCH(qint64, nameOffset);
    QFETCH(QByteArray, rawValue);
    QFETCH(qint64, valueOffset);

    const QList<FormFields::Field> fields = FormFields::parse(body);
    QVERIFY(field < fields.size());
    const FormFields::Field &f = fields.at(field);
    QCOMPARE(f.nameSpan.offset, nameOffset);
    QCOMPARE(f.nameSpan.length, rawName.size());
    QCOMPARE(body.mid(f.nameSpan.offset, f.nameSpan.length), rawName);
    QCOMPARE(f.valueSpan.offset, valueOffset);
    QCOMPARE(f.valueSpan.length, rawValue.size());
    QCOMPARE(body.mid(f.valueSpan.offset, f.valueSpan.length), rawValue);
}

QTEST_GUILESS_MAIN(TestFormFields)
#include "tst_formfields.moc"
