#pragma once

#include "core/verify/Hazard.h"
#include "core/verify/ProviderScheme.h"
#include "core/verify/SchemeKey.h"
#include "core/verify/SecretRepair.h"
#include "core/verify/SignatureEvidence.h"
#include "core/verify/Verdict.h"
#include "core/verify/VerifyOptions.h"

#include <QList>

// Finds out why a verdict is what it is, by recomputing: other forms of each secret, other
// endpoints' secrets, the body with one known change undone, other forms of the URL. Only what
// actually reproduces a received signature is reported; facts (future timestamp, repeated
// delivery, non-UTF-8 body, another provider's headers) are read from the request.
//
// Two faults at once: when no single change reproduces the signature, each secret repair
// (SecretRepair) is also tried with each body transformation and each URL form, and a hit names
// both hazards (each "combined_with" the other). The candidates are made once and hashed with
// the repaired keys too, so this costs at most (repairs x candidates) MACs, counted in the
// verdict's `search`. When nothing reproduces the signature, `search.remaining` says what is left.
//
// Bounded: a body over options.diagnosisBodyLimit gets only the checks that read it once per
// secret; JSON re-layouts stop at a depth and size limit (BodyVariants); at most
// MaxCombinedRepairs repairs are combined. What was left out is listed in the verdict's
// skippedChecks. Candidate bodies are made and dropped one at a time.
class Diagnosis
{
public:
    Diagnosis(const ProviderScheme &scheme, const SignatureEvidence &evidence,
              const ParsedRequest &parsed, const VerifyOptions &options,
              const QList<SchemeKey> &keys);

    // Sets verdict.hazards (all of them, in the contract's order) and verdict.skippedChecks. The
    // duplicate_delivery fact is taken from verdict.firstSeenId, which the fast step looked up.
    void run(Verdict &verdict) const;

    // Repairs combined with body transformations and URL forms, at most (three secrets with
    // their usual two or three forms): keeps the combined tries under ~100.
    static constexpr int MaxCombinedRepairs = 8;

private:
    struct Work; // one run's findings and counts

    // True when some received signature is reproduced for this body / URL with this key.
    bool reproduces(const SchemeKey &key, const QByteArray &body, const QByteArray &url) const;
    void secretHazards(Work &w) const;
    // HMAC keys feed the body up to where a candidate differs once (BodyPrefixMac), so
    // candidates that differ only near the end (a newline, trailing whitespace) cost almost
    // nothing on a large body.
    void bodyHazards(Work &w) const;
    void urlHazards(Work &w) const;
    void explainMiss(const Verdict &verdict, Work &w) const;
    // An imported body known only as parsed JSON whose stored layout reproduced the signature.
    void parsedBodyHazard(const Verdict &verdict, QList<Hazard> &out) const;
    void factHazards(const Verdict &verdict, QList<Hazard> &out) const;

    const ProviderScheme &m_scheme;
    const SignatureEvidence &m_evidence;
    const ParsedRequest &m_parsed;
    const VerifyOptions &m_options;
    const QList<SchemeKey> &m_keys;
};
