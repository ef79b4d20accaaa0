#include "core/http/RequestFramer.h"
#include "ui/compare/CompareWindow.h"
#include "ui/compare/HeaderCompareModel.h"
#include "ui/compare/JsonDifferenceModel.h"
#include "ui/raw/ByteView.h"

#include <QAbstractItemModelTester>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

class TestCompareWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reorderedKeysAreNotValueChanges();
    void changedValueListedAndHighlighted();
    void headersShowRecasingAndDuplicates();
    void bodiesThatAreNotJson();
};

namespace {

Capture capture(qint64 id, const QByteArray &headers, const QByteArray &body)
{
    Capture c;
    c.summary.id = id;
    c.summary.method = "POST";
    c.summary.target = "/stripe";
    c.raw = "POST /stripe HTTP/1.1\r\n" + headers +
            "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    c.parsed = RequestFramer::parse(c.raw);
    return c;
}

std::shared_ptr<const CompareLoader::Result> compared(const Capture &left, const Capture &right)
{
    auto r = std::make_shared<CompareLoader::Result>();
    r->left = left;
    r->right = right;
    r->comparison = CaptureComparison::compare(left, right);
    return r;
}

const QByteArray JsonType = "Content-Type: application/json\r\n";

// Whether some highlighted span of the view covers [offset, offset + length).
bool highlighted(const ByteView *view, qint64 offset, qint64 length)
{
    for (const ByteSpan &span : view->highlights()) {
        if (span.offset <= offset && span.end() >= offset + length)
            return true;
    }
    return false;
}

} // namespace

void TestCompareWindow::reorderedKeysAreNotValueChanges()
{
    CompareWindow window;
    new QAbstractItemModelTester(window.jsonModel(), &window);
    new QAbstractItemModelTester(window.headerModel(), &window);
    window.setResult(compared(capture(1, JsonType, R"({"id":"evt_1","type":"charge","n":1})"),
                              capture(2, JsonType, R"({"type":"charge","n":1,"id":"evt_1"})")));
    window.show();
    QCOMPARE(window.jsonSummary(), QStringLiteral("Same JSON, keys reordered"));
    QVERIFY(window.summary().contains("JSON: Same JSON, keys reordered"));
    QCOMPARE(window.currentTab(), CompareWindow::Tab::Json);
    QCOMPARE(window.jsonModel()->rowCount(), 1);
    const QModelIndex row = window.jsonModel()->index(0, JsonDifferenceModel::KindColumn);
    QCOMPARE(row.data().toString(), QStringLiteral("keys reordered"));
    QCOMPARE(row.data(JsonDifferenceModel::KindRole).toInt(), int(JsonDiff::Kind::KeysReordered));
    for (int i = 0; i < window.jsonModel()->rowCount(); ++i) {
        const int kind =
            window.jsonModel()->index(i, 0).data(JsonDifferenceModel::KindRole).toInt();
        QVERIFY(kind != int(JsonDiff::Kind::ValueChanged) && kind != int(JsonDiff::Kind::Added) &&
                kind != int(JsonDiff::Kind::Removed));
    }
    // the bytes do differ, and are marked so
    QVERIFY(!window.leftBytes()->highlights().isEmpty());
    QVERIFY(window.tabs()->isTabEnabled(int(CompareWindow::Tab::Json)));
}

void TestCompareWindow::changedValueListedAndHighlighted()
{
    const QByteArray left = R"({"id":"evt_1","data":{"amount":1500,"currency":"eur"}})";
    const QByteArray right = R"({"id":"evt_1","data":{"amount":2500,"currency":"eur"}})";
    CompareWindow window;
    window.setResult(compared(capture(1, JsonType, left), capture(2, JsonType, right)));
    window.show();
    QCOMPARE(window.jsonSummary(), QStringLiteral("1 value(s) differ"));
    QCOMPARE(window.jsonModel()->rowCount(), 1);
    const auto cell = [&](int column) {
        return window.jsonModel()->index(0, column).data().toString();
    };
    QCOMPARE(cell(JsonDifferenceModel::PointerColumn), QStringLiteral("/data/amount"));
    QCOMPARE(cell(JsonDifferenceModel::KindColumn), QStringLiteral("value changed"));
    QCOMPARE(cell(JsonDifferenceModel::LeftColumn), QStringLiteral("1500"));
    QCOMPARE(cell(JsonDifferenceModel::RightColumn), QStringLiteral("2500"));

    // the byte views hold the bodies, the differing byte marked on both sides and nothing else
    QCOMPARE(window.leftBytes()->data(), left);
    QCOMPARE(window.rightBytes()->data(), right);
    const qint64 at = left.indexOf("1500");
    QVERIFY(highlighted(window.leftBytes(), at, 1));
    QVERIFY(highlighted(window.rightBytes(), at, 1));
    QVERIFY(!highlighted(window.leftBytes(), at + 1, 1));
    QCOMPARE(window.leftBytes()->highlights().size(), 1);

    // activating the difference shows the bytes
    window.showTab(CompareWindow::Tab::Json);
    Q_EMIT window.jsonView()->activated(window.jsonModel()->index(0, 0));
    QCOMPARE(window.currentTab(), CompareWindow::Tab::Body);
    window.showTab(CompareWindow::Tab::Headers);
    window.nextDifference();
    QCOMPARE(window.currentTab(), CompareWindow::Tab::Body);
}

void TestCompareWindow::headersShowRecasingAndDuplicates()
{
    CompareWindow window;
    window.setResult(
        compared(capture(1, "content-type: application/json\r\nX-Dup: a\r\nX-Dup: b\r\n", "{}"),
                 capture(2, "Content-Type: application/json\r\nX-Dup: a\r\nX-Extra: 1\r\n", "{}")));
    HeaderCompareModel *model = window.headerModel();
    QStringList rows;
    for (int r = 0; r < model->rowCount(); ++r) {
        rows.append(model->index(r, HeaderCompareModel::LeftNameColumn).data().toString() + '|' +
                    model->index(r, HeaderCompareModel::RightNameColumn).data().toString() + '|' +
                    model->index(r, HeaderCompareModel::ChangeColumn).data().toString());
    }
    QCOMPARE(rows, QStringList({"content-type|Content-Type|same · re-cased",
                                "X-Dup|X-Dup|same · repeated", "X-Dup||removed · repeated",
                                "|X-Extra|added", "Content-Length|Content-Length|same"}));
    QVERIFY(model->index(0, 0).data(HeaderCompareModel::RecasedRole).toBool());
    QVERIFY(model->index(2, 0).data(HeaderCompareModel::DuplicateRole).toBool());
    QVERIFY(window.summary().contains("Headers: 1 added, 1 removed, 1 re-cased; repeated: x-dup"));
    QCOMPARE(window.currentTab(), CompareWindow::Tab::Headers); // bodies identical
}

void TestCompareWindow::bodiesThatAreNotJson()
{
    const QByteArray form = "Content-Type: application/x-www-form-urlencoded\r\n";
    CompareWindow window;
    window.setResult(compared(capture(1, form, "a=1&b=2"), capture(2, form, "a=1&b=22")));
    QVERIFY(!window.tabs()->isTabEnabled(int(CompareWindow::Tab::Json)));
    QCOMPARE(window.jsonSummary(), QStringLiteral("Neither body is JSON"));
    QCOMPARE(window.currentTab(), CompareWindow::Tab::Body);
    QCOMPARE(window.rightBytes()->highlights(), QList<ByteSpan>({{7, 1}}));
    QVERIFY(window.leftBytes()->highlights().isEmpty()); // a pure insertion
}

QTEST_MAIN(TestCompareWindow)
#include "tst_comparewindow.moc"
