#include "core/capture/EventType.h"

// This file is built with -O2 even in Debug (see CMakeLists.txt), like JsonDocument.cpp.
#if !defined(NDEBUG) && !defined(SIMDJSON_DEVELOPMENT_CHECKS)
#define SIMDJSON_DEVELOPMENT_CHECKS 1
#endif
#include <simdjson.h>

#include <QRegularExpression>
#include <string_view>

namespace {

namespace od = simdjson::ondemand;

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The body's top-level "type", "event_type" or "event" string (Slack's event callbacks: the
// inner event.type), read with simdjson On-Demand in one pass over the top-level fields: the
// capture path calls this for every delivery, so nothing is built but the strings it returns.
QString bodyType(const QByteArray &body)
{
    thread_local od::parser parser;
    const simdjson::padded_string padded(body.constData(), size_t(body.size()));
    od::document doc;
    od::object object;
    if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
        doc.get_object().get(object) != simdjson::SUCCESS)
        return {};
    QString type, eventType, event, inner;
    for (auto field : object) {
        std::string_view key;
        od::value value;
        if (field.unescaped_key().get(key) != simdjson::SUCCESS ||
            field.value().get(value) != simdjson::SUCCESS)
            return {};
        od::json_type kind;
        if (value.type().get(kind) != simdjson::SUCCESS)
            return {};
        std::string_view s;
        if (kind == od::json_type::string) {
            if (value.get_string().get(s) != simdjson::SUCCESS)
                return {};
            if (key == "type" && type.isNull())
                type = text(s);
            else if (key == "event_type" && eventType.isNull())
                eventType = text(s);
            else if (key == "event" && event.isNull())
                event = text(s);
        } else if (kind == od::json_type::object && key == "event" && inner.isNull()) {
            od::object e;
            if (value.get_object().get(e) == simdjson::SUCCESS &&
                e.find_field_unordered("type").get_string().get(s) == simdjson::SUCCESS)
                inner = text(s);
        }
    }
    if (type == QLatin1String("event_callback")) // Slack Events API
        return inner;
    for (const QString *candidate : {&type, &eventType, &event}) {
        if (!candidate->isNull())
            return *candidate;
    }
    return {};
}

} // namespace

QString EventType::of(const QByteArray &raw, const ParsedRequest &parsed)
{
    for (const char *header : {"X-GitHub-Event", "X-Shopify-Topic", "X-Gitlab-Event"}) {
        const QByteArray value = parsed.header(header);
        if (!value.isEmpty())
            return QString::fromUtf8(value);
    }
    if (parsed.bodySize() == 0 || parsed.bodySize() > MaxBodyBytes)
        return {};
    return bodyType(parsed.body(raw));
}

bool EventType::matches(const QString &type, const QStringList &globs)
{
    if (globs.isEmpty())
        return true;
    for (const QString &glob : globs) {
        // `*` matches any run of characters, `/` included (Shopify's `orders/*`).
        QString pattern = QRegularExpression::escape(glob);
        pattern.replace(QLatin1String("\\*"), QLatin1String(".*"));
        pattern.replace(QLatin1String("\\?"), QLatin1String("."));
        const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
        if (re.match(type).hasMatch())
            return true;
    }
    return false;
}
