#include "core/forward/ResendPlan.h"

#include "core/capture/HeaderSyntax.h"
#include "core/forward/LocalForwardRequest.h"
#include "core/forward/ResignHeaders.h"
#include "core/http/RequestFramer.h"
#include "core/verify/ProviderRegistry.h"

namespace {

bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QList<QByteArray> connectionTokens(const ParsedRequest &parsed)
{
    QList<QByteArray> tokens;
    for (const HeaderField &h : parsed.headers) {
        if (sameName(h.name, "connection")) {
            for (const QByteArray &token : h.value.split(','))
                tokens.append(token.trimmed().toLower());
        }
    }
    return tokens;
}

QByteArray firstValue(const ResendPlan::Headers &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (sameName(h.first, name))
            return h.second;
    }
    return {};
}

// `set` applied: every header of a name it sets goes, and its values take the first one's place.
ResendPlan::Headers applySet(const ResendPlan::Headers &headers, const ResendPlan::Headers &set)
{
    ResendPlan::Headers out;
    QList<QByteArray> placed;
    const auto valuesOf = [&set](const QByteArray &name) {
        ResendPlan::Headers values;
        for (const auto &s : set) {
            if (sameName(s.first, name))
                values.append(s);
        }
        return values;
    };
    for (const auto &h : headers) {
        const ResendPlan::Headers values = valuesOf(h.first);
        if (values.isEmpty()) {
            out.append(h);
        } else if (!placed.contains(h.first.toLower())) {
            out += values;
            placed.append(h.first.toLower());
        }
    }
    for (const auto &s : set) {
        if (!placed.contains(s.first.toLower()))
            out.append(s);
    }
    return out;
}

} // namespace

ResendPlan::Headers ResendPlan::editableHeaders(const ParsedRequest &parsed)
{
    const QList<QByteArray> tokens = connectionTokens(parsed);
    Headers out;
    for (const HeaderField &h : parsed.headers) {
        if (!LocalForwardRequest::isHopByHop(h.name, tokens))
            out.append({h.name, h.value});
    }
    return out;
}

QString ResendPlan::headerProblem(const QByteArray &name, const QByteArray &value)
{
    if (const QString problem = HeaderSyntax::nameProblem(name); !problem.isEmpty())
        return problem;
    if (LocalForwardRequest::isHopByHop(name, {}))
        return QStringLiteral("%1 is not sent as given: the request has its own framing "
                              "(Content-Length from the body, Connection: close) and drops "
                              "hop-by-hop headers")
            .arg(QString::fromLatin1(name));
    if (const QString problem = HeaderSyntax::valueProblem(value); !problem.isEmpty())
        return QStringLiteral("%1: %2").arg(QString::fromLatin1(name), problem);
    return {};
}

std::optional<QPair<QByteArray, QByteArray>> ResendPlan::parseHeader(const QString &line,
                                                                     QString *error)
{
    const QByteArray bytes = line.toUtf8();
    const qsizetype colon = bytes.indexOf(':');
    if (colon < 0) {
        *error = QStringLiteral("expected 'Name: value', found \"%1\"").arg(line);
        return std::nullopt;
    }
    const QByteArray name = bytes.left(colon);
    const QByteArray value = bytes.mid(colon + 1).trimmed();
    const QString problem = headerProblem(name, value);
    if (!problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    return QPair<QByteArray, QByteArray>{name, value};
}

QString ResendPlan::urlProblem(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return QStringLiteral("expected an http:// or https:// URL, found \"%1\"").arg(text);
    return {};
}

HttpForwardTarget ResendPlan::targetFor(const EndpointConfig *endpoint, const QUrl &url)
{
    if (endpoint) {
        for (const HttpForwardTarget &t : endpoint->forward.http) {
            if (t.url == url)
                return t;
        }
    }
    HttpForwardTarget target;
    target.url = url;
    return target;
}

QString ResendPlan::resignProblem(const EndpointConfig *endpoint, const ParsedRequest &parsed)
{
    if (!endpoint)
        return QStringLiteral("the capture's endpoint is not in the config, so its provider is "
                              "unknown");
    QString error;
    const std::optional<ProviderScheme> scheme =
        ProviderRegistry::resolve(endpoint->provider, endpoint->scheme, parsed, &error);
    if (!scheme)
        return error.isEmpty() ? QStringLiteral("the endpoint has no provider") : error;
    if (!ResignHeaders::canResign(*scheme))
        return QStringLiteral("%1 signs no timestamp in its headers").arg(scheme->name);
    return {};
}

ResendPlan::Result ResendPlan::build(const QByteArray &raw, const ParsedRequest &parsed,
                                     const HttpForwardTarget &target, const Edits &edits,
                                     const EndpointConfig *endpoint, const QByteArray &secret,
                                     qint64 nowS)
{
    Result r;
    Headers typed = edits.set; // what a person typed is checked; the capture's own are kept
    if (edits.headers)
        typed += *edits.headers;
    for (const QByteArray &name : edits.remove)
        typed.append({name, {}});
    for (const auto &h : typed) {
        const QString problem = headerProblem(h.first, h.second);
        if (!problem.isEmpty()) {
            r.error = problem;
            return r;
        }
    }
    Headers headers = edits.headers ? *edits.headers : editableHeaders(parsed);
    headers.removeIf([&edits](const auto &h) {
        return std::any_of(edits.remove.begin(), edits.remove.end(),
                           [&h](const QByteArray &name) { return sameName(name, h.first); });
    });
    headers = applySet(headers, edits.set);

    // The edited request, framed plainly, read back by the same framer as a capture: from
    // here on it is forwarded exactly as a capture would be.
    const QByteArray body = edits.body ? *edits.body : parsed.body(raw);
    QByteArray edited = parsed.method + ' ' + parsed.target + " HTTP/1.1\r\n";
    for (const auto &h : headers)
        edited += h.first + ": " + h.second + "\r\n";
    edited += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const ParsedRequest editedParsed = RequestFramer::parse(edited);
    if (editedParsed.hasError()) {
        r.error = QStringLiteral("the edited request does not frame: %1").arg(editedParsed.error);
        return r;
    }

    HttpForwardTarget sendTo = target;
    // A Host typed by the user is sent as typed.
    const bool hostSet = std::any_of(edits.set.begin(), edits.set.end(),
                                     [](const auto &h) { return sameName(h.first, "host"); }) ||
                         (edits.headers && firstValue(headers, "host") != parsed.header("host"));
    if (hostSet && !firstValue(headers, "host").isEmpty())
        sendTo.keepHost = true;

    LocalForwardRequest::Headers replace;
    if (edits.resign) {
        const QString problem = resignProblem(endpoint, editedParsed);
        if (!problem.isEmpty()) {
            r.error = problem;
            return r;
        }
        if (secret.isEmpty()) {
            r.error = QStringLiteral("no signing secret for endpoint \"%1\"").arg(endpoint->id);
            return r;
        }
        const ResignHeaders::Result signed_ =
            ResignHeaders::forCapture(*endpoint, secret, edited, editedParsed, target.url, nowS);
        if (!signed_.error.isEmpty()) {
            r.error = signed_.error;
            return r;
        }
        replace = signed_.headers;
        r.note = ResignHeaders::note(signed_);
    }
    r.request = LocalForwardRequest::build(edited, editedParsed, sendTo, replace);
    return r;
}
