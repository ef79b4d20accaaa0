#pragma once

#include "core/verify/JsonReformatter.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The layouts a JSON body is known to be written in by the senders and libraries that
// re-serialise one: a body known only as parsed JSON (a mapping template's $input.json('$'), a
// function that logged JSON.parse(event.body)) is laid out in each, the provider's own first,
// until one reproduces its signature. Only whitespace (and, for Python's default, \u escapes of
// non-ASCII) changes: key order and number spelling are kept as logged (JsonReformatter).
class JsonLayouts
{
public:
    struct Layout
    {
        JsonReformatter::Style style = JsonReformatter::Style::Compact;
        bool asciiEscaped = false; // non-ASCII written as \uXXXX (Python's ensure_ascii)
        QString name;              // "JSON.stringify(v, null, 2)"
    };

    // Every known layout, the ones `provider` is known to send first (Stripe: 2-space indent,
    // as its API and SDK test helpers write events).
    static QList<Layout> known(const QString &provider);
    // `json` laid out in `layout`; false when it is not a JSON object or array.
    static bool apply(const Layout &layout, const QByteArray &json, QByteArray *out);
    // The name of the layout `json` is already in (as known(provider) names it), or empty when
    // it is in none of them.
    static QString identify(const QByteArray &json, const QString &provider = {});
};
