#include "ui/json/JsonTreeModel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QTest>

class TestJsonTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelTester_data();
    void modelTester();
    void displayColumns_data();
    void displayColumns();
    void spanRoles_data();
    void spanRoles();
    void duplicateKeysMarked();
    void indexForNodeRoundTrips();
    void indexForNodeRejects();
    void offsetToIndex();
    void millionElements();
    void longStringsElided();
    void resetOnNewDocument();
};

namespace {

std::shared_ptr<const JsonDocument> parsed(const QByteArray &json)
{
    return std::make_shared<const JsonDocument>(JsonDocument::parse(json));
}

// {"name":"Ann","n":12345678901234567890123,"tags":["a","b"],"o":{},"dup":1,"dup":2,"esc":"\u00e9"}
const QByteArray Sample = "{\"name\":\"Ann\",\"n\":12345678901234567890123,\"tags\":[\"a\",\"b\"],"
                          "\"o\":{},\"dup\":1,\"dup\":2,\"esc\":\"\\u00e9\"}";

QModelIndex rootIndex(const JsonTreeModel &model)
{
    return model.index(0, 0);
}

} // namespace

void TestJsonTreeModel::modelTester_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("nested object") << Sample;
    QTest::newRow("array root") << QByteArray("[1,[2,[3,{\"a\":[]}]],null,true]");
    QTest::newRow("scalar root") << QByteArray("\"just a string\"");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("invalid document") << QByteArray("{\"a\":");
}

void TestJsonTreeModel::modelTester()
{
    QFETCH(QByteArray, json);

    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(parsed(json));
    QVERIFY(!QTest::currentTestFailed());
    model.setDocument(nullptr);
    QCOMPARE(model.rowCount(), 0);
    model.setDocument(parsed(Sample));
    QCOMPARE(model.rowCount(), 1);
}

void TestJsonTreeModel::displayColumns_data()
{
    QTest::addColumn<int>("member"); // row under the root object
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("type");

    QTest::newRow("string, decoded") << 0 << "name"
                                     << "Ann"
                                     << "string";
    QTest::newRow("number as written") << 1 << "n"
                                       << "12345678901234567890123"
                                       << "number";
    QTest::newRow("array summary") << 2 << "tags"
                                   << "[2]"
                                   << "array";
    QTest::newRow("empty object summary") << 3 << "o"
                                          << "{0}"
                                          << "object";
    QTest::newRow("escape decoded") << 6 << "esc" << QStringLiteral("é") << "string";
}

void TestJsonTreeModel::displayColumns()
{
    QFETCH(int, member);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, type);

    JsonTreeModel model;
    model.setDocument(parsed(Sample));
    const QModelIndex root = rootIndex(model);
    QCOMPARE(model.rowCount(root), 7);
    QCOMPARE(root.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), "{7}");
    QCOMPARE(root.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(), "object");
    const QModelIndex m = model.index(member, JsonTreeModel::KeyColumn, root);
    QCOMPARE(m.data().toString(), key);
    QCOMPARE(m.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), value);
    QCOMPARE(m.siblingAtColumn(JsonTreeModel::TypeColumn).data().toString(), type);
    QCOMPARE(model.headerData(JsonTreeModel::ValueColumn, Qt::Horizontal).toString(), "Value");
}

void TestJsonTreeModel::spanRoles_data()
{
    QTest::addColumn<QList<int>>("path");
    QTest::addColumn<QByteArray>("valueBytes");
    QTest::addColumn<QByteArray>("keyBytes");

    QTest::newRow("root") << QList<int>{} << Sample << QByteArray();
    QTest::newRow("member") << QList<int>{1} << QByteArray("12345678901234567890123")
                            << QByteArray("\"n\"");
    QTest::newRow("array element") << QList<int>{2, 1} << QByteArray("\"b\"") << QByteArray();
    QTest::newRow("escaped string")
        << QList<int>{6} << QByteArray("\"\\u00e9\"") << QByteArray("\"esc\"");
}

void TestJsonTreeModel::spanRoles()
{
    QFETCH(QList<int>, path);
    QFETCH(QByteArray, valueBytes);
    QFETCH(QByteArray, keyBytes);

    JsonTreeModel model;
    model.setDocument(parsed(Sample));
    QModelIndex index = rootIndex(model);
    for (int row : path)
        index = model.index(row, 0, index);
    QVERIFY(index.isValid());

    for (int column = 0; column < JsonTreeModel::ColumnCount; ++column) {
        const QModelIndex cell = index.siblingAtColumn(column);
        const QVariant span = cell.data(JsonTreeModel::SpanRole);
        QVERIFY(span.canConvert<ByteSpan>());
        const ByteSpan s = span.value<ByteSpan>();
        QCOMPARE(Sample.mid(s.offset, s.length), valueBytes);
        const ByteSpan k = cell.data(JsonTreeModel::KeySpanRole).value<ByteSpan>();
        QCOMPARE(Sample.mid(k.offset, k.length), keyBytes);
        QCOMPARE(k.isEmpty(), keyBytes.isEmpty());
    }
    // The window reads Qt::UserRole + 1 from every body model.
    QCOMPARE(index.data(Qt::UserRole + 1).value<ByteSpan>(), model.valueSpan(index));
    QCOMPARE(model.keySpan(index), index.data(JsonTreeModel::KeySpanRole).value<ByteSpan>());
}

void TestJsonTreeModel::duplicateKeysMarked()
{
    JsonTreeModel model;
    model.setDocument(parsed(Sample));
    const QModelIndex root = rootIndex(model);
    const QModelIndex first = model.index(4, 0, root);
    const QModelIndex second = model.index(5, 0, root);
    const QModelIndex unique = model.index(0, 0, root);
    QCOMPARE(first.data().toString(), "dup");
    QCOMPARE(second.data().toString(), "dup");
    QCOMPARE(first.data(JsonTreeModel::DuplicateKeyRole).toBool(), true);
    QCOMPARE(second.data(JsonTreeModel::DuplicateKeyRole).toBool(), true);
    QCOMPARE(unique.data(JsonTreeModel::DuplicateKeyRole).toBool(), false);
    QVERIFY(first.data(Qt::ForegroundRole).canConvert<QColor>());
    QVERIFY(!unique.data(Qt::ForegroundRole).isValid());
    QVERIFY(first.data(Qt::ToolTipRole).toString().contains("Duplicate key"));
    QVERIFY(first.data(Qt::ToolTipRole).toString().contains("\"dup\""));
    QVERIFY(!unique.data(Qt::ToolTipRole).isValid());
}

void TestJsonTreeModel::indexForNodeRoundTrips()
{
    JsonTreeModel model;
    const auto doc = parsed("[1,[2,[3,{\"a\":[],\"b\":{\"c\":0}}]],null,true,{\"z\":[9,8,7]}]");
    QVERIFY(doc->isValid());
    model.setDocument(doc);
    for (int node = 0; node < doc->nodeCount(); ++node) {
        const QModelIndex index = model.indexForNode(node);
        QVERIFY(index.isValid());
        QCOMPARE(model.nodeForIndex(index), node);
        QCOMPARE(index.data(JsonTreeModel::NodeRole).toInt(), node);
        // the same index the view reaches by walking down from the top
        const QModelIndex parent = index.parent();
        QCOMPARE(model.index(index.row(), 0, parent), index);
        QCOMPARE(model.nodeForIndex(parent), doc->node(node).parent);
        QCOMPARE(model.indexForNode(node, JsonTreeModel::TypeColumn).column(),
                 int(JsonTreeModel::TypeColumn));
    }
    const int seven = doc->child(doc->child(doc->child(doc->root(), 4), 0), 2);
    QCOMPARE(doc->rawText(seven), QByteArray("7"));
    const QModelIndex index = model.indexForNode(seven);
    QCOMPARE(index.row(), 2);
    QCOMPARE(index.parent().parent().row(), 4);
    QCOMPARE(index.parent().parent().parent(), rootIndex(model));
}

void TestJsonTreeModel::indexForNodeRejects()
{
    JsonTreeModel model;
    QVERIFY(!model.indexForNode(0).isValid());
    model.setDocument(parsed("[1,2]"));
    QVERIFY(!model.indexForNode(-1).isValid());
    QVERIFY(!model.indexForNode(3).isValid());
    QVERIFY(!model.indexForNode(1, JsonTreeModel::ColumnCount).isValid());
    QCOMPARE(model.nodeForIndex({}), -1);
    QCOMPARE(model.valueSpan({}), ByteSpan{});
}

void TestJsonTreeModel::offsetToIndex()
{
    JsonTreeModel model;
    const auto doc = parsed(Sample);
    model.setDocument(doc);
    const qint64 offset = Sample.indexOf("\"b\"") + 1; // inside the second tag
    const QModelIndex index = model.indexForNode(doc->nodeAt(offset));
    QCOMPARE(index.data().toString(), "1");
    QCOMPARE(index.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), "b");
    QCOMPARE(index.parent().data().toString(), "tags");
}

void TestJsonTreeModel::millionElements()
{
    QByteArray json = "[";
    for (int i = 0; i < 1000000; ++i) {
        if (i)
            json += ',';
        json += QByteArray::number(i);
    }
    json += ']';
    const auto doc = parsed(json);
    QVERIFY2(doc->isValid(), qPrintable(doc->errorString()));
    JsonTreeModel model;
    model.setDocument(doc);
    const QModelIndex root = rootIndex(model);
    QCOMPARE(model.rowCount(root), 1000000);
    for (int row : {0, 1, 500000, 999998, 999999}) {
        const QModelIndex element = model.index(row, JsonTreeModel::ValueColumn, root);
        QCOMPARE(element.data().toString(), QString::number(row));
        QCOMPARE(element.parent(), root);
        QCOMPARE(model.indexForNode(model.nodeForIndex(element)).row(), row);
    }
    QVERIFY(!model.index(1000000, 0, root).isValid());
    // From a click in the raw pane: the offset of "765432" in the body.
    const qint64 offset = json.indexOf(",765432,") + 3;
    const QModelIndex clicked = model.indexForNode(doc->nodeAt(offset));
    QCOMPARE(clicked.row(), 765432);
    QCOMPARE(clicked.data().toString(), "765432");
}

void TestJsonTreeModel::longStringsElided()
{
    const QByteArray longText(5 * JsonTreeModel::MaxDisplayChars, 'x');
    JsonTreeModel model;
    model.setDocument(parsed("{\"" + longText + "\":\"" + longText + "\"}"));
    const QModelIndex member = model.index(0, 0, rootIndex(model));
    const QString key = member.data().toString();
    const QString value = member.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString();
    QCOMPARE(value.size(), JsonTreeModel::MaxDisplayChars + 1);
    QVERIFY(value.endsWith(QChar(0x2026)));
    QCOMPARE(key, value);
    // The span still covers the whole string.
    QCOMPARE(model.valueSpan(member).length, longText.size() + 2);
}

void TestJsonTreeModel::resetOnNewDocument()
{
    JsonTreeModel model;
    model.setDocument(parsed("[1,2,3]"));
    int resets = 0;
    connect(&model, &QAbstractItemModel::modelReset, this, [&resets] { ++resets; });
    model.setDocument(parsed("{\"a\":1}"));
    QCOMPARE(resets, 1);
    QCOMPARE(model.rowCount(rootIndex(model)), 1);
    QCOMPARE(model.index(0, 0, rootIndex(model)).data().toString(), "a");
    model.setDocument(parsed("not json"));
    QCOMPARE(resets, 2);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
