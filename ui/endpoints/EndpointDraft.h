#pragma once

#include "core/config/AppConfig.h"
#include "core/config/EndpointConfig.h"

#include <QString>
#include <QStringList>

struct Capture;

// A new endpoint proposed by the app rather than typed: from a captured request that matched no
// endpoint, or as the starting point of Add and Duplicate.
class EndpointDraft
{
public:
    // Path: the request's path without the query. Provider: the first one detected from the
    // headers (empty when none is). Id: the provider's name, else one made from the path, made
    // unique against `existing`. Response: the defaults.
    static EndpointConfig fromCapture(const Capture &capture, const AppConfig &existing);

    // `base`, else `base-2`, `base-3`, ...: the first not in `taken`.
    static QString uniqueId(const QString &base, const QStringList &taken);
    // `base`, else `base-2`, ...: the first not in `taken`.
    static QString uniquePath(const QString &base, const QStringList &taken);
};
