// The raw Text view on a 50 MB body (issue 14): time to the first paint after setData, the line
// index build on the worker, the longest stall of the GUI thread while it builds (a 1 ms timer's
// largest gap), and scrolling to the end; next to the cost the same index had on the GUI thread.
// Run under the offscreen platform: QT_QPA_PLATFORM=offscreen bench_raw_view [MiB]
#include "ui/raw/ByteView.h"
#include "ui/raw/LineIndex.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

double ms(qint64 ns)
{
    return double(ns) / 1e6;
}

// CPU time of the calling thread: on a shared machine wall time also counts other processes.
qint64 threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

QByteArray jsonLines(qint64 size)
{
    const QByteArray line =
        "{\"id\":\"evt_1NqXcL2eZvKYlo2C\",\"customer\":\"Zo\xc3\xab caf\xc3\xa9\","
        "\"note\":\"\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80\"}\r\n";
    QByteArray data;
    data.reserve(size + line.size());
    while (data.size() < size)
        data.append(line);
    return data;
}

QByteArray oneLine(qint64 size)
{
    QByteArray data = jsonLines(size);
    data.replace("\r\n", ",");
    return data;
}

QByteArray asciiNewlines(qint64 size)
{
    return QByteArray(size, '\n');
}

void run(const char *name, const QByteArray &data)
{
    ByteView view;
    view.resize(1200, 800);
    view.setMode(ByteView::Mode::Text);
    view.show();
    QApplication::processEvents();

    qint64 buildNs = -1;
    QObject::connect(&view, &ByteView::textIndexReady,
                     [&buildNs](qint64, qint64 ns) { buildNs = ns; });
    QElapsedTimer clock;
    clock.start();
    const qint64 cpu0 = threadCpuNs();
    view.setData(data);
    const qint64 setDataNs = clock.nsecsElapsed();
    const qint64 setDataCpuNs = threadCpuNs() - cpu0;
    view.viewport()->repaint();
    const qint64 firstPaintNs = clock.nsecsElapsed();
    const qint64 firstPaintCpuNs = threadCpuNs() - cpu0;
    QElapsedTimer again;
    again.start();
    view.viewport()->repaint();
    const qint64 repaintNs = again.nsecsElapsed();

    // Wait for the worker, ticking a 1 ms timer to see how long the GUI thread ever stalls.
    qint64 lastTick = clock.nsecsElapsed();
    qint64 worstGap = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        worstGap = std::max(worstGap, now - lastTick);
        lastTick = now;
    });
    tick.start(1);
    QEventLoop loop;
    QObject::connect(&view, &ByteView::textIndexReady, &loop, &QEventLoop::quit);
    if (buildNs < 0)
        loop.exec();
    tick.stop();
    const qint64 readyNs = clock.nsecsElapsed();

    QElapsedTimer scroll;
    scroll.start();
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
    view.viewport()->repaint();
    const qint64 scrollNs = scroll.nsecsElapsed();

    // The same full index built on the calling thread, as the GUI thread did before.
    QElapsedTimer sync;
    sync.start();
    LineIndex index;
    index.build(data, view.wrapColumns());
    const qint64 syncNs = sync.nsecsElapsed();

    std::printf("%-14s setData %5.2f ms (CPU %5.2f ms), first paint CPU %5.2f ms, a repaint "
                "%5.2f ms\n",
                name, ms(setDataNs), ms(setDataCpuNs), ms(firstPaintCpuNs), ms(repaintNs));
    std::printf("%-16s %6.1f MB %9lld rows | first paint %6.2f ms | index on worker %7.1f ms "
                "(ready after %7.1f ms) | worst GUI gap %5.1f ms | scroll to end %5.2f ms | "
                "same index on GUI thread %7.1f ms\n",
                name, data.size() / 1e6, static_cast<long long>(view.rowCount()), ms(firstPaintNs),
                ms(buildNs), ms(readyNs), ms(worstGap), ms(scrollNs), ms(syncNs));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const qint64 mib = argc > 1 ? QByteArray(argv[1]).toLongLong() : 50;
    const qint64 size = mib * 1024 * 1024;
    run("json lines", jsonLines(size));
    run("one json line", oneLine(size));
    run("only newlines", asciiNewlines(size));
    return 0;
}
