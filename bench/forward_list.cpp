// Fills a store with N captures, each with one forward (90 % delivered, 5 % skipped, 3 %
// retrying, 1 % dead, 1 % queued), then measures what the request list asks of it with the
// Forward column: a page of summaries (with the correlated subquery per row), and the ids that
// pass each forward-state filter. Usage: bench_forward_list STORE COUNT.
#include "core/store/CaptureStore.h"
#include "ui/list/RequestListModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <cstdio>

namespace {

OutboxEntry::State stateFor(qint64 i)
{
    switch (i % 100) {
    case 0:
        return OutboxEntry::State::Dead;
    case 1:
        return OutboxEntry::State::Queued;
    case 2:
    case 3:
    case 4:
        return OutboxEntry::State::Retrying;
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
        return OutboxEntry::State::Skipped;
    default:
        return OutboxEntry::State::Delivered;
    }
}

bool fill(const QString &path, qint64 wanted)
{
    CaptureStore store;
    if (!store.open(path))
        return false;
    const QByteArray body = R"({"id":"evt_1NqXcL2eZvKYlo2C","type":"payment_intent.succeeded"})";
    for (qint64 have = store.count(); have < wanted;) {
        QList<NewCapture> batch;
        for (int i = 0; i < 10000 && have < wanted; ++i, ++have) {
            NewCapture c;
            c.summary.receivedAtUs = 1763779200000000 + have * 1000;
            c.summary.method = "POST";
            c.summary.target = "/stripe/" + QByteArray::number(have);
            c.summary.endpointId = QStringLiteral("stripe-dev");
            c.summary.status = 200;
            c.raw = "POST " + c.summary.target +
                    " HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                    body;
            OutboxEntry e;
            e.kind = QStringLiteral("http");
            e.target = QStringLiteral("http://127.0.0.1:3000/hook");
            e.state = stateFor(have);
            c.outbox = {e};
            batch.append(c);
        }
        if (!store.append(batch))
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_forward_list STORE COUNT\n");
        return 2;
    }
    const QString path = args.at(1);
    const qint64 count = args.at(2).toLongLong();
    if (!fill(path, count)) {
        std::fprintf(stderr, "cannot fill %s\n", qPrintable(path));
        return 3;
    }
    std::printf("store: %lld captures with one forward each, %.0f MiB\n", count,
                QFileInfo(path).size() / 1048576.0);

    QElapsedTimer timer;
    timer.start();
    RequestListModel model;
    if (!model.open(path, nullptr))
        return 3;
    const QString first = model.index(0, RequestListModel::ForwardColumn).data().toString();
    std::printf("open (every id) + first page with the Forward column: %lld ms (%d rows, "
                "first: %s)\n",
                timer.elapsed(), model.rowCount(), qPrintable(first));
    timer.restart();
    const int pages = 200;
    for (int p = 0; p < pages; ++p) {
        const int row = int((qint64(model.rowCount() - 1) * p) / pages);
        model.index(row, RequestListModel::ForwardColumn).data();
    }
    std::printf("a page of %d summaries with the Forward column: %.2f ms (mean of %d pages)\n",
                RequestListModel::PageSize, double(timer.elapsed()) / pages, pages);
    const QList<QPair<const char *, CaptureFilter::Forward>> filters = {
        {"dead", CaptureFilter::Forward::Dead},
        {"retrying", CaptureFilter::Forward::Retrying},
        {"delivered", CaptureFilter::Forward::Delivered},
        {"not forwarded", CaptureFilter::Forward::None}};
    for (const auto &f : filters) {
        CaptureFilter filter;
        filter.forward = f.second;
        timer.restart();
        model.setFilter(filter);
        model.index(0, RequestListModel::ForwardColumn).data();
        std::printf("filter %-13s %7d rows in %lld ms\n", f.first, model.rowCount(),
                    timer.elapsed());
    }
    return 0;
}
