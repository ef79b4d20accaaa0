#pragma once

#include <QSaveFile>
#include <QString>
#include <QTemporaryDir>
#include <memory>

// Where an export is written until it is whole: a temporary file or folder beside the target,
// renamed into place by commit(). Until then the target is untouched, and a cancelled or failed
// export (the object destroyed without commit) leaves nothing behind.
class ExportTarget
{
public:
    enum class Kind
    {
        File,  // one file (HAR, JSONL, a curl script)
        Folder // files in a folder (raw requests, curl's body files)
    };

    ExportTarget(QString path, Kind kind);
    ~ExportTarget(); // discards what was written unless committed

    bool open(QString *error);
    QIODevice *device() { return m_file.get(); } // File
    QString folder() const;                      // Folder: write the files here
    // File: renamed over the target. Folder: renamed to the target, or, when that folder exists,
    // each file moved into it (replacing a file of the same name). An empty folder is dropped.
    bool commit(QString *error);
    QString path() const { return m_path; }

private:
    bool commitFolder(QString *error);

    QString m_path;
    Kind m_kind;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<QTemporaryDir> m_folder;
};
