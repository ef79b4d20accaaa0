#pragma once

#include "core/verify/ProviderScheme.h"
#include "core/verify/Verdict.h"
#include "core/verify/VerifyOptions.h"
#include "core/capture/ParsedRequest.h"

#include <QByteArray>

// Verifies one raw request against a provider's scheme (CONTRACT.md "verify"): the checks in
// the contract's order, then the diagnosis. Pure and thread-safe: no shared mutable state, so
// the GUI can run it on a worker thread (the firstSeenDelivery callback is called on that
// thread).
class Verifier
{
public:
    // Resolves options.provider ("auto", a name, or generic-hmac with options.scheme).
    static Verdict verify(const QByteArray &raw, const ParsedRequest &parsed,
                          const VerifyOptions &options);
    // With the scheme already resolved.
    static Verdict verify(const QByteArray &raw, const ParsedRequest &parsed,
                          const ProviderScheme &scheme, const VerifyOptions &options);
};
