#include "core/io/HarExportWriter.h"

#include "core/capture/Utf8Check.h"
#include "core/io/CaptureJson.h"
#include "core/io/ChunkedFraming.h"
#include "core/io/JsonText.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

// Header bytes as JSON text: UTF-8 as it is, anything else read as Latin-1 (as browsers do);
// head_base64 keeps the exact bytes either way.
QByteArray textOf(const QByteArray &bytes)
{
    return Utf8Check::firstInvalidOffset(bytes) < 0 ? bytes : QString::fromLatin1(bytes).toUtf8();
}

QByteArray nameValue(const QByteArray &name, const QByteArray &value)
{
    return "{\"name\":" + JsonText::quoted(textOf(name)) +
           ",\"value\":" + JsonText::quoted(textOf(value)) + '}';
}

QByteArray queryString(const QByteArray &target)
{
    QByteArray out = "[";
    const qsizetype q = target.indexOf('?');
    if (q >= 0) {
        bool first = true;
        for (const QByteArray &pair : target.mid(q + 1).split('&')) {
            if (pair.isEmpty())
                continue;
            const qsizetype eq = pair.indexOf('=');
            const QByteArray name =
                QByteArray::fromPercentEncoding(pair.left(eq < 0 ? pair.size() : eq));
            const QByteArray value =
                eq < 0 ? QByteArray() : QByteArray::fromPercentEncoding(pair.mid(eq + 1));
            out += (first ? "" : ",") + nameValue(name, value);
            first = false;
        }
    }
    return out + ']';
}

} // namespace

HarExportWriter::HarExportWriter(QString creatorVersion, bool redacted)
    : m_creatorVersion(std::move(creatorVersion)), m_redacted(redacted)
{}

bool HarExportWriter::put(const QByteArray &bytes)
{
    if (m_out->write(bytes) == bytes.size())
        return true;
    return fail(QStringLiteral("Cannot write the export: %1").arg(m_out->errorString()));
}

QByteArray HarExportWriter::urlOf(const QByteArray &target, const QByteArray &host)
{
    if (target.startsWith("http://") || target.startsWith("https://"))
        return target.toPercentEncoding(":/?#[]@!$&'()*+,;=%~-._");
    static const QRegularExpression plainHost(
        QStringLiteral("^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$"));
    const QByteArray authority =
        plainHost.match(QString::fromLatin1(host)).hasMatch() ? host : QByteArray("localhost");
    return "http://" + authority + target.toPercentEncoding(":/?#[]@!$&'()*+,;=%~-._");
}

bool HarExportWriter::begin(QIODevice *out)
{
    m_out = out;
    m_entries = 0;
    QByteArray head =
        "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Hookbench\",\"version\":" +
        JsonText::quoted(m_creatorVersion.toUtf8()) + "}";
    if (m_redacted)
        head += ",\"comment\":\"Redacted by hookbench-cli export --redact-secrets: signature and "
                "credential headers and configured secrets are replaced by [redacted]\"";
    return put(head + ",\"entries\":[\n");
}

bool HarExportWriter::write(const ExportItem &item)
{
    const Capture &c = item.capture;
    const ParsedRequest &p = c.parsed;
    const CaptureSummary &s = c.summary;
    const QByteArray body = p.body(c.raw);
    const QByteArray httpVersion = p.httpVersion.isEmpty() ? QByteArray("HTTP/1.1") : p.httpVersion;
    const qint64 headEnd = p.headerSectionEnd >= 0 ? p.headerSectionEnd : c.raw.size();

    QByteArray e = m_entries++ ? ",\n{" : "{";
    e += "\"startedDateTime\":" + JsonText::quoted(CaptureJson::rfc3339(s.receivedAtUs).toUtf8()) +
         ",\"time\":0,\"request\":{\"method\":" + JsonText::quoted(textOf(s.method)) +
         ",\"url\":" + JsonText::quoted(urlOf(s.target, p.header("Host"))) +
         ",\"httpVersion\":" + JsonText::quoted(textOf(httpVersion)) +
         ",\"cookies\":[],\"headers\":[";
    for (qsizetype i = 0; i < p.headers.size(); ++i)
        e += (i ? "," : "") + nameValue(p.headers.at(i).name, p.headers.at(i).value);
    e += "],\"queryString\":" + queryString(s.target) +
         ",\"headersSize\":" + QByteArray::number(headEnd) +
         ",\"bodySize\":" + QByteArray::number(body.size());
    if (!put(e))
        return false;
    if (!body.isEmpty()) {
        const bool base64 = Utf8Check::firstInvalidOffset(body) >= 0;
        if (!put(",\"postData\":{\"mimeType\":" + JsonText::quoted(textOf(s.contentType)) +
                 (base64 ? ",\"encoding\":\"base64\"" : "") + ",\"text\":\"") ||
            !JsonText::writeString(m_out, body, base64)) {
            return m_error.isEmpty() ? fail(QStringLiteral("Cannot write the export: %1")
                                                .arg(m_out->errorString()))
                                     : false;
        }
        if (!put("\"}"))
            return false;
    }
    e = "},\"response\":{\"status\":" + QByteArray::number(s.status) +
        ",\"statusText\":\"\",\"httpVersion\":\"HTTP/1.1\",\"cookies\":[],\"headers\":[],"
        "\"content\":{\"size\":0,\"mimeType\":\"\"},\"redirectURL\":\"\",\"headersSize\":-1,"
        "\"bodySize\":-1},\"cache\":{},\"timings\":{\"send\":0,\"wait\":0,\"receive\":0}";

    QJsonObject ext;
    ext.insert("id", s.id);
    ext.insert("endpoint", s.endpointId.isEmpty() ? QJsonValue() : QJsonValue(s.endpointId));
    const QJsonDocument verdict = QJsonDocument::fromJson(s.verdictJson);
    ext.insert("verdict", verdict.isObject() ? QJsonValue(verdict.object()) : QJsonValue());
    ext.insert("provider", verdict.isObject() ? verdict.object().value("provider") : QJsonValue());
    ext.insert("peer", s.peer);
    if (Utf8Check::firstInvalidOffset(s.target) < 0)
        ext.insert("target", QString::fromUtf8(s.target));
    ext.insert("head_base64", QString::fromLatin1(c.raw.left(headEnd).toBase64()));
    bool exactFraming = true;
    if (p.chunked && !p.hasError()) {
        QJsonArray sizes;
        QList<qint64> lengths;
        for (const ByteSpan &seg : p.bodySegments) {
            sizes.append(seg.length);
            lengths.append(seg.length);
        }
        ext.insert("chunk_sizes", sizes);
        // Chunk extensions, upper-case sizes or trailers: the framing is not what
        // ChunkedFraming writes, so the exact bytes go along.
        exactFraming = ChunkedFraming::frame(body, lengths) == c.raw.mid(headEnd);
    }
    if (p.hasError() || !exactFraming) {
        if (p.hasError())
            ext.insert("parse_error", p.error);
        ext.insert("raw_base64", QString::fromLatin1(c.raw.toBase64()));
    }
    if (!item.origin.isEmpty())
        ext.insert("origin", CaptureJson::origin(item.origin));
    if (!item.redacted.isEmpty())
        ext.insert("redacted", QJsonArray::fromStringList(item.redacted));
    if (item.mark.bookmarked)
        ext.insert("bookmarked", true);
    if (!item.mark.note.isEmpty()) // HAR 1.2: an entry's comment is the user's
        e += ",\"comment\":" + JsonText::quoted(item.mark.note.toUtf8());
    e += ",\"_hookbench\":" + QJsonDocument(ext).toJson(QJsonDocument::Compact) + '}';
    return put(e);
}

bool HarExportWriter::finish()
{
    return put("\n]}}\n");
}
