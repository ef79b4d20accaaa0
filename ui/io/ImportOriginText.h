#pragma once

#include "core/store/CaptureOrigin.h"

#include <QString>

// An imported capture's origin in words, for the inspector and the request list's tooltips:
// "Imported from events.har (HAR entry 12, 2 Dec 2026 03:10). Not rebuilt exactly: the headers'
// order ...; ...". Entries count from 1 here (the origin stores them from 0).
class ImportOriginText
{
public:
    static QString sentence(const CaptureOrigin &origin); // empty for a captured request
    // `tooltip` with the origin's sentence on a line of its own below (or alone).
    static QString appendedTo(const QString &tooltip, const CaptureOrigin &origin);
    static QString entryName(const QString &format); // "HAR entry", "request", "line", ...
};
