#pragma once

#include <QHash>
#include <QObject>

class QSocketNotifier;

// Watches the connected sockets of one thread for reading and writing. On Linux they share one
// epoll descriptor, which is the only one of them the thread's event loop polls: with a
// QSocketNotifier per socket, every turn of the loop polled every open connection (at 32
// keep-alive connections under load, a seventh of the capture thread's time; bench/README.md).
// Elsewhere each socket gets its notifiers. Level-triggered, like QSocketNotifier.
class SocketPoller : public QObject
{
    Q_OBJECT
public:
    class Watcher
    {
    public:
        virtual void readable() = 0;
        virtual void writable() = 0;

    protected:
        ~Watcher() = default;
    };

    explicit SocketPoller(QObject *parent = nullptr);
    ~SocketPoller() override;
    SocketPoller(const SocketPoller &) = delete;
    SocketPoller &operator=(const SocketPoller &) = delete;

    // Watches `fd` for the events asked for (none: not at all). The watcher is told of them
    // until remove(), which comes before `fd` is closed.
    void watch(int fd, Watcher *watcher, bool read, bool write);
    void remove(int fd);

private:
    struct Entry
    {
        Watcher *watcher = nullptr;
        bool read = false;
        bool write = false;
        bool added = false; // in the epoll set (an fd that asks for nothing is taken out of it)
        QSocketNotifier *readNotifier = nullptr;  // without epoll
        QSocketNotifier *writeNotifier = nullptr; // without epoll
    };

    void dispatch();
    void apply(int fd, Entry &entry);

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    QHash<int, Entry> m_entries;
};
