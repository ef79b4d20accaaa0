#include "ui/window/RecentStores.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace {

const char *const Key = "store/recent";

void save(const QStringList &paths)
{
    QSettings().setValue(Key, paths);
}

} // namespace

RecentStores::RecentStores(QMenu *menu, QObject *parent) : QObject(parent), m_menu(menu)
{
    connect(menu, &QMenu::aboutToShow, this, &RecentStores::fill);
    fill(); // so the menu is not empty before it is first shown (and tests can read it)
}

QStringList RecentStores::paths()
{
    return QSettings().value(Key).toStringList();
}

void RecentStores::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    save(list.mid(0, MaxCount));
}

void RecentStores::removeMissing()
{
    QStringList list = paths();
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const QString &p) { return !QFileInfo::exists(p); }),
               list.end());
    save(list);
}

void RecentStores::clear()
{
    save({});
}

void RecentStores::fill()
{
    m_menu->clear();
    const QStringList list = paths();
    bool missing = false;
    for (int i = 0; i < list.size(); ++i) {
        const QString &path = list.at(i);
        const bool exists = QFileInfo::exists(path);
        missing = missing || !exists;
        QAction *a = m_menu->addAction(QStringLiteral("&%1 %2%3")
                                           .arg(i + 1)
                                           .arg(QDir::toNativeSeparators(path))
                                           .arg(exists ? QString() : tr(" (missing)")),
                                       this, [this, path] { Q_EMIT openRequested(path); });
        a->setEnabled(exists);
        a->setData(path);
    }
    if (list.isEmpty()) {
        m_menu->addAction(tr("No recent stores"))->setEnabled(false);
        return;
    }
    m_menu->addSeparator();
    QAction *prune = m_menu->addAction(tr("&Remove Missing"), this, [] { removeMissing(); });
    prune->setEnabled(missing);
    m_menu->addAction(tr("&Clear Menu"), this, [] { clear(); });
}
