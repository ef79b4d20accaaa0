#include "core/capture/MultipartBody.h"
#include "core/capture/HexDigits.h"

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// The parameters of a header value such as `form-data; name="a \"b\""; filename=x.txt`, names
// lowercased, quoted-strings unquoted and unescaped (RFC 9110, 5.6.4 and 5.6.6).
QList<QPair<QByteArray, QByteArray>> headerParameters(const QByteArray &value)
{
    QList<QPair<QByteArray, QByteArray>> params;
    const qsizetype n = value.size();
    qsizetype i = value.indexOf(';');
    if (i < 0)
        return params;
    while (i < n) {
        while (i < n && (value[i] == ';' || isSpace(value[i])))
            ++i;
        const qsizetype nameStart = i;
        while (i < n && value[i] != '=' && value[i] != ';')
            ++i;
        const QByteArray name = value.mid(nameStart, i - nameStart).trimmed().toLower();
        if (i >= n || value[i] != '=') {
            if (!name.isEmpty())
                params.append({name, QByteArray()});
            continue;
        }
        ++i; // '='
        while (i < n && isSpace(value[i]))
            ++i;
        QByteArray v;
        if (i < n && value[i] == '"') {
            for (++i; i < n && value[i] != '"'; ++i) {
                if (value[i] == '\\' && i + 1 < n)
                    ++i;
                v.append(value[i]);
            }
            ++i; // closing quote
            while (i < n && value[i] != ';')
                ++i;
        } else {
            const qsizetype start = i;
            while (i < n && value[i] != ';')
                ++i;
            v = value.mid(start, i - start).trimmed();
        }
        params.append({name, v});
    }
    return params;
}

QByteArray parameter(const QByteArray &headerValue, const QByteArray &name)
{
    for (const auto &p : headerParameters(headerValue)) {
        if (p.first == name)
            return p.second;
    }
    return {};
}

// RFC 8187 ext-value, as in filename*=UTF-8''na%C3%AFve.txt.
QString decodeExtValue(const QByteArray &v)
{
    const qsizetype q1 = v.indexOf('\'');
    const qsizetype q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
    if (q2 < 0)
        return {};
    const QByteArray charset = v.left(q1).toLower();
    QByteArray bytes;
    for (qsizetype i = q2 + 1; i < v.size(); ++i) {
        if (v[i] == '%' && i + 2 < v.size() && HexDigits::value(v[i + 1]) >= 0 &&
            HexDigits::value(v[i + 2]) >= 0) {
            bytes.append(char(HexDigits::value(v[i + 1]) * 16 + HexDigits::value(v[i + 2])));
            i += 2;
        } else {
            bytes.append(v[i]);
        }
    }
    return charset == "iso-8859-1" ? QString::fromLatin1(bytes) : QString::fromUtf8(bytes);
}

// Where "--boundary" opens a line (RFC 2046, 5.1.1): at the start of the body or after a line
// break, and followed by "--", whitespace or the line end, so a longer boundary is not mistaken
// for it. -1 when there is none.
qsizetype findDelimiter(const QByteArray &body, const QByteArray &dashBoundary, qsizetype from)
{
    for (qsizetype at = body.indexOf(dashBoundary, from); at >= 0;
         at = body.indexOf(dashBoundary, at + 1)) {
        if (at > 0 && body[at - 1] != '\n')
            continue;
        const qsizetype after = at + dashBoundary.size();
        if (after >= body.size())
            return at;
        const char c = body[after];
        if (c == '\r' || c == '\n' || isSpace(c) ||
            (c == '-' && after + 1 < body.size() && body[after + 1] == '-'))
            return at;
    }
    return -1;
}

// The boundary as a sender that forgot the parameter used it: the body's first line, "--xyz".
QByteArray boundaryFromBody(const QByteArray &body)
{
    if (!body.startsWith("--"))
        return {};
    qsizetype end = body.indexOf('\n');
    if (end < 0)
        end = body.size();
    QByteArray line = body.mid(2, end - 2).trimmed();
    if (line.endsWith("--")) // the close delimiter of a body with no parts
        line.chop(2);
    return line.size() <= 200 ? line : QByteArray();
}

MultipartBody::Part parsePart(const QByteArray &body, qsizetype start, qsizetype end)
{
    MultipartBody::Part part;
    // Headers run to the first empty line; a part that starts with one has none.
    qsizetype headerEnd = start;
    qsizetype bodyStart = end;
    qsizetype lineStart = start;
    while (lineStart < end) {
        qsizetype nl = body.indexOf('\n', lineStart);
        if (nl < 0 || nl >= end)
            nl = end;
        qsizetype lineEnd = nl;
        if (lineEnd > lineStart && body[lineEnd - 1] == '\r')
            --lineEnd;
        if (lineEnd == lineStart) { // the empty line
            bodyStart = qMin(nl + 1, end);
            break;
        }
        headerEnd = lineEnd;
        const QByteArray line = body.mid(lineStart, lineEnd - lineStart);
        if (isSpace(line[0]) && !part.headers.isEmpty()) {
            // obsolete line folding: the line continues the previous header's value
            QByteArray &value = part.headers.last().second;
            value += ' ' + line.trimmed();
        } else if (const qsizetype colon = line.indexOf(':'); colon > 0) {
            part.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        lineStart = nl + 1;
    }
    part.headerSpan = {start, headerEnd - start};
    part.bodySpan = {bodyStart, end - bodyStart};

    for (const auto &h : std::as_const(part.headers)) {
        if (h.first.compare("Content-Disposition", Qt::CaseInsensitive) == 0) {
            QByteArray fileNameExt;
            for (const auto &p : headerParameters(h.second)) {
                if (p.first == "name")
                    part.name = QString::fromUtf8(p.second);
                else if (p.first == "filename")
                    part.fileName = QString::fromUtf8(p.second);
                else if (p.first == "filename*")
                    fileNameExt = p.second;
            }
            // RFC 6266, 4.3: filename* wins when the receiver understands it.
            if (const QString ext = decodeExtValue(fileNameExt); !ext.isEmpty())
                part.fileName = ext;
        } else if (h.first.compare("Content-Type", Qt::CaseInsensitive) == 0) {
            part.contentType = h.second;
        }
    }
    return part;
}

} // namespace

MultipartBody MultipartBody::parse(const QByteArray &body, const QByteArray &contentType)
{
    MultipartBody result;
    QByteArray boundary = parameter(contentType, "boundary");
    if (boundary.isEmpty()) {
        boundary = boundaryFromBody(body);
        if (boundary.isEmpty()) {
            result.error = QStringLiteral("Content-Type has no boundary parameter");
            return result;
        }
        result.error = QStringLiteral("Content-Type has no boundary parameter; used \"%1\" from "
                                      "the body's first line")
                           .arg(QString::fromUtf8(boundary));
    }
    const QByteArray dashBoundary = "--" + boundary;

    // Whatever precedes the first delimiter is preamble and is ignored, as is the epilogue.
    qsizetype at = findDelimiter(body, dashBoundary, 0);
    if (at < 0) {
        result.error = QStringLiteral("boundary \"%1\" does not occur in the body")
                           .arg(QString::fromUtf8(boundary));
        return result;
    }
    for (;;) {
        const qsizetype after = at + dashBoundary.size();
        if (body.mid(after, 2) == "--")
            return result; // close delimiter
        const qsizetype lineEnd = body.indexOf('\n', after);
        if (lineEnd < 0)
            break;
        const qsizetype partStart = lineEnd + 1;
        const qsizetype next = findDelimiter(body, dashBoundary, partStart);
        qsizetype partEnd = next < 0 ? body.size() : next;
        // The line break before a delimiter belongs to the delimiter, not the part's body.
        if (next >= 0 && partEnd > partStart && body[partEnd - 1] == '\n') {
            --partEnd;
            if (partEnd > partStart && body[partEnd - 1] == '\r')
                --partEnd;
        }
        result.parts.append(parsePart(body, partStart, partEnd));
        if (next < 0)
            break;
        at = next;
    }
    const QString missing =
        QStringLiteral("no closing boundary \"--%1--\"; the body may be cut off")
            .arg(QString::fromUtf8(boundary));
    result.error = result.error.isEmpty() ? missing : result.error + QStringLiteral("; ") + missing;
    return result;
}
