#pragma once

#include "core/verify/Hazard.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

class Verdict;

// A verdict in a few words, as the verdict panel heads it and the request list's Verdict column
// shows it: a mark, then what went wrong, named by the hazard the diagnosis found.
//   ✔ ok · ✘ body modified (re-serialised JSON) · ✘ wrong secret · ⧗ stale 7 min · – no secret
// Built from a Verdict, or from what the store keeps of one (its reason and the verdict JSON's
// hazards, timestamp_age_s and diagnosed), so both read the same.
struct VerdictHeadline
{
    // What kind of outcome it is (the colour it is shown in).
    enum class Tone
    {
        None, // not verified (no provider applies)
        Pass,
        Fail,
        Stale,
        NotChecked // no secret: unknown, not invalid
    };

    Tone tone = Tone::None;
    QString mark; // ✔ ✘ ⧗ –, empty for None
    QString text; // "body modified (re-serialised JSON)"

    QString display() const { return mark.isEmpty() ? text : mark + QLatin1Char(' ') + text; }

    static VerdictHeadline of(const Verdict &verdict);
    // `reason` is the CONTRACT reason code, empty when the capture was not verified; `hazards`
    // the verdict JSON's hazard objects; `ageS` its timestamp_age_s (when hasAge).
    static VerdictHeadline of(const QString &reason, const QList<Hazard> &hazards, bool hasAge,
                              qint64 ageS, bool diagnosed);
    // From the store's brief of a verdict: the JSON array [hazards, timestamp_age_s, diagnosed]
    // (CaptureSummary::verdictBrief), or a whole verdict object (a live summary's verdictJson).
    static VerdictHeadline fromStored(const QString &reason, const QByteArray &json);
    // A hazard in a few words: "body modified (re-serialised JSON)", "secret has whitespace".
    static QString hazardName(const Hazard &hazard);
    // "7 min", "45 s", "3 h", "2 d".
    static QString ageText(qint64 seconds);
    // The hazard objects of a verdict JSON (code and the fields a name needs).
    static QList<Hazard> hazardsFromJson(const QJsonArray &array);
};
