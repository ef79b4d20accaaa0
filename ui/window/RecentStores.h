#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

// File > Open Recent: the last MaxCount stores opened, newest first, kept in QSettings
// ("store/recent"). The menu is filled as it opens; a store whose file is gone is shown greyed
// (and "Remove Missing" drops those).
class RecentStores : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxCount = 8;

    RecentStores(QMenu *menu, QObject *parent = nullptr);

    static QStringList paths();
    static void add(const QString &path); // to the front; once
    static void removeMissing();
    static void clear();

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void fill();

    QMenu *m_menu;
};
