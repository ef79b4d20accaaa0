#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <functional>

// The bytes of large captures, one file each in a folder beside the store (`<store>-large/`),
// named by the upload number its capture_bytes row refers to. Written once, by a thread of their
// own, before the row is committed: through SQLite they would be written twice (the WAL, then the
// database) by the one writer every sender waits for, and each would leave a WAL of tens of MiB to
// checkpoint. A file is never changed after it is written; it is removed after its capture's row.
class LargeCaptureFiles
{
public:
    explicit LargeCaptureFiles(const QString &storePath);

    QString folder() const { return m_folder; }
    QString path(qint64 upload) const;

    // Writes `bytes` as a new file (owner-only, like the store) numbered `*upload` or, when that
    // number is taken (another process writing to the same store), the next free one, which is
    // put in *upload. The file and its folder entry are synced before it returns, whatever the
    // store's durability: its row may be rolled back by a power loss (durability "process"), but
    // a row that stays never refers to a file the loss cut short. It costs the large capture's own
    // answer only (this runs beside the writer, not on it). False with *error naming the file;
    // nothing is left behind then.
    bool write(qint64 *upload, const QByteArray &bytes, QString *error) const;
    // The `size` bytes of upload's file. False with *error when it is missing or not that size.
    bool read(qint64 upload, qint64 size, QByteArray *out, QString *error) const;
    void remove(const QList<qint64> &uploads) const;
    void removeAll() const; // the folder with everything in it

    // Copies the files of `uploads` into `target`'s folder: hard links where the file system
    // allows (the files never change), copies elsewhere. `copied` is told each file's size as it
    // is done and returning false stops (*stopped). False with *error, or when stopped.
    bool copyTo(const LargeCaptureFiles &target, const QList<qint64> &uploads,
                const std::function<bool(qint64 bytes)> &copied, QString *error,
                bool *stopped) const;
    // Renames the folder to `target`'s (whose folder must not exist).
    bool moveTo(const LargeCaptureFiles &target) const;
    // Removes the files no row refers to (left by a process killed between writing a file and
    // committing its row) that were last written more than `quietSeconds` ago: a younger one may
    // be another process's capture on its way into the store.
    void removeUnreferenced(const QSet<qint64> &referenced, int quietSeconds) const;

private:
    QString m_folder;
};
