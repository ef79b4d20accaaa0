#include "core/http/HttpResponse.h"

#include "core/capture/HeaderSyntax.h"

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

QByteArray HttpResponse::build(int status, const Headers &headers, const QByteArray &body,
                               bool closeConnection)
{
    QByteArray out;
    out.reserve(128 + body.size());
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    bool hasType = false;
    for (const auto &h : headers) {
        const QByteArray name = h.first.toLower();
        if (name == "content-length" || name == "connection" || name == "transfer-encoding")
            continue; // framing is ours to say
        // The last guard against header injection: a name that is not a token, or a value with
        // CR, LF, NUL or another control byte, could end this field and start another one (or
        // the body). The config loader refuses such headers; nothing else may slip one in here.
        if (!HeaderSyntax::isToken(h.first) || HeaderSyntax::forbiddenValueByte(h.second) >= 0)
            continue;
        hasType = hasType || name == "content-type";
        out += h.first + ": " + h.second + "\r\n";
    }
    if (!hasType && !body.isEmpty())
        out += "Content-Type: text/plain; charset=utf-8\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (closeConnection)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += body;
    return out;
}

QByteArray HttpResponse::plain(int status, const QByteArray &reason, bool closeConnection)
{
    Headers headers{{"Content-Type", "text/plain; charset=utf-8"}};
    if (status == 405) // RFC 9110 15.5.6: say what is allowed (CONNECT and proxy requests are not)
        headers.append({QByteArrayLiteral("Allow"),
                        QByteArrayLiteral("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")});
    return build(status, headers, reason + '\n', closeConnection);
}
