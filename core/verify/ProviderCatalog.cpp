#include "core/verify/ProviderCatalog.h"

#include "core/verify/ProviderTable.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <algorithm>

ProviderCatalog ProviderCatalog::load(const QString &builtInDir, const QString &userDir)
{
    ProviderCatalog c;
    for (const ProviderScheme &s : ProviderTable::schemes())
        c.add(s);
    if (!builtInDir.isEmpty())
        c.addFolder(builtInDir, ProviderScheme::Origin::BuiltInFile);
    if (!userDir.isEmpty())
        c.addFolder(userDir, ProviderScheme::Origin::UserFile);
    std::sort(c.m_schemes.begin(), c.m_schemes.end(),
              [](const ProviderScheme &a, const ProviderScheme &b) { return a.name < b.name; });
    return c;
}

const ProviderCatalog &ProviderCatalog::shared()
{
    static const ProviderCatalog catalog =
        load(QString::fromLatin1(BuiltInDirectory), userDirectory());
    return catalog;
}

QString ProviderCatalog::userDirectory()
{
    // The program's name, not QCoreApplication's: the folder is the same for hookbench and
    // hookbench-cli (and for tests, which set XDG_CONFIG_HOME).
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/hookbench/providers");
}

const ProviderScheme *ProviderCatalog::find(const QString &name) const
{
    for (const ProviderScheme &s : m_schemes) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

void ProviderCatalog::addFolder(const QString &dir, ProviderScheme::Origin origin)
{
    const QDir folder(dir);
    if (!folder.exists())
        return;
    const QStringList names = folder.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QString path = folder.filePath(name);
        QFile f(path);
        ProviderFile::Problem problem;
        if (!f.open(QIODevice::ReadOnly)) {
            m_problems.append({path, QString(), f.errorString()});
            continue;
        }
        // A provider file is a few hundred bytes; anything large is not one.
        if (f.size() > 1024 * 1024) {
            m_problems.append({path, QString(), QStringLiteral("larger than 1 MiB")});
            continue;
        }
        if (auto s = ProviderFile::parse(f.readAll(), path, origin, &problem))
            add(*s);
        else
            m_problems.append(problem);
    }
}

void ProviderCatalog::add(const ProviderScheme &scheme)
{
    for (ProviderScheme &s : m_schemes) {
        if (s.name == scheme.name) {
            s = scheme;
            return;
        }
    }
    m_schemes.append(scheme);
}
