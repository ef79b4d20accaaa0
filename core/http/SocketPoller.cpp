#include "core/http/SocketPoller.h"

#include <QSocketNotifier>

#include <cerrno>
#include <unistd.h>

#if defined(__linux__)
#include <sys/epoll.h>
#endif

namespace {

constexpr int maxEventsPerTurn = 64; // more stay ready: the loop comes back for them

} // namespace

SocketPoller::SocketPoller(QObject *parent) : QObject(parent)
{
#if defined(__linux__)
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll >= 0) {
        m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &SocketPoller::dispatch);
    }
#endif
}

SocketPoller::~SocketPoller()
{
    if (m_notifier)
        m_notifier->setEnabled(false);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

void SocketPoller::watch(int fd, Watcher *watcher, bool read, bool write)
{
    auto it = m_entries.find(fd);
    if (it == m_entries.end())
        it = m_entries.insert(fd, Entry{});
    else if (it->watcher == watcher && it->read == read && it->write == write)
        return; // unchanged: no system call (a channel says so after each answer it sends)
    it->watcher = watcher;
    it->read = read;
    it->write = write;
    apply(fd, *it);
}

void SocketPoller::remove(int fd)
{
    const auto it = m_entries.find(fd);
    if (it == m_entries.end())
        return;
    it->read = it->write = false;
    apply(fd, *it);
    // A notifier may be the one whose signal is running: it goes once that has returned.
    for (QSocketNotifier *notifier : {it->readNotifier, it->writeNotifier}) {
        if (notifier)
            notifier->deleteLater();
    }
    m_entries.erase(it);
}

void SocketPoller::apply(int fd, Entry &entry)
{
#if defined(__linux__)
    if (m_epoll >= 0) {
        if (!entry.read && !entry.write) {
            // Out of the set: epoll reports a hang-up or an error even when no event is asked
            // for, and level-triggered, it would report it on every turn.
            if (entry.added)
                ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            entry.added = false;
            return;
        }
        epoll_event event{};
        event.events = (entry.read ? EPOLLIN : 0u) | (entry.write ? EPOLLOUT : 0u);
        event.data.fd = fd;
        ::epoll_ctl(m_epoll, entry.added ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
        entry.added = true;
        return;
    }
#endif
    const auto notifier = [this, fd](QSocketNotifier::Type type) {
        auto *n = new QSocketNotifier(fd, type, this);
        connect(n, &QSocketNotifier::activated, this, [this, fd, type] {
            const auto it = m_entries.constFind(fd);
            if (it == m_entries.cend())
                return;
            if (type == QSocketNotifier::Read && it->read)
                it->watcher->readable();
            else if (type == QSocketNotifier::Write && it->write)
                it->watcher->writable();
        });
        return n;
    };
    if (entry.read && !entry.readNotifier)
        entry.readNotifier = notifier(QSocketNotifier::Read);
    if (entry.write && !entry.writeNotifier)
        entry.writeNotifier = notifier(QSocketNotifier::Write);
    if (entry.readNotifier)
        entry.readNotifier->setEnabled(entry.read);
    if (entry.writeNotifier)
        entry.writeNotifier->setEnabled(entry.write);
}

void SocketPoller::dispatch()
{
#if defined(__linux__)
    epoll_event events[maxEventsPerTurn];
    int count;
    do {
        count = ::epoll_wait(m_epoll, events, maxEventsPerTurn, 0);
    } while (count < 0 && errno == EINTR);
    for (int i = 0; i < count; ++i) {
        const int fd = events[i].data.fd;
        const bool failed = events[i].events & (EPOLLHUP | EPOLLERR); // read or write says how
        // Looked up again before each call: a watcher may stop watching (and close) its socket
        // in the one before.
        auto it = m_entries.constFind(fd);
        if (it != m_entries.cend() && it->read && (failed || events[i].events & EPOLLIN)) {
            Watcher *watcher = it->watcher;
            watcher->readable();
            it = m_entries.constFind(fd);
            if (it == m_entries.cend() || it->watcher != watcher)
                continue;
        }
        if (it != m_entries.cend() && it->write && (failed || events[i].events & EPOLLOUT))
            it->watcher->writable();
    }
#endif
}
