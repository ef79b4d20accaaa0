#include "ui/window/CaptureActions.h"

#include "core/http/RequestFramer.h"
#include "core/io/CurlExportWriter.h"

#include <QAction>
#include <QBuffer>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMenu>
#include <QMimeData>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

namespace {

QByteArray bodyOf(const Capture &c)
{
    const ParsedRequest parsed =
        c.parsed.headerSectionEnd >= 0 ? c.parsed : RequestFramer::parse(c.raw);
    return parsed.body(c.raw);
}

// Bytes to the clipboard: as text when they are UTF-8, and always as the exact bytes too.
void copyBytes(const QByteArray &bytes, const QString &mime)
{
    auto *data = new QMimeData;
    data->setData(mime, bytes);
    data->setText(QString::fromUtf8(bytes));
    QGuiApplication::clipboard()->setMimeData(data);
}

bool isUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

} // namespace

CaptureActions::CaptureActions(QMenu *menu, Selected selected, BaseUrl baseUrl, QWidget *window)
    : QObject(window), m_selected(std::move(selected)), m_baseUrl(std::move(baseUrl)),
      m_window(window)
{
    const auto add = [&](const QString &text, const QKeySequence &keys,
                         void (CaptureActions::*f)()) {
        QAction *a = menu->addAction(text, this, f);
        a->setShortcut(keys);
        m_actions.append(a);
    };
    add(tr("Copy as &curl"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C),
        &CaptureActions::copyCurl);
    add(tr("Copy as &Raw HTTP"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_H),
        &CaptureActions::copyRaw);
    add(tr("Copy &Body"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_B), &CaptureActions::copyBody);
    add(tr("&Save Body As…"), QKeySequence::Save, &CaptureActions::saveBody);
    add(tr("&Open Body in External Editor"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O),
        &CaptureActions::openBody);
}

QString CaptureActions::bodyFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
           QStringLiteral("/bodies");
}

QString CaptureActions::curlCommand(const Capture &capture, const QString &baseUrl, QString *error)
{
    ExportItem item;
    item.capture = capture;
    if (item.capture.parsed.headerSectionEnd < 0)
        item.capture.parsed = RequestFramer::parse(capture.raw);
    CurlExportWriter writer(bodyFolder(), QString());
    writer.setBaseUrl(baseUrl.toUtf8());
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    if (!writer.begin(&buffer) || !writer.write(item)) {
        *error = writer.errorString();
        return {};
    }
    return QString::fromUtf8(out).trimmed();
}

QString CaptureActions::bodyFileSuffix(const Capture &capture)
{
    const QByteArray type = capture.summary.contentType.toLower();
    if (type.contains("json"))
        return QStringLiteral("json");
    if (type.contains("xml"))
        return QStringLiteral("xml");
    if (type.contains("x-www-form-urlencoded"))
        return QStringLiteral("txt");
    if (type.startsWith("text/"))
        return QStringLiteral("txt");
    return isUtf8(bodyOf(capture)) ? QStringLiteral("txt") : QStringLiteral("bin");
}

const Capture *CaptureActions::selectedOrTell()
{
    const Capture *c = m_selected();
    if (!c)
        Q_EMIT told(tr("Select a request first"));
    return c;
}

void CaptureActions::copyCurl()
{
    const Capture *c = selectedOrTell();
    if (!c)
        return;
    QString error;
    const QString command = curlCommand(*c, m_baseUrl(), &error);
    if (command.isEmpty()) {
        Q_EMIT told(tr("Cannot copy as curl: %1").arg(error));
        return;
    }
    QGuiApplication::clipboard()->setText(command);
    Q_EMIT told(tr("Copied a curl command that sends capture %1's exact bytes to %2")
                    .arg(c->summary.id)
                    .arg(m_baseUrl()));
}

void CaptureActions::copyRaw()
{
    const Capture *c = selectedOrTell();
    if (!c)
        return;
    copyBytes(c->raw, QStringLiteral("message/http"));
    Q_EMIT told(isUtf8(c->raw) ? tr("Copied %n byte(s) of raw HTTP", nullptr, int(c->raw.size()))
                               : tr("Copied raw HTTP (not UTF-8: the text form marks the bytes "
                                    "it cannot show; Save Body As keeps them exactly)"));
}

void CaptureActions::copyBody()
{
    const Capture *c = selectedOrTell();
    if (!c)
        return;
    const QByteArray body = bodyOf(*c);
    copyBytes(body, QString::fromLatin1(c->summary.contentType.isEmpty()
                                            ? QByteArray("application/octet-stream")
                                            : c->summary.contentType.split(';').first().trimmed()));
    Q_EMIT told(isUtf8(body) ? tr("Copied the body (%n byte(s))", nullptr, int(body.size()))
                             : tr("Copied the body (not UTF-8: Save Body As keeps it exactly)"));
}

void CaptureActions::saveBody()
{
    const Capture *c = selectedOrTell();
    if (!c)
        return;
    const QString suggested = QDir::home().filePath(
        QStringLiteral("capture-%1.%2").arg(c->summary.id).arg(bodyFileSuffix(*c)));
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Body As"), suggested);
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    const QByteArray body = bodyOf(*c);
    if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size() || !file.commit()) {
        Q_EMIT told(tr("Cannot save %1: %2").arg(path, file.errorString()));
        return;
    }
    Q_EMIT told(tr("Saved %n byte(s) to %1", nullptr, int(body.size())).arg(path));
}

void CaptureActions::openBody()
{
    const Capture *c = selectedOrTell();
    if (!c)
        return;
    QDir().mkpath(bodyFolder());
    const QString path =
        bodyFolder() + QStringLiteral("/capture-%1.%2").arg(c->summary.id).arg(bodyFileSuffix(*c));
    QSaveFile file(path);
    const QByteArray body = bodyOf(*c);
    if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size() || !file.commit()) {
        Q_EMIT told(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    // a copy: editing it never changes the capture
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        Q_EMIT told(tr("No application opens %1").arg(path));
    else
        Q_EMIT told(tr("Opened a copy of the body: %1").arg(path));
}
