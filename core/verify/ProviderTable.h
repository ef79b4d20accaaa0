#pragma once

#include "core/verify/ProviderScheme.h"

#include <QList>

// The named providers, as data. Adding a provider of the common shape is a few lines in
// ProviderTable.cpp; each entry follows the provider's official SDK (header names, signed
// content, encodings, secret format, timestamp rules, default tolerance).
class ProviderTable
{
public:
    // In `providers` order; built once, immutable, safe to read from any thread.
    static const QList<ProviderScheme> &schemes();
};
