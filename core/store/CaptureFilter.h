#pragma once

#include "capture/CaptureSummary.h"

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

    bool isEmpty() const { return verdict == Verdict::Any; }
    bool matches(const CaptureSummary &summary) const;
    QByteArray sqlCondition() const; // over `verdicts.reason` of a LEFT JOIN; "1" when empty

    static Verdict categoryOf(const QString &reason); // Unverified for an empty reason
};
