#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

// Hands the files a later launch is given to the window that is already open (so the file
// manager's "Open with Hookbench" reaches it): the first launch listens on a local socket that
// only its user can reach; a launch with files tries that socket first, passes the absolute paths
// and ends.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString &key, QObject *parent = nullptr);

    // Hands `files` to a running instance: true when one took them.
    bool handOver(const QStringList &files) const;
    // Listens for the files of later launches (replacing the socket a crashed instance left).
    bool listen();

Q_SIGNALS:
    void filesReceived(const QStringList &files);

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};
