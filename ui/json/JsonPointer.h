#pragma once

#include <QString>

class JsonDocument;

// The RFC 6901 JSON Pointer of a node of a parsed document: "" for the root, "/items/0/name"
// below it, with '~' written "~0" and '/' written "~1" in member names (JsonDiff::pointerToken).
class JsonPointer
{
public:
    static QString of(const JsonDocument &document, int node);
};
