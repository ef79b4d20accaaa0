#include "core/store/LargeCaptureFiles.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Reads and writes go in pieces of this size: a kernel without preemption (PREEMPT_NONE, common
// on servers and VMs) runs one 50 MB read() or write() start to end, keeping the listener's thread
// off that core for as long (over 100 ms measured); between pieces it can be scheduled.
constexpr qint64 PieceBytes = 1024 * 1024;

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(qMin(size, PieceBytes)));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

bool syncFolder(const QString &folder)
{
    const int fd =
        ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

qint64 uploadOf(const QString &fileName)
{
    bool ok = false;
    const qint64 n = fileName.section(QLatin1Char('.'), 0, 0).toLongLong(&ok);
    return ok && n > 0 && fileName == QString::number(n) + QStringLiteral(".http") ? n : 0;
}

} // namespace

LargeCaptureFiles::LargeCaptureFiles(const QString &storePath)
    : m_folder(storePath + QStringLiteral("-large"))
{}

QString LargeCaptureFiles::path(qint64 upload) const
{
    return m_folder + QLatin1Char('/') + QString::number(upload) + QStringLiteral(".http");
}

bool LargeCaptureFiles::write(qint64 *upload, const QByteArray &bytes, QString *error) const
{
    const QByteArray folder = QFile::encodeName(m_folder);
    if (::mkdir(folder.constData(), 0700) != 0 && errno != EEXIST) {
        *error = QStringLiteral("Cannot create %1: %2").arg(m_folder, qt_error_string(errno));
        return false;
    }
    int fd = -1;
    for (;; ++*upload) {
        fd = ::open(QFile::encodeName(path(*upload)).constData(),
                    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            break;
    }
    const QString file = path(*upload);
    if (fd < 0) {
        *error = QStringLiteral("Cannot create %1: %2").arg(file, qt_error_string(errno));
        return false;
    }
    bool ok = writeAll(fd, bytes.constData(), bytes.size());
    if (ok)
        ok = ::fdatasync(fd) == 0;
    const int why = errno;
    ok = ::close(fd) == 0 && ok;
    if (ok)
        ok = syncFolder(m_folder);
    if (!ok) {
        *error = QStringLiteral("Cannot write %1: %2").arg(file, qt_error_string(why));
        QFile::remove(file);
    }
    return ok;
}

bool LargeCaptureFiles::read(qint64 upload, qint64 size, QByteArray *out, QString *error) const
{
    QFile file(path(upload));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    if (file.size() != size) {
        *error = QStringLiteral("%1 holds %2 bytes; its capture has %3")
                     .arg(file.fileName())
                     .arg(file.size())
                     .arg(size);
        return false;
    }
    out->resize(size);
    for (qint64 at = 0; at < size;) {
        const qint64 n = file.read(out->data() + at, qMin(size - at, PieceBytes));
        if (n <= 0) {
            *error = QStringLiteral("Cannot read %1: %2").arg(file.fileName(), file.errorString());
            out->clear();
            return false;
        }
        at += n;
    }
    return true;
}

void LargeCaptureFiles::remove(const QList<qint64> &uploads) const
{
    for (qint64 upload : uploads)
        QFile::remove(path(upload));
}

void LargeCaptureFiles::removeAll() const
{
    QDir(m_folder).removeRecursively();
}

bool LargeCaptureFiles::copyTo(const LargeCaptureFiles &target, const QList<qint64> &uploads,
                               const std::function<bool(qint64 bytes)> &copied, QString *error,
                               bool *stopped) const
{
    *stopped = false;
    if (uploads.isEmpty())
        return true;
    if (::mkdir(QFile::encodeName(target.m_folder).constData(), 0700) != 0 && errno != EEXIST) {
        *error =
            QStringLiteral("Cannot create %1: %2").arg(target.m_folder, qt_error_string(errno));
        return false;
    }
    for (qint64 upload : uploads) {
        const QString from = path(upload);
        const QString to = target.path(upload);
        if (::link(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0 &&
            !QFile::copy(from, to)) {
            *error = QStringLiteral("Cannot copy %1 to %2").arg(from, to);
            return false;
        }
        if (copied && !copied(QFileInfo(to).size())) {
            *stopped = true;
            return false;
        }
    }
    return true;
}

bool LargeCaptureFiles::moveTo(const LargeCaptureFiles &target) const
{
    return !QFileInfo::exists(m_folder) || QDir().rename(m_folder, target.m_folder);
}

void LargeCaptureFiles::removeUnreferenced(const QSet<qint64> &referenced, int quietSeconds) const
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-quietSeconds);
    const QFileInfoList files = QDir(m_folder).entryInfoList(QDir::Files | QDir::Hidden);
    for (const QFileInfo &info : files) {
        const qint64 upload = uploadOf(info.fileName());
        if (upload != 0 && !referenced.contains(upload) && info.lastModified() < before)
            QFile::remove(info.filePath());
    }
}
