// The request list over a million captures with verdicts (issue 14): open and first page with
// the Verdict, Event and Delivery ID columns, then sorting by time, status, size and verdict
// (each read by the model's worker, time and verdict from their indexes, status and size sorted
// in memory; timed until the rows are in the new order) and, for each, a jump to the last row
// (its page read by id). Also the bare id reads (CaptureStore::ids with each order) and the rate
// of appends with the store's indexes.
// Usage: bench_list_sort STORE COUNT.
#include "core/store/CaptureStore.h"
#include "ui/list/RequestListModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <cstdio>

namespace {

// 70 % ok, 15 % re-serialised body, 5 % wrong secret, 5 % stale, 5 % no verdict.
void verdictFor(qint64 i, NewCapture &c)
{
    const int k = int(i % 20);
    QString reason = QStringLiteral("ok");
    QJsonArray hazards;
    QJsonValue age = 3;
    if (k >= 14 && k < 17) {
        reason = QStringLiteral("signature_mismatch");
        hazards.append(
            QJsonObject{{"code", "body_modified"},
                        {"transform", "json_reserialized"},
                        {"secret_index", 0},
                        {"detail", "The signature matches once the JSON is laid out as "
                                   "it was sent: something parsed and re-serialised it"}});
    } else if (k == 17) {
        reason = QStringLiteral("signature_mismatch");
    } else if (k == 18) {
        reason = QStringLiteral("timestamp_outside_tolerance");
        age = 420;
    } else if (k == 19) {
        return;
    }
    c.summary.verdictReason = reason;
    c.summary.verdictJson = QJsonDocument(QJsonObject{{"valid", reason == "ok"},
                                                      {"provider", "stripe"},
                                                      {"reason", reason},
                                                      {"timestamp_age_s", age},
                                                      {"hazards", hazards},
                                                      {"diagnosed", true}})
                                .toJson(QJsonDocument::Compact);
}

bool fill(const QString &path, qint64 wanted, double *appendsPerS)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    QElapsedTimer timer;
    timer.start();
    qint64 appended = 0;
    for (qint64 have = store.count(); have < wanted;) {
        QList<NewCapture> batch;
        for (int i = 0; i < 10000 && have < wanted; ++i, ++have, ++appended) {
            NewCapture c;
            const QByteArray body = R"({"id":"evt_)" + QByteArray::number(have) +
                                    R"(","type":"payment_intent.succeeded","data":{"n":")" +
                                    QByteArray((have * 7919) % 900, 'x') + "\"}}";
            c.summary.receivedAtUs = 1763779200000000 + ((have * 7919) % wanted) * 1000;
            c.summary.method = "POST";
            c.summary.target = "/stripe";
            c.summary.endpointId = QStringLiteral("stripe-dev");
            c.summary.status = have % 50 == 0 ? 500 : 200;
            c.summary.eventType = QStringLiteral("payment_intent.succeeded");
            c.deliveryId = "evt_" + QByteArray::number(have);
            c.raw = "POST /stripe HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) +
                    "\r\n\r\n" + body;
            verdictFor(have, c);
            batch.append(c);
        }
        if (!store.append(batch))
            return false;
    }
    *appendsPerS = appended > 0 ? appended * 1000.0 / qMax<qint64>(1, timer.elapsed()) : 0;
    return true;
}

void waitLoaded(RequestListModel &model)
{
    if (!model.isLoading())
        return;
    QEventLoop loop;
    QObject::connect(&model, &RequestListModel::countsChanged, &loop, [&] {
        if (!model.isLoading())
            loop.quit();
    });
    loop.exec();
}

double ms(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_list_sort STORE COUNT\n");
        return 2;
    }
    const QString path = args.at(1);
    const qint64 count = args.at(2).toLongLong();
    double rate = 0;
    if (!fill(path, count, &rate)) {
        std::fprintf(stderr, "cannot fill %s\n", qPrintable(path));
        return 3;
    }
    std::printf("store: %lld captures, %.0f MiB", count, QFileInfo(path).size() / 1048576.0);
    if (rate > 0)
        std::printf(" (filled at %.0f captures/s in batches of 10,000, with the indexes)", rate);
    std::printf("\n");

    QElapsedTimer t;
    t.start();
    RequestListModel model;
    if (!model.open(path, nullptr))
        return 4;
    const QString first = model.index(0, RequestListModel::VerdictColumn).data().toString();
    model.index(0, RequestListModel::EventColumn).data();
    std::printf("open + first page (arrival order): %.1f ms (%d rows; row 0 %s)\n", ms(t),
                model.rowCount(), qPrintable(first));

    t.restart();
    for (int row = 0; row < RequestListModel::PageSize; ++row)
        model.index(row + 4096, RequestListModel::VerdictColumn).data();
    std::printf("one page of 256 verdict headlines: %.2f ms\n", ms(t));

    {
        CaptureStore store;
        store.openReadOnly(path);
        const std::pair<const char *, CaptureOrder::Key> keys[] = {
            {"arrival", CaptureOrder::Key::Arrival},
            {"time", CaptureOrder::Key::Time},
            {"status", CaptureOrder::Key::Status},
            {"size", CaptureOrder::Key::Size},
            {"verdict", CaptureOrder::Key::Verdict}};
        for (const auto &[name, key] : keys) {
            CaptureOrder order;
            order.key = key;
            t.restart();
            const QVector<qint64> ids = store.ids({}, order);
            std::printf("CaptureStore::ids by %-7s: %.1f ms (%lld ids)\n", name, ms(t),
                        qint64(ids.size()));
        }
        CaptureFilter failing;
        failing.verdict = CaptureFilter::Verdict::Fail;
        CaptureOrder bySize;
        bySize.key = CaptureOrder::Key::Size;
        t.restart();
        const QVector<qint64> ids = store.ids(failing, bySize);
        std::printf("CaptureStore::ids failed only, by size: %.1f ms (%lld ids)\n", ms(t),
                    qint64(ids.size()));
    }

    const std::pair<const char *, int> columns[] = {{"time", RequestListModel::TimeColumn},
                                                    {"status", RequestListModel::StatusColumn},
                                                    {"size", RequestListModel::SizeColumn},
                                                    {"verdict", RequestListModel::VerdictColumn}};
    for (const auto &[name, column] : columns) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            t.restart();
            model.sort(column, order);
            const double gui = ms(t);
            waitLoaded(model);
            const double sorted = ms(t);
            t.restart();
            model.index(0, RequestListModel::VerdictColumn).data();
            const double firstPage = ms(t);
            t.restart();
            const QString last = model.index(model.rowCount() - 1, RequestListModel::VerdictColumn)
                                     .data()
                                     .toString();
            const double end = ms(t);
            t.restart();
            const int row = model.rowForId(model.captureId(model.rowCount() / 2));
            const double find = ms(t);
            std::printf("sort by %-7s %s: GUI thread %.2f ms, rows in order after %.0f ms, first "
                        "page %.1f ms, last row %.1f ms (%s), rowForId %.2f ms (row %d)\n",
                        name, order == Qt::AscendingOrder ? "asc " : "desc", gui, sorted, firstPage,
                        end, qPrintable(last), find, row);
        }
    }
    return 0;
}
