#pragma once

// FastEvent's parsed Detail, shared by FastEvent and FastMatcher only (their .cpp files include
// this; no header does, so simdjson stays out of the rest of the build).
#include <simdjson.h>

struct FastEventDom
{
    simdjson::dom::parser parser;
    simdjson::dom::element root; // valid until the next parse
    bool parsed = false;
};
