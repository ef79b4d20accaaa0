#include "core/io/CurlExportWriter.h"

#include "core/capture/Utf8Check.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>

namespace {

constexpr qsizetype MaxInlineBody = 16 * 1024;

// The headers curl writes by itself unless told otherwise (`-H 'Name:'` removes one).
const char *const CurlDefaults[] = {"Host", "User-Agent", "Accept"};

bool hasHeader(const ParsedRequest &p, const QByteArray &name)
{
    for (const HeaderField &h : p.headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

CurlExportWriter::CurlExportWriter(QString bodyDir, QString bodyDirFromScript, bool redacted)
    : m_bodyDir(std::move(bodyDir)), m_bodyDirFromScript(std::move(bodyDirFromScript)),
      m_redacted(redacted)
{}

QByteArray CurlExportWriter::shellQuoted(const QByteArray &bytes)
{
    QByteArray out = "'";
    for (char c : bytes)
        out += c == '\'' ? QByteArray("'\\''") : QByteArray(1, c);
    return out + '\'';
}

bool CurlExportWriter::inlineable(const QByteArray &body)
{
    if (body.size() > MaxInlineBody || Utf8Check::firstInvalidOffset(body) >= 0)
        return false;
    for (char c : body) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

bool CurlExportWriter::put(const QByteArray &bytes)
{
    if (m_out->write(bytes) == bytes.size())
        return true;
    return fail(QStringLiteral("Cannot write the export: %1").arg(m_out->errorString()));
}

bool CurlExportWriter::begin(QIODevice *out)
{
    m_out = out;
    if (!m_baseUrl.isEmpty())
        return true;
    QByteArray head =
        "#!/bin/sh\n"
        "# Written by hookbench-cli export --format curl: each command sends one capture's exact\n"
        "# bytes (method, target, headers in order and case, body as sent) to BASE_URL.\n"
        "# Usage: sh THIS_SCRIPT [BASE_URL]    (default http://127.0.0.1:8787)\n";
    if (m_redacted)
        head += "# Redacted (--redact-secrets): signature and credential headers and configured\n"
                "# secrets are replaced by [redacted], so signatures will not verify.\n";
    head += "set -e\nbase_url=${1:-http://127.0.0.1:8787}\nhere=$(dirname \"$0\")\n";
    return put(head);
}

QByteArray CurlExportWriter::bodyArgument(const ExportItem &item, const QByteArray &body)
{
    if (inlineable(body))
        return " \\\n  --data-binary " + shellQuoted(body);
    if (m_bodyDir.isEmpty()) {
        fail(QStringLiteral("Capture %1 has a binary or long body, which a curl export writes to "
                            "a file beside the script: give -o FILE")
                 .arg(item.capture.summary.id));
        return {};
    }
    const QString name = QStringLiteral("%1.body").arg(item.capture.summary.id);
    QDir().mkpath(m_bodyDir);
    QFile file(m_bodyDir + QLatin1Char('/') + name);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(body) != body.size()) {
        fail(QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString()));
        return {};
    }
    if (!m_baseUrl.isEmpty())
        return " \\\n  --data-binary @" + shellQuoted(QFileInfo(file).absoluteFilePath().toUtf8());
    return " \\\n  --data-binary @\"$here\"/" +
           shellQuoted((m_bodyDirFromScript + QLatin1Char('/') + name).toUtf8());
}

bool CurlExportWriter::write(const ExportItem &item)
{
    const Capture &c = item.capture;
    const ParsedRequest &p = c.parsed;
    QByteArray cmd = "\n# capture " + QByteArray::number(c.summary.id) + ": " + c.summary.method +
                     ' ' + c.summary.target.left(200) + '\n';
    for (const QString &what : item.redacted)
        cmd += "# redacted: " + what.toUtf8() + '\n';
    if (p.hasError() || p.headerSectionEnd < 0) {
        return put(cmd + "# not sent: it did not frame as HTTP (" + p.error.toUtf8() +
                   "); export it with --format raw\n");
    }
    for (const HeaderField &h : p.headers) {
        const QByteArray line = c.raw.mid(h.lineSpan.offset, h.lineSpan.length);
        if (line != h.name + ": " + h.value)
            cmd += "# not exact: curl writes '" + h.name + ": <value>', the capture had " +
                   QByteArray::number(line.size()) + " bytes in that line\n";
    }
    if (p.chunked)
        cmd += "# not exact: curl chooses its own chunk sizes\n";

    const QByteArray body = p.body(c.raw);
    cmd += "curl " + QByteArray(p.httpVersion == "HTTP/1.0" ? "--http1.0" : "--http1.1") +
           " --silent --show-error --path-as-is -X " + shellQuoted(p.method);
    for (const char *name : CurlDefaults) {
        if (!hasHeader(p, name))
            cmd += " -H " + shellQuoted(QByteArray(name) + ':');
    }
    if (!hasHeader(p, "Expect"))
        cmd += " -H 'Expect:'";
    if (!body.isEmpty() && !hasHeader(p, "Content-Type"))
        cmd += " -H 'Content-Type:'";
    for (const HeaderField &h : p.headers) {
        // curl's syntax for a header with an empty value is "Name;".
        const QByteArray header =
            h.value.isEmpty() ? QByteArray(h.name + ';') : QByteArray(h.name + ": " + h.value);
        cmd += " \\\n  -H " + shellQuoted(header);
    }
    if (!body.isEmpty()) {
        const QByteArray arg = bodyArgument(item, body);
        if (arg.isEmpty())
            return false;
        cmd += arg;
    }
    if (!m_baseUrl.isEmpty())
        cmd += " \\\n  " + shellQuoted(m_baseUrl + p.target) + '\n';
    else
        cmd += " \\\n  \"$base_url\"" + shellQuoted(p.target) + '\n';
    return put(cmd);
}
