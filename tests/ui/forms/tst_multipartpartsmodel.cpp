#include "ui/forms/MultipartPartsModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {

const QByteArray kBody = "--XyZ\r\n"
                         "Content-Disposition: form-data; name=\"field\"\r\n"
                         "\r\n"
                         "value\r\n"
                         "--XyZ\r\n"
                         "Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n"
                         "Content-Type: text/plain\r\n"
                         "\r\n"
                         "hello world\r\n"
                         "--XyZ--\r\n";

ByteSpan spanOf(const QByteArray &text, qint64 from = 0)
{
    return {kBody.indexOf(text, from), text.size()};
}

QList<MultipartBody::Part> bodyParts()
{
    MultipartBody::Part field;
    field.headers = {{"Content-Disposition", "form-data; name=\"field\""}};
    field.name = "field";
    field.headerSpan = spanOf("Content-Disposition: form-data; name=\"field\"\r\n");
    field.bodySpan = spanOf("value");

    MultipartBody::Part upload;
    upload.headers = {{"Content-Disposition", "form-data; name=\"upload\"; filename=\"a.txt\""},
                      {"Content-Type", "text/plain"}};
    upload.name = "upload";
    upload.fileName = "a.txt";
    upload.contentType = "text/plain";
    upload.headerSpan = spanOf("Content-Disposition: form-data; name=\"upload\"; "
                               "filename=\"a.txt\"\r\nContent-Type: text/plain\r\n");
    upload.bodySpan = spanOf("hello world");
    return {field, upload};
}

} // namespace

class TestMultipartPartsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesModelTester();
    void columns();
    void spanRoles();
    void partWithoutHeadersStartsAtItsBody();
    void rowForOffset();
};

void TestMultipartPartsModel::passesModelTester()
{
    MultipartPartsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setParts(bodyParts());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 4);
    model.setParts({});
    QCOMPARE(model.rowCount(), 0);
}

void TestMultipartPartsModel::columns()
{
    MultipartPartsModel model;
    model.setParts(bodyParts());
    QCOMPARE(model.headerData(MultipartPartsModel::FileNameColumn, Qt::Horizontal).toString(),
             QStringLiteral("File name"));
    QCOMPARE(model.headerData(MultipartPartsModel::ContentTypeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Content-Type"));
    QCOMPARE(model.index(0, MultipartPartsModel::NameColumn).data().toString(),
             QStringLiteral("field"));
    QCOMPARE(model.index(0, MultipartPartsModel::FileNameColumn).data().toString(), QString());
    QCOMPARE(model.index(1, MultipartPartsModel::FileNameColumn).data().toString(),
             QStringLiteral("a.txt"));
    QCOMPARE(model.index(1, MultipartPartsModel::ContentTypeColumn).data().toString(),
             QStringLiteral("text/plain"));
    QCOMPARE(model.index(0, MultipartPartsModel::SizeColumn).data().toLongLong(), qint64(5));
    QCOMPARE(model.index(1, MultipartPartsModel::SizeColumn).data().toLongLong(), qint64(11));
    const QVariant alignment =
        model.index(1, MultipartPartsModel::SizeColumn).data(Qt::TextAlignmentRole);
    QVERIFY(Qt::Alignment(alignment.toInt()).testFlag(Qt::AlignRight));
    QVERIFY(model.index(1, 0)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("Content-Type: text/plain")));
}

void TestMultipartPartsModel::spanRoles()
{
    MultipartPartsModel model;
    const QList<MultipartBody::Part> parts = bodyParts();
    model.setParts(parts);
    for (int row = 0; row < parts.size(); ++row) {
        const ByteSpan span =
            model.index(row, 2).data(MultipartPartsModel::SpanRole).value<ByteSpan>();
        QCOMPARE(span.offset, parts[row].headerSpan.offset);
        QCOMPARE(span.end(), parts[row].bodySpan.end());
        QCOMPARE(model.index(row, 0).data(MultipartPartsModel::BodySpanRole).value<ByteSpan>(),
                 parts[row].bodySpan);
    }
    const ByteSpan upload = model.index(1, 0).data(MultipartPartsModel::SpanRole).value<ByteSpan>();
    const QByteArray text = kBody.mid(upload.offset, upload.length);
    QVERIFY(text.startsWith("Content-Disposition: form-data; name=\"upload\""));
    QVERIFY(text.endsWith("\r\n\r\nhello world"));
}

void TestMultipartPartsModel::partWithoutHeadersStartsAtItsBody()
{
    MultipartBody::Part bare;
    bare.headerSpan = {7, 0};
    bare.bodySpan = {9, 4};
    MultipartPartsModel model;
    model.setParts({bare});
    QCOMPARE(model.index(0, 0).data(MultipartPartsModel::SpanRole).value<ByteSpan>(),
             (ByteSpan{9, 4}));
    QCOMPARE(model.rowForOffset(8), -1);
    QCOMPARE(model.rowForOffset(12), 0);
}

void TestMultipartPartsModel::rowForOffset()
{
    MultipartPartsModel model;
    model.setParts(bodyParts());
    QCOMPARE(model.rowForOffset(0), -1); // first boundary
    QCOMPARE(model.rowForOffset(kBody.indexOf("name=\"field\"")), 0);
    QCOMPARE(model.rowForOffset(kBody.indexOf("value")), 0);
    QCOMPARE(model.rowForOffset(kBody.indexOf("--XyZ", 5)), -1);
    QCOMPARE(model.rowForOffset(kBody.indexOf("text/plain")), 1);
    QCOMPARE(model.rowForOffset(kBody.indexOf("world")), 1);
    QCOMPARE(model.rowForOffset(kBody.indexOf("--XyZ--")), -1);
    QCOMPARE(model.rowForOffset(kBody.size()), -1);
}

QTEST_MAIN(TestMultipartPartsModel)
#include "tst_multipartpartsmodel.moc"
