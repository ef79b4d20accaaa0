#pragma once

#include "core/capture/CaptureSummary.h"

#include <QByteArray>

// Which captures the list shows. The predicate lives here, in core, so the store can answer it
// with one indexed query over a million rows and live captures can be tested one by one.
class CaptureFilter
{
public:
    enum class Verdict
    {
        Any,
        Pass,
        Fail,
        Stale,
        NoSecret,
        Unverified
    };

    Verdict verdict = Verdict::Any;
    QString endpointId;         // empty: any endpoint
    bool withUnmatched = false; // with endpointId: also the captures that matched no endpoint

    bool isEmpty() const { return verdict == Verdict::Any && endpointId.isEmpty(); }
    bool matches(const CaptureSummary &summary) const;
    // Over captures LEFT JOIN verdicts; "1" when empty. Values are quoted as SQL literals.
    QByteArray sqlCondition() const;

    static Verdict categoryOf(const QString &reason); // Unverified for an empty reason

private:
    QByteArray verdictCondition() const;
};
