// Fills a store with N captures (once), then measures how long the desktop app takes to open
// it and paint the first rows, and the process's peak memory. Run under the offscreen or xcb
// platform: bench/gui_open.sh does both steps.
#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"
#include "ui/list/RequestListModel.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTableView>
#include <cstdio>
#include <sys/resource.h>

namespace {

long peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
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
            c.summary.peer = QStringLiteral("127.0.0.1:50000");
            c.summary.method = "POST";
            c.summary.target = "/stripe/" + QByteArray::number(have);
            c.summary.endpointId = QStringLiteral("stripe-dev");
            c.summary.contentType = "application/json";
            c.summary.bodySize = body.size();
            c.summary.status = 200;
            c.raw = "POST " + c.summary.target +
                    " HTTP/1.1\r\nHost: localhost:8787\r\n"
                    "Content-Type: application/json\r\nContent-Length: " +
                    QByteArray::number(body.size()) + "\r\n\r\n" + body;
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
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("hookbench-bench"));
    const QStringList args = QApplication::arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_gui_open STORE COUNT\n");
        return 2;
    }
    const QString path = args.at(1);
    const qint64 count = args.at(2).toLongLong();
    QElapsedTimer fillTimer;
    fillTimer.start();
    if (!fill(path, count)) {
        std::fprintf(stderr, "cannot fill %s\n", qPrintable(path));
        return 3;
    }
    std::printf("store: %lld captures, %.0f MiB, filled in %.1f s\n", count,
                QFileInfo(path).size() / 1048576.0, fillTimer.elapsed() / 1000.0);
    const long rssBefore = peakRssMiB();

    QElapsedTimer timer;
    timer.start();
    CaptureSession session;
    CaptureSession::Options settings;
    settings.storePath = path;
    MainWindow window(&session, nullptr, settings);
    window.resize(1280, 800);
    window.show();
    window.openStore(path);
    QTableView *list = window.requestView();
    list->viewport()->grab(); // paints the first visible rows, reading their page
    const qint64 openMs = timer.elapsed();
    const QString firstRow =
        window.requestModel()->index(0, RequestListModel::PathColumn).data().toString();

    timer.restart();
    list->scrollToBottom();
    list->viewport()->grab();
    const qint64 endMs = timer.elapsed();

    std::printf("open + first rows painted: %lld ms (first row %s, %d rows)\n", openMs,
                qPrintable(firstRow), window.requestModel()->rowCount());
    std::printf("jump to the last row and paint: %lld ms\n", endMs);
    std::printf("peak RSS: %ld MiB (after filling, before the window: %ld MiB)\n", peakRssMiB(),
                rssBefore);
    return 0;
}
