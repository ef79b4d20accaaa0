#include "core/io/HarEntryReader.h"

#include "core/io/ChunkedFraming.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace {

struct Header
{
    QByteArray name;
    QByteArray value;
};

QByteArray base64(const QJsonValue &v, bool *ok)
{
    const auto result = QByteArray::fromBase64Encoding(v.toString().toLatin1(),
                                                       QByteArray::AbortOnBase64DecodingErrors);
    *ok = bool(result);
    return result.decoded;
}

int indexOf(const QList<Header> &headers, const char *name)
{
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (headers.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return int(i);
    }
    return -1;
}

// The request target: the URL without scheme and authority ("/a?b"), or the URL itself when it
// has none.
QByteArray targetOf(const QString &url)
{
    static const QRegularExpression absolute(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*"));
    QString rest = url;
    const QRegularExpressionMatch m = absolute.match(url);
    if (m.hasMatch())
        rest = url.mid(m.capturedLength());
    const qsizetype hash = rest.indexOf(QLatin1Char('#'));
    if (hash >= 0)
        rest.truncate(hash);
    if (rest.isEmpty() || rest.startsWith(QLatin1Char('?')))
        rest.prepend(QLatin1Char('/'));
    return rest.toUtf8();
}

// The body the entry holds: postData text (base64 with "encoding"), or its form params.
bool bodyOf(const QJsonObject &request, QByteArray *body, QStringList *notes, QString *error)
{
    const QJsonObject post = request.value("postData").toObject();
    const QString encoding = post.value("encoding").toString(post.value("_encoding").toString());
    if (post.contains("text")) {
        if (encoding == QLatin1String("base64")) {
            bool ok = false;
            *body = base64(post.value("text"), &ok);
            if (!ok) {
                *error = QStringLiteral("postData.text is not valid base64");
                return false;
            }
        } else {
            const QString text = post.value("text").toString();
            *body = text.toUtf8();
            if (text.contains(QChar(0xFFFD)))
                notes->append(QStringLiteral("the body holds U+FFFD: the tool that wrote the HAR "
                                             "may have replaced bytes that were not UTF-8"));
        }
        return true;
    }
    const QJsonArray params = post.value("params").toArray();
    if (!params.isEmpty()) {
        QList<QByteArray> pairs;
        for (const QJsonValue &v : params) {
            const QJsonObject p = v.toObject();
            pairs.append(p.value("name").toString().toUtf8().toPercentEncoding() + '=' +
                         p.value("value").toString().toUtf8().toPercentEncoding());
        }
        *body = pairs.join('&');
        notes->append(QStringLiteral("the body was rebuilt from postData.params (form encoding "
                                     "and parameter spelling may differ)"));
        return true;
    }
    const qint64 size = request.value("bodySize").toInteger(-1);
    if (size > 0)
        notes->append(
            QStringLiteral("the body (%1 bytes) was not in the HAR: imported empty").arg(size));
    return true;
}

} // namespace

qint64 HarEntryReader::parseTime(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)(?:\\.(\\d+))?(Z|[+-]\\d\\d:?\\d\\d)?$"));
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return 0;
    QString zone = m.captured(3);
    if (zone.isEmpty())
        zone = QStringLiteral("Z");
    if (zone.size() == 5)
        zone.insert(3, QLatin1Char(':'));
    const QDateTime t = QDateTime::fromString(m.captured(1) + zone, Qt::ISODate);
    if (!t.isValid())
        return 0;
    const qint64 micros = QString(m.captured(2) + QStringLiteral("000000")).left(6).toLongLong();
    return t.toMSecsSinceEpoch() * 1000 + micros;
}

bool HarEntryReader::read(const QJsonObject &entry, ImportedRequest *out, QString *error)
{
    const QJsonObject request = entry.value("request").toObject();
    const QJsonObject hb = entry.value("_hookbench").toObject();
    out->receivedAtUs = parseTime(entry.value("startedDateTime").toString());
    if (out->receivedAtUs == 0 && entry.contains("startedDateTime"))
        out->notRebuilt.append(QStringLiteral("startedDateTime did not parse: the import time "
                                              "is used"));
    out->peer = hb.value("peer").toString();
    bool ok = false;
    if (hb.contains("raw_base64")) { // Hookbench's own, when the head alone would not do
        out->raw = base64(hb.value("raw_base64"), &ok);
        if (!ok)
            *error = QStringLiteral("_hookbench.raw_base64 is not valid base64");
        return ok;
    }
    if (request.isEmpty() || !request.value("method").isString()) {
        *error = QStringLiteral("it has no request with a method");
        return false;
    }
    QByteArray body;
    if (!bodyOf(request, &body, &out->notRebuilt, error))
        return false;
    if (hb.contains("head_base64")) {
        const QByteArray head = base64(hb.value("head_base64"), &ok);
        if (!ok || !(head.endsWith("\r\n\r\n") || head.endsWith("\n\n"))) {
            *error = QStringLiteral("_hookbench.head_base64 is not a request head");
            return false;
        }
        QList<qint64> sizes;
        const bool chunked =
            QRegularExpression(QStringLiteral("\\ntransfer-encoding:[^\\n]*chunked"),
                               QRegularExpression::CaseInsensitiveOption)
                .match(QString::fromLatin1(head))
                .hasMatch();
        for (const QJsonValue &v : hb.value("chunk_sizes").toArray())
            sizes.append(v.toInteger());
        out->raw = head + (chunked ? ChunkedFraming::frame(body, sizes) : body);
        return true;
    }

    const QByteArray method = request.value("method").toString().toUtf8();
    const QByteArray target = hb.value("target").isString()
                                  ? hb.value("target").toString().toUtf8()
                                  : targetOf(request.value("url").toString());
    if (!hb.value("target").isString())
        out->notRebuilt.append(QStringLiteral("the request target was taken from the URL "
                                              "(its exact spelling, e.g. percent-encoding, may "
                                              "differ)"));
    QByteArray version = request.value("httpVersion").toString().toUpper().toLatin1();
    if (version != "HTTP/1.0" && version != "HTTP/1.1") {
        if (!version.isEmpty())
            out->notRebuilt.append(QStringLiteral("it was sent as %1: rebuilt as HTTP/1.1")
                                       .arg(request.value("httpVersion").toString()));
        version = "HTTP/1.1";
    }

    QList<Header> headers;
    QStringList pseudo;
    QByteArray authority;
    for (const QJsonValue &v : request.value("headers").toArray()) {
        const QJsonObject h = v.toObject();
        const QByteArray name = h.value("name").toString().toUtf8();
        const QByteArray value = h.value("value").toString().toUtf8();
        if (name.startsWith(':')) {
            pseudo.append(QString::fromUtf8(name));
            if (name == ":authority")
                authority = value;
            continue;
        }
        if (name.isEmpty() || name.contains('\n') || name.contains('\r') || value.contains('\n') ||
            value.contains('\r')) {
            *error = QStringLiteral("header \"%1\" cannot be written as an HTTP/1.1 header line")
                         .arg(QString::fromUtf8(name));
            return false;
        }
        headers.append({name, value});
    }
    if (!pseudo.isEmpty())
        out->notRebuilt.append(QStringLiteral("HTTP/2 pseudo-headers dropped: %1")
                                   .arg(pseudo.join(QStringLiteral(", "))));
    if (indexOf(headers, "Host") < 0 && !authority.isEmpty()) {
        headers.prepend({"Host", authority});
        out->notRebuilt.append(QStringLiteral("Host added from :authority"));
    }
    const int te = indexOf(headers, "Transfer-Encoding");
    const bool chunked = te >= 0 && headers.at(te).value.toLower().contains("chunked");
    const int cl = indexOf(headers, "Content-Length");
    if (chunked) {
        out->notRebuilt.append(QStringLiteral("chunk sizes (the body is sent as one chunk)"));
    } else if (cl >= 0 && headers.at(cl).value.trimmed() != QByteArray::number(body.size())) {
        out->notRebuilt.append(QStringLiteral("Content-Length said %1 but the HAR's body holds "
                                              "%2 bytes: written as %2")
                                   .arg(QString::fromUtf8(headers.at(cl).value))
                                   .arg(body.size()));
        headers[cl].value = QByteArray::number(body.size());
    } else if (cl < 0 && !body.isEmpty()) {
        headers.append({"Content-Length", QByteArray::number(body.size())});
        out->notRebuilt.append(QStringLiteral("Content-Length added (the HAR had none)"));
    }
    const int ce = indexOf(headers, "Content-Encoding");
    if (ce >= 0 && headers.at(ce).value.trimmed().compare("gzip", Qt::CaseInsensitive) == 0 &&
        !body.startsWith("\x1f\x8b"))
        out->notRebuilt.append(QStringLiteral("Content-Encoding says gzip but the HAR holds the "
                                              "body decoded: the bytes sent are lost"));
    out->notRebuilt.append(QStringLiteral("header lines were written again as 'Name: value' "
                                          "(the HAR keeps no spacing or line folding)"));

    QByteArray raw = method + ' ' + target + ' ' + version + "\r\n";
    for (const Header &h : headers)
        raw += h.name + ": " + h.value + "\r\n";
    raw += "\r\n";
    out->raw = raw + (chunked ? ChunkedFraming::frame(body) : body);
    return true;
}
