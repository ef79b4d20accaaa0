#include "ui/headers/HeadersModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {

// Header fields with spans into `raw`, found the way the framer reports them: the line runs from
// the name to the end of the value, without the line break.
QList<HeaderField> fieldsOf(const QByteArray &raw)
{
    QList<HeaderField> fields;
    qint64 lineStart = raw.indexOf('\n') + 1; // skip the request line
    while (lineStart < raw.size()) {
        qint64 lineEnd = raw.indexOf('\n', lineStart);
        qint64 contentEnd = lineEnd > lineStart && raw[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (contentEnd == lineStart)
            break; // the empty line ending the header section
        const qint64 colon = raw.indexOf(':', lineStart);
        qint64 valueStart = colon + 1;
        while (raw[valueStart] == ' ')
            ++valueStart;
        HeaderField field;
        field.name = raw.mid(lineStart, colon - lineStart);
        field.value = raw.mid(valueStart, contentEnd - valueStart);
        field.nameSpan = {lineStart, colon - lineStart};
        field.valueSpan = {valueStart, contentEnd - valueStart};
        field.lineSpan = {lineStart, contentEnd - lineStart};
        fields.append(field);
        lineStart = lineEnd + 1;
    }
    return fields;
}

const QByteArray kRaw = "POST /hook HTTP/1.1\r\n"
                        "Host: example.test\r\n"
                        "X-Dup: one\r\n"
                        "Content-Type: application/json\r\n"
                        "x-dup: two\r\n"
                        "\r\n"
                        "{}";

} // namespace

class TestHeadersModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesModelTester();
    void rowsKeepOrderAndCasing();
    void duplicatesAreMarked();
    void spanRoleReturnsLineSpan();
    void rowForOffsetCrlf();
    void rowForOffsetBareLf();
    void undecodableBytesShowAsLatin1();
};

void TestHeadersModel::passesModelTester()
{
    HeadersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHeaders(fieldsOf(kRaw));
    QCOMPARE(model.rowCount(), 4);
    model.setHeaders({});
    QCOMPARE(model.rowCount(), 0);
    model.setHeaders(fieldsOf(kRaw));
    QCOMPARE(model.columnCount(), 2);
}

void TestHeadersModel::rowsKeepOrderAndCasing()
{
    HeadersModel model;
    model.setHeaders(fieldsOf(kRaw));
    const QStringList expectedNames{"Host", "X-Dup", "Content-Type", "x-dup"};
    const QStringList expectedValues{"example.test", "one", "application/json", "two"};
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, HeadersModel::NameColumn).data().toString(), expectedNames[row]);
        QCOMPARE(model.index(row, HeadersModel::ValueColumn).data().toString(),
                 expectedValues[row]);
    }
    QCOMPARE(model.headerData(HeadersModel::NameColumn, Qt::Horizontal).toString(),
             QStringLiteral("Name"));
    QCOMPARE(model.headerData(HeadersModel::ValueColumn, Qt::Horizontal).toString(),
             QStringLiteral("Value"));
}

void TestHeadersModel::duplicatesAreMarked()
{
    HeadersModel model;
    model.setHeaders(fieldsOf(kRaw));
    QCOMPARE(model.index(1, 0).data(HeadersModel::OccurrencesRole).toInt(), 2);
    QCOMPARE(model.index(3, 0).data(HeadersModel::OccurrencesRole).toInt(), 2);
    QCOMPARE(model.index(0, 0).data(HeadersModel::OccurrencesRole).toInt(), 1);

    const QString firstTip = model.index(1, 0).data(Qt::ToolTipRole).toString();
    const QString secondTip = model.index(3, 1).data(Qt::ToolTipRole).toString();
    QVERIFY2(firstTip.contains(QLatin1String("sent 2 times")), qPrintable(firstTip));
    QVERIFY(firstTip.contains(QLatin1String("occurrence 1 of 2")));
    QVERIFY(secondTip.contains(QLatin1String("occurrence 2 of 2")));
    QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().isEmpty());
    QVERIFY(model.index(1, 0).data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(!model.index(0, 0).data(Qt::FontRole).isValid());
}

void TestHeadersModel::spanRoleReturnsLineSpan()
{
    HeadersModel model;
    const QList<HeaderField> fields = fieldsOf(kRaw);
    model.setHeaders(fields);
    for (int row = 0; row < fields.size(); ++row) {
        const QVariant span = model.index(row, 1).data(HeadersModel::SpanRole);
        QVERIFY(span.canConvert<ByteSpan>());
        QCOMPARE(span.value<ByteSpan>(), fields[row].lineSpan);
    }
    const ByteSpan host = model.index(0, 0).data(HeadersModel::SpanRole).value<ByteSpan>();
    QCOMPARE(kRaw.mid(host.offset, host.length), QByteArray("Host: example.test"));
}

void TestHeadersModel::rowForOffsetCrlf()
{
    HeadersModel model;
    model.setHeaders(fieldsOf(kRaw));
    const qint64 dup = kRaw.indexOf("X-Dup");
    const qint64 dupCr = kRaw.indexOf("one\r\n") + 3;
    QCOMPARE(model.rowForOffset(0), -1); // request line
    QCOMPARE(model.rowForOffset(kRaw.indexOf("Host")), 0);
    QCOMPARE(model.rowForOffset(dup), 1);
    QCOMPARE(model.rowForOffset(dup + 8), 1);
    QCOMPARE(model.rowForOffset(dupCr), 1);     // its CR
    QCOMPARE(model.rowForOffset(dupCr + 1), 1); // its LF
    QCOMPARE(model.rowForOffset(dupCr + 2), 2);
    QCOMPARE(model.rowForOffset(kRaw.indexOf("two") + 2), 3);
    QCOMPARE(model.rowForOffset(kRaw.indexOf("\r\n\r\n") + 2), -1); // the empty line
    QCOMPARE(model.rowForOffset(kRaw.indexOf("{}")), -1);
}

void TestHeadersModel::rowForOffsetBareLf()
{
    // With bare LF line ends the byte after a line's LF already belongs to the next line.
    const QByteArray raw = "GET / HTTP/1.1\nA: 1\nB: 2\n\n";
    HeadersModel model;
    model.setHeaders(fieldsOf(raw));
    QCOMPARE(model.rowCount(), 2);
    const qint64 b = raw.indexOf("B:");
    QCOMPARE(model.rowForOffset(b - 1), 0);
    QCOMPARE(model.rowForOffset(b), 1);
}

void TestHeadersModel::undecodableBytesShowAsLatin1()
{
    HeaderField field;
    field.name = "X-Name";
    field.value = "caf\xe9";
    HeaderField utf8 = field;
    utf8.value = "caf\xc3\xa9";
    HeadersModel model;
    model.setHeaders({field, utf8});
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("caf\u00e9"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("caf\u00e9"));
}

QTEST_MAIN(TestHeadersModel)
#include "tst_headersmodel.moc"
