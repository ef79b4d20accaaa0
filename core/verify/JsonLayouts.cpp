#include "core/verify/JsonLayouts.h"

namespace {

using Style = JsonReformatter::Style;

QList<JsonLayouts::Layout> all()
{
    return {
        {Style::Compact, false, QStringLiteral("compact JSON, JSON.stringify(v)")},
        {Style::Indent2, false, QStringLiteral("2-space indent, JSON.stringify(v, null, 2)")},
        {Style::Spaced, false,
         QStringLiteral("Python's json.dumps(v, ensure_ascii=False): \", \" and \": \"")},
        {Style::Spaced, true,
         QStringLiteral("Python's json.dumps(v) default: \", \", \": \" and \\uXXXX escapes")},
        {Style::Indent4, false,
         QStringLiteral("4-space indent (PHP JSON_PRETTY_PRINT, Python indent=4)")},
    };
}

} // namespace

QList<JsonLayouts::Layout> JsonLayouts::known(const QString &provider)
{
    QList<Layout> layouts = all();
    if (provider == QLatin1String("stripe")) {
        // Stripe sends its events as its API writes them: pretty-printed, 2 spaces.
        Layout own = layouts.takeAt(1);
        own.name += QStringLiteral(", Stripe's own layout");
        layouts.prepend(own);
    }
    return layouts;
}

bool JsonLayouts::apply(const Layout &layout, const QByteArray &json, QByteArray *out)
{
    QByteArray laid;
    if (!JsonReformatter::reformat(json, layout.style, &laid))
        return false;
    *out = layout.asciiEscaped ? JsonReformatter::escapeNonAscii(laid, false) : laid;
    return true;
}

QString JsonLayouts::identify(const QByteArray &json, const QString &provider)
{
    for (const Layout &layout : known(provider)) {
        QByteArray laid;
        if (apply(layout, json, &laid) && laid == json)
            return layout.name;
    }
    return {};
}
