// The config loader on arbitrary bytes. Whatever it accepts must be safe to act on: every
// endpoint follows EndpointRules (ids, paths, providers, response headers), ids and paths are
// unique, the response it would send carries exactly the configured headers (no injection), and
// writing the config back gives a file the loader reads to the same endpoints. Whatever it
// refuses is refused with one line naming the file, and nothing half-applied.
#include "core/config/ConfigLoader.h"
#include "core/config/ConfigWriter.h"
#include "core/config/EndpointRules.h"
#include "core/config/ForwardConfigJson.h"
#include "core/http/HttpResponse.h"
#include "core/verify/ProviderRegistry.h"

#include <QSet>
#include <algorithm>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

bool sameEndpoints(const AppConfig &a, const AppConfig &b)
{
    if (a.endpoints.size() != b.endpoints.size() || a.bind != b.bind || a.port != b.port)
        return false;
    for (qsizetype i = 0; i < a.endpoints.size(); ++i) {
        const EndpointConfig &x = a.endpoints.at(i);
        const EndpointConfig &y = b.endpoints.at(i);
        if (x.id != y.id || x.path != y.path || x.provider != y.provider ||
            x.toleranceS != y.toleranceS || x.response.status != y.response.status ||
            x.response.body != y.response.body || x.response.delayMs != y.response.delayMs ||
            x.scheme != y.scheme ||
            ForwardConfigJson::toJson(x.forward) != ForwardConfigJson::toJson(y.forward) ||
            x.rules.size() != y.rules.size())
            return false;
        // Headers: the same set (a JSON object does not keep the order through QJsonObject).
        QList<QPair<QByteArray, QByteArray>> hx = x.response.headers, hy = y.response.headers;
        std::sort(hx.begin(), hx.end());
        std::sort(hy.begin(), hy.end());
        if (hx != hy)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QStringList providers = ProviderRegistry::names();
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const ConfigLoader::Result r = ConfigLoader::parse(json, QStringLiteral("f.json"), providers);
    if (!r.ok()) {
        check(r.error.startsWith(QLatin1String("f.json: ")));
        check(!r.error.contains(QLatin1Char('\n')) && !r.error.contains(QLatin1Char('\r')));
        check(r.config.endpoints.isEmpty());
        return 0;
    }
    QSet<QString> ids, paths;
    for (const EndpointConfig &e : r.config.endpoints) {
        check(EndpointRules::idProblem(e.id).isEmpty());
        check(EndpointRules::pathProblem(e.path).isEmpty());
        check(EndpointRules::providerProblem(e.provider, providers).isEmpty());
        check(!ids.contains(e.id) && !paths.contains(e.path));
        ids.insert(e.id);
        paths.insert(e.path);
        for (const auto &h : e.response.headers) {
            check(EndpointRules::headerNameProblem(h.first).isEmpty());
            check(EndpointRules::headerValueProblem(h.second).isEmpty());
        }
        // The response's header section holds the configured fields and our own, nothing more.
        const QByteArray out =
            HttpResponse::build(e.response.status, e.response.headers, e.response.body, false);
        const QByteArray head = out.left(out.indexOf("\r\n\r\n"));
        check(head.count('\n') <= e.response.headers.size() + 3);
        check(!head.contains('\0'));
    }
    const ConfigLoader::Result again =
        ConfigLoader::parse(ConfigWriter::toJson(r.config), QStringLiteral("g.json"), providers);
    check(again.ok());
    check(sameEndpoints(r.config, again.config));
    return 0;
}
