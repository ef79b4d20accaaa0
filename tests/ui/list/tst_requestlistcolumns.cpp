// The request list's columns (issue 14): the Verdict column reads like the verdict panel's
// headline, in colours readable on light and dark palettes; the Event and Delivery ID columns;
// sorting by time, status, size and verdict answered by the store (and live captures put in
// their place); columns hidden, moved and sorted restored from QSettings; the status line's count.
#include "core/http/RequestFramer.h"
#include "core/pipeline/CaptureVerifier.h"
#include "core/store/CaptureStore.h"
#include "core/store/NewCapture.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/Signer.h"
#include "core/verify/VerdictHeadline.h"
#include "core/verify/Verifier.h"
#include "ui/list/ListStatusLabel.h"
#include "ui/list/RequestListModel.h"
#include "ui/list/RequestListView.h"
#include "ui/verdict/VerdictPanel.h"
#include "ui/verdict/VerdictStyle.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <sqlite3.h>

namespace {

const qint64 T0 = 1763779200000000;

QByteArray verdictJson(const QJsonArray &hazards, QJsonValue age = {}, bool diagnosed = true)
{
    return QJsonDocument(QJsonObject{{"hazards", hazards},
                                     {"timestamp_age_s", age},
                                     {"diagnosed", diagnosed},
                                     {"tried", QJsonObject{{"secrets", 2}}}})
        .toJson(QJsonDocument::Compact);
}

NewCapture capture(int n, const QString &reason = {}, const QByteArray &json = {})
{
    NewCapture c;
    c.summary.receivedAtUs = T0 + n;
    c.summary.method = "POST";
    c.summary.target = "/n" + QByteArray::number(n);
    c.summary.endpointId = "e";
    c.summary.status = 200;
    c.summary.verdictReason = reason;
    c.summary.verdictJson = json.isEmpty() && !reason.isEmpty() ? verdictJson({}) : json;
    c.raw = "POST " + c.summary.target + " HTTP/1.1\r\n\r\n";
    return c;
}

// The ids the model shows, top to bottom.
QVector<qint64> shown(const RequestListModel &model)
{
    QVector<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.captureId(row));
    return ids;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::WindowText, Qt::black);
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x2d));
    p.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    return p;
}

// A store whose captures differ in every sort key, with keys not in id order.
struct SortStore
{
    struct Row
    {
        qint64 id, time, status, size;
        int rank;
    };
    QVector<Row> rows;

    bool fill(CaptureStore &writer)
    {
        const char *reasons[] = {"ok",        "signature_mismatch",
                                 "",          "timestamp_outside_tolerance",
                                 "no_secret", "missing_signature_header"};
        QList<NewCapture> batch;
        for (int i = 0; i < 60; ++i) {
            NewCapture c = capture(0, QString::fromLatin1(reasons[i % 6]));
            c.summary.receivedAtUs = T0 + qint64((i * 37) % 60) * 1000; // shuffled times
            c.summary.status = QList<int>{200, 404, 500, 201}.at((i * 7) % 4);
            c.raw += QByteArray((i * 13) % 50, 'x'); // sizes out of order, some equal
            batch.append(c);
        }
        if (!writer.append(batch))
            return false;
        for (const NewCapture &c : batch)
            rows.append({c.summary.id, c.summary.receivedAtUs, c.summary.status, c.raw.size(),
                         CaptureOrder::verdictRank(c.summary.verdictReason)});
        return true;
    }

    QVector<qint64> expected(CaptureOrder::Key key, bool descending) const
    {
        QVector<Row> sorted = rows;
        const auto k = [key](const Row &r) -> qint64 {
            switch (key) {
            case CaptureOrder::Key::Time:
                return r.time;
            case CaptureOrder::Key::Status:
                return r.status;
            case CaptureOrder::Key::Size:
                return r.size;
            case CaptureOrder::Key::Verdict:
                return r.rank;
            case CaptureOrder::Key::Bookmark: // none here
            case CaptureOrder::Key::Arrival:
                break;
            }
            return r.id;
        };
        std::sort(sorted.begin(), sorted.end(), [&](const Row &a, const Row &b) {
            return k(a) != k(b) ? k(a) < k(b) : a.id < b.id;
        });
        if (descending)
            std::reverse(sorted.begin(), sorted.end());
        QVector<qint64> ids;
        for (const Row &r : sorted)
            ids.append(r.id);
        return ids;
    }
};

} // namespace

class TestRequestListColumns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("hookbench-test");
        QCoreApplication::setApplicationName("tst_requestlistcolumns");
        QSettings().clear();
    }

    void headlineTexts_data();
    void headlineTexts();
    void realVerdictReadsLikeThePanel();
    void coloursReadableInLightAndDark();
    void eventTypeAndDeliveryIdColumns();
    void sortingGivesTheStoreOrder_data();
    void sortingGivesTheStoreOrder();
    void sortQueriesWalkAnIndex(); // and status and size have none
    void liveCapturesLandInTheirPlace();
    void ruleFilterShowsArrivalOrder();
    void columnsRestoredFromSettings();
    void statusLineCountStaysTrue();
};

void TestRequestListColumns::headlineTexts_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("text");
    const auto hazard = [](const char *code, const char *transform = nullptr) {
        QJsonObject o{{"code", code}, {"detail", "words"}};
        if (transform)
            o.insert("transform", transform);
        return o;
    };
    QTest::newRow("ok") << "ok" << verdictJson({}) << "✔ ok";
    QTest::newRow("ok, repeated") << "ok" << verdictJson({hazard("duplicate_delivery")})
                                  << "✔ ok · repeated delivery";
    QTest::newRow("re-serialised")
        << "signature_mismatch" << verdictJson({hazard("body_modified", "json_reserialized")})
        << "✘ body modified (re-serialised JSON)";
    QTest::newRow("crlf") << "signature_mismatch"
                          << verdictJson({hazard("body_modified", "lf_to_crlf")})
                          << "✘ body modified (LF turned into CRLF)";
    QTest::newRow("wrong secret") << "signature_mismatch" << verdictJson({}) << "✘ wrong secret";
    QTest::newRow("not diagnosed yet")
        << "signature_mismatch" << verdictJson({}, {}, false) << "✘ signature mismatch";
    QTest::newRow("secret whitespace")
        << "signature_mismatch" << verdictJson({hazard("secret_whitespace")})
        << "✘ whitespace in the secret";
    QTest::newRow("two faults")
        << "signature_mismatch"
        << verdictJson({hazard("secret_whitespace"), hazard("body_modified", "json_reserialized")})
        << "✘ whitespace in the secret + body modified (re-serialised JSON)";
    QJsonObject other = hazard("secret_of_other_endpoint");
    other.insert("endpoint", "stripe-cli");
    QTest::newRow("other endpoint")
        << "signature_mismatch" << verdictJson({other}) << "✘ secret of endpoint stripe-cli";
    QTest::newRow("prefix") << "signature_mismatch"
                            << verdictJson({hazard("secret_format", "add_prefix")})
                            << "✘ secret without its prefix";
    QTest::newRow("url") << "signature_mismatch" << verdictJson({hazard("url_mismatch")})
                         << "✘ other URL signed";
    QTest::newRow("stale 7 min") << "timestamp_outside_tolerance" << verdictJson({}, 420)
                                 << "⧗ stale 7 min";
    QTest::newRow("stale 45 s") << "timestamp_outside_tolerance" << verdictJson({}, 45)
                                << "⧗ stale 45 s";
    QTest::newRow("stale 3 h") << "timestamp_outside_tolerance" << verdictJson({}, 3 * 3600 + 60)
                               << "⧗ stale 3 h";
    QTest::newRow("future") << "timestamp_outside_tolerance" << verdictJson({}, -600)
                            << "⧗ 10 min in the future";
    QTest::newRow("no secret") << "no_secret" << verdictJson({}) << "– no secret";
    QJsonObject provider = hazard("wrong_provider");
    provider.insert("detected", "github");
    QTest::newRow("wrong provider")
        << "missing_signature_header" << verdictJson({provider}) << "✘ wrong provider (github)";
    QTest::newRow("no header") << "missing_signature_header" << verdictJson({})
                               << "✘ no signature header";
    QTest::newRow("test mode") << "malformed_signature_header"
                               << verdictJson({hazard("test_mode_signature")})
                               << "✘ test-mode signature only";
    QTest::newRow("no timestamp") << "missing_timestamp" << verdictJson({}) << "✘ no timestamp";
    QTest::newRow("not verified") << "" << QByteArray() << "";
}

void TestRequestListColumns::headlineTexts()
{
    QFETCH(QString, reason);
    QFETCH(QByteArray, json);
    QFETCH(QString, text);
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QList<NewCapture> batch = {capture(1, reason, json)};
    QVERIFY(writer.append(batch));

    RequestListModel model;
    QVERIFY(model.open(path, nullptr));
    QCOMPARE(model.rowCount(), 1);
    // read back from the store (the brief of the stored verdict)
    QCOMPARE(model.index(0, RequestListModel::VerdictColumn).data().toString(), text);
    // and the live summary's whole verdict JSON reads the same
    QCOMPARE(VerdictHeadline::fromStored(reason, json).display(), text);
}

void TestRequestListColumns::realVerdictReadsLikeThePanel()
{
    // A Stripe event signed as sent, received re-serialised by a JSON library.
    const auto scheme = ProviderRegistry::find("stripe");
    QVERIFY(scheme);
    Signer::Options o;
    o.secret = "whsec_test_secret_1234567890";
    o.atS = T0 / 1000000;
    o.id = "evt_1";
    const QByteArray pretty = "{\n  \"id\": \"evt_1\",\n  \"type\": \"invoice.paid\"\n}";
    QByteArray raw = Signer::sign(*scheme, pretty, o).request;
    const QByteArray compact = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
    raw.replace(pretty, compact);
    raw.replace(QByteArray("Content-Length: " + QByteArray::number(pretty.size())),
                QByteArray("Content-Length: " + QByteArray::number(compact.size())));
    VerifyOptions options;
    options.provider = "stripe";
    options.secrets = {o.secret};
    options.atS = o.atS;
    const Verdict verdict = Verifier::verify(raw, RequestFramer::parse(raw), options);
    QCOMPARE(verdict.reasonCode(), QString("signature_mismatch"));

    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QList<NewCapture> batch = {capture(
        1, verdict.reasonCode(), QJsonDocument(verdict.toJson()).toJson(QJsonDocument::Compact))};
    QVERIFY(writer.append(batch));
    RequestListModel model;
    QVERIFY(model.open(path, nullptr));
    const QString column = model.index(0, RequestListModel::VerdictColumn).data().toString();
    QCOMPARE(column, QString("✘ body modified (re-serialised JSON)"));
    VerdictPanel panel;
    panel.showVerdict(verdict);
    QVERIFY2(panel.headline().contains(column.toHtmlEscaped()), qPrintable(panel.headline()));
}

void TestRequestListColumns::coloursReadableInLightAndDark()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QList<NewCapture> batch = {capture(1, "ok"), capture(2, "signature_mismatch"),
                               capture(3, "timestamp_outside_tolerance"), capture(4, "no_secret"),
                               capture(5)};
    QVERIFY(writer.append(batch));
    RequestListModel model;
    QVERIFY(model.open(path, nullptr));
    for (const QPalette &palette : {lightPalette(), darkPalette()}) {
        model.setPalette(palette);
        QSet<QRgb> seen;
        for (int row = 0; row < 4; ++row) {
            const QVariant v =
                model.index(row, RequestListModel::VerdictColumn).data(Qt::ForegroundRole);
            QVERIFY2(v.canConvert<QColor>(), qPrintable(QString::number(row)));
            const QColor c = v.value<QColor>();
            QVERIFY(c != palette.color(QPalette::Text));
            const double contrast = VerdictStyle::contrast(c, palette.color(QPalette::Base));
            QVERIFY2(contrast >= 3.0,
                     qPrintable(QStringLiteral("row %1 %2 on %3: %4")
                                    .arg(row)
                                    .arg(c.name(), palette.color(QPalette::Base).name())
                                    .arg(contrast)));
            seen.insert(c.rgb());
        }
        QCOMPARE(seen.size(), 4); // each tone its own colour
        // not verified: the view's own text colour
        QVERIFY(
            !model.index(4, RequestListModel::VerdictColumn).data(Qt::ForegroundRole).isValid());
    }
    // the shades differ between the palettes (a light one's green is not a dark one's)
    model.setPalette(lightPalette());
    const QColor light =
        model.index(0, RequestListModel::VerdictColumn).data(Qt::ForegroundRole).value<QColor>();
    model.setPalette(darkPalette());
    const QColor dark =
        model.index(0, RequestListModel::VerdictColumn).data(Qt::ForegroundRole).value<QColor>();
    QVERIFY(light != dark);
}

void TestRequestListColumns::eventTypeAndDeliveryIdColumns()
{
    AppConfig config;
    EndpointConfig stripe;
    stripe.id = "stripe";
    stripe.path = "/stripe";
    stripe.provider = "stripe";
    EndpointConfig github;
    github.id = "github";
    github.path = "/gh";
    github.provider = "github";
    config.endpoints = {stripe, github};
    const CaptureVerifier verifier(config, {});

    const auto scheme = ProviderRegistry::find("stripe");
    Signer::Options o;
    o.secret = "whsec_x";
    o.atS = T0 / 1000000;
    o.id = "evt_1";
    QByteArray stripeRaw = Signer::sign(*scheme,
                                        "{\"id\":\"evt_1\",\"object\":\"event\",\"data\":"
                                        "{\"type\":\"inner\"},\"type\":\"invoice.paid\"}",
                                        o)
                               .request;
    stripeRaw.replace("POST / ", "POST /stripe ");
    const QByteArray githubRaw = "POST /gh HTTP/1.1\r\nX-GitHub-Event: push\r\n"
                                 "X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0958\r\n"
                                 "Content-Length: 2\r\n\r\n{}";
    const QByteArray plainRaw =
        "POST /else HTTP/1.1\r\nContent-Length: 21\r\n\r\n{\"event_type\":\"ping\"}";

    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QList<NewCapture> batch;
    for (const auto &[raw, endpoint] :
         {std::pair{stripeRaw, QString("stripe")}, std::pair{githubRaw, QString("github")},
          std::pair{plainRaw, QString()}}) {
        NewCapture c = capture(batch.size());
        c.raw = raw;
        c.summary.target = RequestFramer::parse(raw).target;
        c.summary.endpointId = endpoint;
        verifier.annotate(c, writer);
        batch.append(c);
    }
    QVERIFY(writer.append(batch));

    RequestListModel model;
    QVERIFY(model.open(path, nullptr));
    QCOMPARE(model.rowCount(), 3);
    const auto at = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(at(0, RequestListModel::EventColumn), QString("invoice.paid"));
    QCOMPARE(at(0, RequestListModel::DeliveryColumn), QString("evt_1"));
    QCOMPARE(at(1, RequestListModel::EventColumn), QString("push"));
    QCOMPARE(at(1, RequestListModel::DeliveryColumn),
             QString("72d3162e-cc78-11e3-81ab-4c9367dc0958"));
    QCOMPARE(at(2, RequestListModel::EventColumn), QString("ping")); // no endpoint: still read
    QCOMPARE(at(2, RequestListModel::DeliveryColumn), QString());
    QCOMPARE(
        model.headerData(RequestListModel::EventColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
        QString("Event"));
    QCOMPARE(model.headerData(RequestListModel::DeliveryColumn, Qt::Horizontal, Qt::DisplayRole)
                 .toString(),
             QString("Delivery ID"));
}

void TestRequestListColumns::sortingGivesTheStoreOrder_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("key");
    QTest::addColumn<bool>("descending");
    const QList<std::pair<int, CaptureOrder::Key>> columns = {
        {RequestListModel::TimeColumn, CaptureOrder::Key::Time},
        {RequestListModel::StatusColumn, CaptureOrder::Key::Status},
        {RequestListModel::SizeColumn, CaptureOrder::Key::Size},
        {RequestListModel::VerdictColumn, CaptureOrder::Key::Verdict}};
    for (const auto &[column, key] : columns) {
        for (const bool descending : {false, true}) {
            const QString name =
                RequestListModel().headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
            QTest::newRow(qPrintable(name + (descending ? " desc" : " asc")))
                << column << int(key) << descending;
        }
    }
}

void TestRequestListColumns::sortingGivesTheStoreOrder()
{
    QFETCH(int, column);
    QFETCH(int, key);
    QFETCH(bool, descending);
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    SortStore data;
    QVERIFY(data.fill(writer));

    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));
    const QVector<qint64> arrival = shown(model);
    QCOMPARE(arrival, data.expected(CaptureOrder::Key::Arrival, false));
    model.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    QVERIFY(model.isLoading());
    QCOMPARE(shown(model), arrival); // the rows stay until the order is read
    QTRY_VERIFY(!model.isLoading());
    const QVector<qint64> expected = data.expected(CaptureOrder::Key(key), descending);
    QVERIFY(expected != arrival); // the order is not the one it had
    QCOMPARE(shown(model), expected);
    // each row's summary is its own (pages are read by id in a sorted order)
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, RequestListModel::PathColumn).data().toString(), QString("/n0"));
    for (int row = 0; row < model.rowCount(); row += 7)
        QCOMPARE(model.rowForId(model.captureId(row)), row);
    QCOMPARE(model.rowForId(99999), -1);
    // a filter keeps the order
    CaptureFilter failing;
    failing.verdict = CaptureFilter::Verdict::Fail;
    model.setFilter(failing);
    QTRY_VERIFY(!model.isLoading());
    QVector<qint64> failingExpected;
    for (const qint64 id : expected) {
        const auto &row = *std::find_if(data.rows.cbegin(), data.rows.cend(),
                                        [id](const SortStore::Row &r) { return r.id == id; });
        if (row.rank == 1)
            failingExpected.append(id);
    }
    QCOMPARE(shown(model), failingExpected);
    // back to arrival order
    model.setFilter({});
    model.sort(-1);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(shown(model), arrival);
}

void TestRequestListColumns::sortQueriesWalkAnIndex()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    {
        CaptureStore writer;
        QVERIFY(writer.open(path));
        QVERIFY(writer.schemaVersion() >= 7); // the sort indexes came with 7
    }
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr),
             SQLITE_OK);
    // One column of every row a query gives (an error message when it fails to prepare).
    const auto column = [db](const QByteArray &sql, int index) -> QStringList {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr) != SQLITE_OK)
            return {QString("error: ") + QString::fromUtf8(sqlite3_errmsg(db))};
        QStringList out;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            out.append(QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(stmt, index))));
        sqlite3_finalize(stmt);
        return out;
    };
    const auto plan = [&column](const QByteArray &sql) {
        return column("EXPLAIN QUERY PLAN " + sql, 3).join('\n');
    };
    const QByteArray from = " FROM captures LEFT JOIN verdicts ON verdicts.capture_id = id WHERE 1";
    const QList<std::pair<QByteArray, QString>> queries = {
        {"SELECT id" + from + " ORDER BY received_us, id", "captures_received"},
        {QByteArray("SELECT verdicts.capture_id FROM verdicts CROSS JOIN captures ON captures.id "
                    "= verdicts.capture_id WHERE 1 ORDER BY ") +
             CaptureOrder::verdictRankSql() + ", verdicts.capture_id",
         "verdicts_rank"}};
    for (const auto &[sql, index] : queries) {
        const QString p = plan(sql);
        QVERIFY2(p.contains(index), qPrintable(p));
        QVERIFY2(!p.contains("TEMP B-TREE"), qPrintable(p)); // no sort in memory
    }
    // Status and size are sorted, not indexed: every index on captures is written by each
    // commit (schema 10 dropped those two for ingest's sake). The store reads their (key, id)
    // pairs in id order, a scan with no sorter, and sorts them itself.
    const QString scan = plan("SELECT id, status" + from + " ORDER BY id");
    QVERIFY2(scan.contains("SCAN captures") && !scan.contains("TEMP B-TREE"), qPrintable(scan));
    QCOMPARE(column("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = "
                    "'captures' AND sql IS NOT NULL ORDER BY name",
                    0),
             QStringList({"captures_delivery", "captures_endpoint", "captures_received"}));
    sqlite3_close(db);
}

void TestRequestListColumns::liveCapturesLandInTheirPlace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    SortStore data;
    QVERIFY(data.fill(writer));
    RequestListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.open(path, nullptr));

    // by size: a 20-byte-body capture goes among the others of its size, after them (its id)
    model.sort(RequestListModel::SizeColumn, Qt::AscendingOrder);
    QTRY_VERIFY(!model.isLoading());
    NewCapture mid = capture(0);
    mid.raw += QByteArray(20, 'y');
    QList<NewCapture> live = {mid};
    QVERIFY(writer.append(live));
    data.rows.append({live.first().summary.id, live.first().summary.receivedAtUs, 200,
                      live.first().raw.size(), 5});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendLive({live.first().summary});
    QTRY_COMPARE(inserted.size(), 1);
    QCOMPARE(shown(model), data.expected(CaptureOrder::Key::Size, false));
    const int row = model.rowForId(live.first().summary.id);
    QVERIFY(row > 0 && row < model.rowCount() - 1); // in the middle, not appended

    // by time, newest first: a live capture (the latest time) goes on top
    model.sort(RequestListModel::TimeColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!model.isLoading());
    QList<NewCapture> later = {capture(0)};
    later.first().summary.receivedAtUs = T0 + 3600000000;
    QVERIFY(writer.append(later));
    model.appendLive({later.first().summary});
    QTRY_COMPARE(model.captureId(0), later.first().summary.id);

    // a capture stored while a sort is being read is placed once it is read
    model.sort(RequestListModel::TimeColumn, Qt::AscendingOrder);
    QList<NewCapture> during = {capture(0)};
    during.first().summary.receivedAtUs = T0 - 1; // the earliest of all
    QVERIFY(writer.append(during));
    model.appendLive({during.first().summary});
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.captureId(0), during.first().summary.id);
    QCOMPARE(model.captureId(model.rowCount() - 1), later.first().summary.id);
    QCOMPARE(model.rowCount(), data.rows.size() + 2);
}

void TestRequestListColumns::ruleFilterShowsArrivalOrder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    SortStore data;
    QVERIFY(data.fill(writer));
    RequestListModel model;
    QVERIFY(model.open(path, nullptr));
    model.sort(RequestListModel::SizeColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!model.isLoading());
    RuleFilter rules;
    rules.mode = RuleFilter::Mode::MatchesNone;
    model.setRuleFilter(rules);
    QVERIFY(model.appliedOrder().isArrival());
    QCOMPARE(model.order().key, CaptureOrder::Key::Size); // kept for later
    model.setRuleFilter({});
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.appliedOrder().key, CaptureOrder::Key::Size);
    QCOMPARE(shown(model), data.expected(CaptureOrder::Key::Size, true));
}

void TestRequestListColumns::columnsRestoredFromSettings()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    SortStore data;
    QVERIFY(data.fill(writer));
    const QString key = QStringLiteral("test/listHeader");
    QSettings().remove(key);
    {
        RequestListModel model;
        QVERIFY(model.open(path, nullptr));
        RequestListView view(&model);
        view.restoreColumns(key); // nothing saved yet: the defaults
        QVERIFY(!view.horizontalHeader()->isSectionHidden(RequestListModel::EventColumn));
        // hide Event through the header's menu, move Verdict first, sort by Status (click)
        QMenu *menu = view.columnMenu();
        QAction *event = nullptr;
        for (QAction *a : menu->actions()) {
            if (a->data().toInt() == RequestListModel::EventColumn && a->isCheckable())
                event = a;
        }
        QVERIFY(event);
        QVERIFY(event->isChecked());
        event->trigger();
        QVERIFY(view.horizontalHeader()->isSectionHidden(RequestListModel::EventColumn));
        QHeaderView *header = view.horizontalHeader();
        header->moveSection(header->visualIndex(RequestListModel::VerdictColumn), 0);
        Q_EMIT header->sectionClicked(RequestListModel::StatusColumn);
        Q_EMIT header->sectionClicked(RequestListModel::StatusColumn); // again: descending
        QCOMPARE(model.order().key, CaptureOrder::Key::Status);
        QVERIFY(model.order().descending);
        // a column that does not sort leaves the order alone
        Q_EMIT header->sectionClicked(RequestListModel::PathColumn);
        QCOMPARE(model.order().key, CaptureOrder::Key::Status);
        QCOMPARE(header->sortIndicatorSection(), int(RequestListModel::StatusColumn));
        QTRY_VERIFY(QSettings().value(key).toByteArray() == view.columnState());
    }
    RequestListModel model;
    QVERIFY(model.open(path, nullptr));
    RequestListView view(&model);
    view.restoreColumns(key);
    QHeaderView *header = view.horizontalHeader();
    QVERIFY(header->isSectionHidden(RequestListModel::EventColumn));
    QVERIFY(!header->isSectionHidden(RequestListModel::DeliveryColumn));
    QCOMPARE(header->visualIndex(RequestListModel::VerdictColumn), 0);
    QCOMPARE(header->sortIndicatorSection(), int(RequestListModel::StatusColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(model.order().key, CaptureOrder::Key::Status);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(shown(model), data.expected(CaptureOrder::Key::Status, true));
    // the last visible column cannot be hidden
    for (int section = 0; section < header->count(); ++section)
        header->setSectionHidden(section, section != RequestListModel::PathColumn);
    for (QAction *a : view.columnMenu()->actions()) {
        if (a->isCheckable() && a->data().toInt() == RequestListModel::PathColumn)
            QVERIFY(!a->isEnabled());
    }
}

void TestRequestListColumns::statusLineCountStaysTrue()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("s.sqlite");
    CaptureStore writer;
    QVERIFY(writer.open(path));
    QList<NewCapture> batch;
    for (int i = 0; i < 340; ++i)
        batch.append(capture(i, i % 30 == 0 ? "signature_mismatch" : "ok"));
    QVERIFY(writer.append(batch));

    RequestListModel model;
    ListStatusLabel label(&model);
    QCOMPARE(label.text(), QString("No store open"));
    QVERIFY(model.open(path, nullptr));
    QCOMPARE(label.text(), QString("340 captures"));
    CaptureFilter failing;
    failing.verdict = CaptureFilter::Verdict::Fail;
    model.setFilter(failing);
    QCOMPARE(label.text(), QString("12 of 340 captures shown"));
    // live: one that passes the filter, one that does not
    QList<NewCapture> live = {capture(400, "signature_mismatch"), capture(401, "ok")};
    QVERIFY(writer.append(live));
    model.appendLive({live.at(0).summary, live.at(1).summary});
    QTRY_COMPARE(label.text(), QString("13 of 342 captures shown"));
    // a sort being read says so, and the count is right once it is
    model.sort(RequestListModel::SizeColumn, Qt::AscendingOrder);
    QVERIFY2(label.text().endsWith("sorting…"), qPrintable(label.text()));
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(label.text(), QString("13 of 342 captures shown"));
    model.setFilter({});
    QTRY_COMPARE(label.text(), QString("342 captures"));
}

QTEST_MAIN(TestRequestListColumns)
#include "tst_requestlistcolumns.moc"
