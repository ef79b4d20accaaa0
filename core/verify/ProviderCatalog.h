#pragma once

#include "core/verify/ProviderFile.h"
#include "core/verify/ProviderScheme.h"

#include <QList>
#include <QString>

// Every provider a program knows: the code-only shapes (ProviderTable), the built-in provider
// files (compiled in as Qt resources under BuiltInDirectory) and the user's files (UserDirectory),
// a user's file replacing a built-in provider of the same name. Files that are refused are left
// out and listed in problems(); the rest still load.
//
// shared() is read once, on first use, and never changes: the capture path looks providers up
// with no file I/O, from any thread.
class ProviderCatalog
{
public:
    static constexpr const char *BuiltInDirectory = ":/hookbench/providers";

    // Reads `builtInDir` and `userDir` (either may be empty or missing).
    static ProviderCatalog load(const QString &builtInDir, const QString &userDir);
    // The program's catalog: built-ins and userDirectory(), loaded once.
    static const ProviderCatalog &shared();
    // $XDG_CONFIG_HOME/hookbench/providers on Linux (the platform's config folder elsewhere).
    static QString userDirectory();

    // Sorted by name.
    const QList<ProviderScheme> &schemes() const { return m_schemes; }
    const ProviderScheme *find(const QString &name) const;
    // Refused files, in the order they were read.
    const QList<ProviderFile::Problem> &problems() const { return m_problems; }

private:
    void addFolder(const QString &dir, ProviderScheme::Origin origin);
    void add(const ProviderScheme &scheme);

    QList<ProviderScheme> m_schemes;
    QList<ProviderFile::Problem> m_problems;
};
