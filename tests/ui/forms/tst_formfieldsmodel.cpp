#include "ui/forms/FormFieldsModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {

// "a=1&b=&c&d%20e=f+g", field by field, as FormFields reports it.
const QByteArray kBody = "a=1&b=&c&d%20e=f+g";

FormFields::Field field(const QString &name, const QString &value, ByteSpan nameSpan,
                        ByteSpan valueSpan)
{
    return {name, value, nameSpan, valueSpan};
}

QList<FormFields::Field> bodyFields()
{
    return {
        field("a", "1", {0, 1}, {2, 1}),
        field("b", "", {4, 1}, {6, 0}),
        field("c", "", {7, 1}, {8, 0}),
        field("d e", "f g", {9, 5}, {15, 3}),
    };
}

} // namespace

class TestFormFieldsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesModelTester();
    void showsDecodedNamesAndValues();
    void spanRoleCoversNameToValue();
    void rowForOffset_data();
    void rowForOffset();
};

void TestFormFieldsModel::passesModelTester()
{
    FormFieldsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFields(bodyFields());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), 2);
    model.setFields({});
    QCOMPARE(model.rowCount(), 0);
}

void TestFormFieldsModel::showsDecodedNamesAndValues()
{
    FormFieldsModel model;
    model.setFields(bodyFields());
    QCOMPARE(model.index(3, FormFieldsModel::NameColumn).data().toString(), QStringLiteral("d e"));
    QCOMPARE(model.index(3, FormFieldsModel::ValueColumn).data().toString(), QStringLiteral("f g"));
    QCOMPARE(model.index(1, FormFieldsModel::ValueColumn).data().toString(), QString());
    QCOMPARE(model.headerData(FormFieldsModel::ValueColumn, Qt::Horizontal).toString(),
             QStringLiteral("Value"));
}

void TestFormFieldsModel::spanRoleCoversNameToValue()
{
    FormFieldsModel model;
    model.setFields(bodyFields());
    auto spanText = [&](int row) {
        const ByteSpan span = model.index(row, 1).data(FormFieldsModel::SpanRole).value<ByteSpan>();
        return kBody.mid(span.offset, span.length);
    };
    QCOMPARE(spanText(0), QByteArray("a=1"));
    QCOMPARE(spanText(1), QByteArray("b="));
    QCOMPARE(spanText(2), QByteArray("c"));
    QCOMPARE(spanText(3), QByteArray("d%20e=f+g"));
}

void TestFormFieldsModel::rowForOffset_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("row");
    QTest::newRow("first name") << qint64(0) << 0;
    QTest::newRow("first value") << qint64(2) << 0;
    QTest::newRow("separator") << qint64(3) << -1;
    QTest::newRow("equals of empty value") << qint64(5) << 1;
    QTest::newRow("name without equals") << qint64(7) << 2;
    QTest::newRow("encoded name") << qint64(11) << 3;
    QTest::newRow("last byte") << qint64(17) << 3;
    QTest::newRow("past end") << qint64(18) << -1;
    QTest::newRow("negative") << qint64(-1) << -1;
}

void TestFormFieldsModel::rowForOffset()
{
    QFETCH(qint64, offset);
    QFETCH(int, row);
    FormFieldsModel model;
    model.setFields(bodyFields());
    QCOMPARE(model.rowForOffset(offset), row);
}

QTEST_MAIN(TestFormFieldsModel)
#include "tst_formfieldsmodel.moc"
