#include "ui/io/ExportTarget.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

ExportTarget::ExportTarget(QString path, Kind kind) : m_path(std::move(path)), m_kind(kind) {}

ExportTarget::~ExportTarget()
{
    if (m_file)
        m_file->cancelWriting(); // the temporary file is removed, the target never replaced
}

bool ExportTarget::open(QString *error)
{
    const QFileInfo info(m_path);
    if (m_kind == Kind::File) {
        m_file = std::make_unique<QSaveFile>(m_path);
        m_file->setDirectWriteFallback(false); // never write the target itself
        if (m_file->open(QIODevice::WriteOnly))
            return true;
        *error = QCoreApplication::translate("ExportTarget", "Cannot write %1: %2")
                     .arg(m_path, m_file->errorString());
        m_file.reset();
        return false;
    }
    if (info.exists() && !info.isDir()) {
        *error =
            QCoreApplication::translate("ExportTarget", "%1 is a file, not a folder").arg(m_path);
        return false;
    }
    // beside the target, so that commit() is a rename on the same file system
    m_folder = std::make_unique<QTemporaryDir>(info.absolutePath() + QLatin1String("/.") +
                                               info.fileName() + QLatin1String(".part-XXXXXX"));
    if (m_folder->isValid())
        return true;
    *error = QCoreApplication::translate("ExportTarget", "Cannot create a folder beside %1: %2")
                 .arg(m_path, m_folder->errorString());
    m_folder.reset();
    return false;
}

QString ExportTarget::folder() const
{
    return m_folder ? m_folder->path() : QString();
}

bool ExportTarget::commit(QString *error)
{
    if (m_kind == Kind::Folder)
        return commitFolder(error);
    if (m_file && m_file->commit()) {
        m_file.reset();
        return true;
    }
    *error = QCoreApplication::translate("ExportTarget", "Cannot write %1: %2")
                 .arg(m_path, m_file ? m_file->errorString() : QStringLiteral("not open"));
    return false;
}

bool ExportTarget::commitFolder(QString *error)
{
    if (!m_folder)
        return false;
    QDir temp(m_folder->path());
    const QStringList files = temp.entryList(QDir::Files | QDir::Hidden);
    if (files.isEmpty())
        return true; // nothing was written there (e.g. no body needed a file)
    if (!QFileInfo::exists(m_path)) {
        if (!QDir().rename(temp.path(), m_path)) {
            *error = QCoreApplication::translate("ExportTarget", "Cannot rename %1 to %2")
                         .arg(temp.path(), m_path);
            return false;
        }
        m_folder->setAutoRemove(false);
        m_folder.reset();
        return true;
    }
    const QDir target(m_path);
    for (const QString &name : files) {
        const QString to = target.filePath(name);
        QFile::remove(to);
        if (!QFile::rename(temp.filePath(name), to)) {
            *error = QCoreApplication::translate("ExportTarget", "Cannot move %1 into %2")
                         .arg(name, m_path);
            return false;
        }
    }
    m_folder.reset();
    return true;
}
