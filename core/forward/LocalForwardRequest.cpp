#include "core/forward/LocalForwardRequest.h"

namespace {

const QList<QByteArray> HopByHop = {"connection",
                                    "keep-alive",
                                    "proxy-connection",
                                    "proxy-authenticate",
                                    "proxy-authorization",
                                    "te",
                                    "trailer",
                                    "transfer-encoding",
                                    "upgrade",
                                    "content-length"};

QByteArray hostOf(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int port = url.port();
    const bool defaultPort = port < 0 || (url.scheme() == "http" && port == 80) ||
                             (url.scheme() == "https" && port == 443);
    return defaultPort ? host : host + ':' + QByteArray::number(port);
}

} // namespace

bool LocalForwardRequest::isHopByHop(const QByteArray &name,
                                     const QList<QByteArray> &connectionTokens)
{
    const QByteArray lower = name.toLower();
    return HopByHop.contains(lower) || connectionTokens.contains(lower);
}

QByteArray LocalForwardRequest::build(const QByteArray &raw, const ParsedRequest &parsed,
                                      const HttpForwardTarget &target, const Headers &replace)
{
    QList<QByteArray> connectionTokens;
    for (const HeaderField &h : parsed.headers) {
        if (h.name.compare("connection", Qt::CaseInsensitive) == 0) {
            for (const QByteArray &token : h.value.split(','))
                connectionTokens.append(token.trimmed().toLower());
        }
    }
    QByteArray path = target.url.path(QUrl::FullyEncoded).toUtf8();
    if (path.isEmpty())
        path = "/";
    if (target.url.hasQuery())
        path += '?' + target.url.query(QUrl::FullyEncoded).toUtf8();

    const QByteArray body = parsed.body(raw);
    QByteArray out = parsed.method + ' ' + path + " HTTP/1.1\r\n";
    bool hostWritten = false;
    QList<QByteArray> replaced;
    for (const HeaderField &h : parsed.headers) {
        if (isHopByHop(h.name, connectionTokens))
            continue;
        if (h.name.compare("host", Qt::CaseInsensitive) == 0) {
            if (hostWritten)
                continue;
            out += h.name + ": " + (target.keepHost ? h.value : hostOf(target.url)) + "\r\n";
            hostWritten = true;
            continue;
        }
        const auto swap = std::find_if(replace.begin(), replace.end(), [&](const auto &r) {
            return r.first.compare(h.name, Qt::CaseInsensitive) == 0;
        });
        if (swap != replace.end()) {
            if (!replaced.contains(swap->first.toLower())) // one line for a repeated header
                out += h.name + ": " + swap->second + "\r\n";
            replaced.append(swap->first.toLower());
            continue;
        }
        out += h.name + ": " + h.value + "\r\n";
    }
    if (!hostWritten)
        out += "Host: " + hostOf(target.url) + "\r\n";
    for (const auto &r : replace) {
        if (!replaced.contains(r.first.toLower()))
            out += r.first + ": " + r.second + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    return out + body;
}
