#pragma once

#include "core/capture/ParsedRequest.h"
#include "core/verify/ProviderScheme.h"
#include "core/verify/Verdict.h"
#include "core/verify/VerifyOptions.h"

#include <QByteArray>

// Verifies one raw request against a provider's scheme (CONTRACT.md "verify"). Pure and
// thread-safe: no shared mutable state, so it runs on any thread (the firstSeenDelivery callback
// is called on that thread).
//
// Two steps, so the capture path does not wait for the diagnosis:
//  - verify() with options.diagnose = false is the fast verdict: the checks in the contract's
//    order, reason, expected / received, the delivery id and the duplicate_delivery fact (the
//    one call to options.firstSeenDelivery). Costs one HMAC of the body per secret.
//  - diagnose() later, on a worker, adds the other hazards and the skipped checks to that
//    verdict, from the same raw request and options. It does not redo the checks and does not
//    call firstSeenDelivery again (by then the capture itself is stored and would be found).
// verify() with options.diagnose = true (the default) does both in one call.
class Verifier
{
public:
    // Resolves options.provider ("auto", a name, or generic-hmac with options.scheme).
    static Verdict verify(const QByteArray &raw, const ParsedRequest &parsed,
                          const VerifyOptions &options);
    // With the scheme already resolved.
    static Verdict verify(const QByteArray &raw, const ParsedRequest &parsed,
                          const ProviderScheme &scheme, const VerifyOptions &options);
    // Adds the diagnosis to a verdict made by verify() with options.diagnose = false (same raw,
    // parsed and options; options.diagnose is ignored). Does nothing if it was diagnosed already.
    static void diagnose(const QByteArray &raw, const ParsedRequest &parsed,
                         const VerifyOptions &options, Verdict &verdict);
};
