#include "ui/endpoints/EndpointListModel.h"
#include "ui/endpoints/ResponseHeadersModel.h"
#include "ui/endpoints/SecretListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

namespace {

EndpointConfig endpoint(const QString &id, const QString &path, const QString &provider = {})
{
    EndpointConfig e;
    e.id = id;
    e.path = path;
    e.provider = provider;
    return e;
}

} // namespace

class TestEndpointListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsRowsInMemory();
    void marksDuplicatesOnBothRows();
    void marksBadPaths_data();
    void marksBadPaths();
    void marksWhatTheConfigLoaderRefuses();
    void responseHeadersAreEditable();
    void secretValuesAreMasked_data();
    void secretValuesAreMasked();
    void secretModelNeverReturnsTheValue();
};

void TestEndpointListModel::editsRowsInMemory()
{
    EndpointListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEndpoints(
        {endpoint("stripe-dev", "/stripe", "stripe"), endpoint("gh", "/github", "github")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(EndpointListModel::ColumnCount));
    QCOMPARE(model.index(1, EndpointListModel::ProviderColumn).data().toString(),
             QStringLiteral("github"));
    QCOMPARE(model.originalId(0), QStringLiteral("stripe-dev"));

    const quint64 key = model.key(1);
    const int row = model.insertEndpoint(1, endpoint("new", "/new"));
    QCOMPARE(row, 1);
    QVERIFY(model.originalId(1).isEmpty());
    QCOMPARE(model.rowOfKey(key), 2);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(0, EndpointListModel::IdColumn), QStringLiteral("stripe")));
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.endpoint(0).id, QStringLiteral("stripe"));
    QCOMPARE(model.originalId(0), QStringLiteral("stripe-dev")); // the keychain still has that

    model.removeEndpoint(1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfKey(key), 1);
    QCOMPARE(model.rowOfId(QStringLiteral("gh")), 1);
    QVERIFY(model.isValid());
}

void TestEndpointListModel::marksDuplicatesOnBothRows()
{
    EndpointListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEndpoints({endpoint("a", "/a"), endpoint("b", "/b")});
    QVERIFY(model.isValid());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(1, EndpointListModel::PathColumn), QStringLiteral("/a")));
    QVERIFY(!model.isValid());
    for (int row = 0; row < 2; ++row) {
        QVERIFY2(!model.index(row, 0).data(EndpointListModel::ProblemRole).toString().isEmpty(),
                 qPrintable(QString::number(row)));
    }
    // Row 0 did not change, but its problem did: the views must hear about it.
    bool row0Told = false;
    for (const auto &args : changed)
        row0Told = row0Told || args.at(0).toModelIndex().row() == 0;
    QVERIFY(row0Told);
    QVERIFY(model.setData(model.index(1, EndpointListModel::PathColumn), QStringLiteral("/b")));
    QVERIFY(model.isValid());
}

void TestEndpointListModel::marksBadPaths_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");
    QTest::newRow("fine") << "x"
                          << "/x" << true;
    QTest::newRow("no slash") << "x"
                              << "x" << false;
    QTest::newRow("empty path") << "x"
                                << "" << false;
    QTest::newRow("query") << "x"
                           << "/x?a=1" << false;
    QTest::newRow("space") << "x"
                           << "/x y" << false;
    QTest::newRow("empty id") << ""
                              << "/x" << false;
    QTest::newRow("id with =") << "a=b"
                               << "/x" << false;
    QTest::newRow("duplicate id") << "a"
                                  << "/x" << false;
    QTest::newRow("duplicate path") << "x"
                                    << "/a" << false;
}

void TestEndpointListModel::marksBadPaths()
{
    QFETCH(QString, id);
    QFETCH(QString, path);
    QFETCH(bool, valid);
    EndpointListModel model;
    model.setEndpoints({endpoint("a", "/a"), endpoint(id, path)});
    QCOMPARE(model.isValid(), valid);
    QCOMPARE(model.index(1, 0).data(EndpointListModel::ProblemRole).toString().isEmpty(), valid);
}

void TestEndpointListModel::marksWhatTheConfigLoaderRefuses()
{
    // The editor applies the loader's rules (EndpointRules), so OK cannot save a file that the
    // next start refuses.
    EndpointListModel model;
    EndpointConfig controlId = endpoint(QStringLiteral("a\x01b"), "/c");
    EndpointConfig unknownProvider = endpoint("d", "/d", "strype");
    EndpointConfig injected = endpoint("e", "/e");
    injected.response.headers = {{"X-A", "1\r\nSet-Cookie: s=1"}};
    EndpointConfig badName = endpoint("f", "/f");
    badName.response.headers = {{"X A", "1"}};
    model.setEndpoints({endpoint("a", "/a"), controlId, unknownProvider, injected, badName});
    QVERIFY(model.index(0, 0).data(EndpointListModel::ProblemRole).toString().isEmpty());
    const QStringList expected = {"control character", "unknown provider \"strype\"",
                                  "Response header X-A: a header value cannot contain",
                                  "a header name cannot contain"};
    for (int row = 1; row < 5; ++row) {
        const QString problem = model.index(row, 0).data(EndpointListModel::ProblemRole).toString();
        QVERIFY2(problem.contains(expected.at(row - 1), Qt::CaseInsensitive), qPrintable(problem));
    }
    QVERIFY(!model.isValid());
}

void TestEndpointListModel::responseHeadersAreEditable()
{
    ResponseHeadersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHeaders({{"Content-Type", "application/json"}});
    const int row = model.appendHeader();
    QCOMPARE(row, 1);
    QCOMPARE(model.headers().size(), 1); // the empty row is not a header yet
    QVERIFY(model.setData(model.index(1, 0), QStringLiteral(" X-Reply ")));
    QVERIFY(model.setData(model.index(1, 1), QStringLiteral("yes ")));
    const QList<QPair<QByteArray, QByteArray>> expected{{"Content-Type", "application/json"},
                                                        {"X-Reply", "yes "}};
    QCOMPARE(model.headers(), expected);
    QVERIFY(model.removeRows(0, 1));
    QCOMPARE(model.headers().size(), 1);
    QCOMPARE(model.headers().first().first, QByteArray("X-Reply"));
    QVERIFY(!model.removeRows(3, 1));
}

void TestEndpointListModel::secretValuesAreMasked_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("masked");
    QTest::newRow("long") << QByteArray("whsec_abcdefghijklmnop") << QStringLiteral("••••••••mnop");
    QTest::newRow("eight") << QByteArray("12345678") << QStringLiteral("••••••••78");
    QTest::newRow("short") << QByteArray("abc") << QStringLiteral("••••••••");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("••••••••");
}

void TestEndpointListModel::secretValuesAreMasked()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, masked);
    QCOMPARE(SecretListModel::masked(value), masked);
}

void TestEndpointListModel::secretModelNeverReturnsTheValue()
{
    SecretListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QByteArray value = "sk_live_0123456789abcdef";
    model.setSecrets({{value, QStringLiteral("current"), QDateTime::currentDateTimeUtc()},
                      {"another-secret-value", QStringLiteral("previous"), {}}});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, SecretListModel::ValueColumn).data().toString(),
             QStringLiteral("••••••••cdef"));
    QCOMPARE(model.index(1, SecretListModel::LabelColumn).data().toString(),
             QStringLiteral("previous"));
    for (int row = 0; row < model.rowCount(); ++row) {
        for (int column = 0; column < model.columnCount(); ++column) {
            for (int role = 0; role < Qt::UserRole + 16; ++role) {
                const QString text = model.index(row, column).data(role).toString();
                QVERIFY2(!text.contains(QStringLiteral("0123456789")) &&
                             !text.contains(QStringLiteral("another-secret")),
                         qPrintable(QStringLiteral("role %1").arg(role)));
            }
        }
    }
}

QTEST_MAIN(TestEndpointListModel)
#include "tst_endpointlistmodel.moc"
