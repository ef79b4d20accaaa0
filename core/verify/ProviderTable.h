#pragma once

#include "core/verify/ProviderScheme.h"

#include <QList>

// The providers whose shape is not data (Twilio's sorted form parameters, Mailgun's in-body
// signature, public-key schemes, JWT-signed deliveries), each following the provider's official
// SDK. Every other provider is a file in resources/providers (ProviderCatalog loads both).
class ProviderTable
{
public:
    // In `providers` order; built once, immutable, safe to read from any thread.
    static const QList<ProviderScheme> &schemes();
};
