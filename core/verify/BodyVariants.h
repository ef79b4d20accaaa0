#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

// Candidate originals of a body that may have been changed on its way here. Each candidate
// undoes one change; `transform` names the change that happened (CONTRACT body_modified), not
// the undoing. Only candidates that differ from the body are produced, each once.
//
// Bounded: every transformation is one linear pass without recursion; the JSON re-layouts stop
// at JsonReformatter::MaxDepth levels and at MaxGrowth times the body (indentation grows with
// depth), and say so in the report instead.
class BodyVariants
{
public:
    struct Variant
    {
        QString transform;
        QByteArray body;
    };
    // A transformation that was not tried, and why (shown in the verdict).
    struct Skipped
    {
        QString transform; // "json_reserialized"
        QString reason;    // "json_depth", "json_growth"
        QString detail;
    };
    struct Report
    {
        QList<Skipped> skipped;
        int candidates = 0;        // handed to the visitor
        qint64 candidateBytes = 0; // their total size: the work the caller will do on them
    };
    using Visitor = std::function<void(const QString &transform, const QByteArray &candidate)>;

    // A JSON re-layout may be at most this many times the body (plus 64 KiB). Pretty-printing a
    // real payload makes it 1.5-4x larger (Stripe's events, GitHub's); only arrays of one-digit
    // numbers indented several levels deep grow more. Bounds memory and hashing per candidate.
    static constexpr int MaxGrowth = 8;

    // Hands each candidate to `visit` in turn, in the order they are tried: one candidate is
    // held at a time, so memory stays a small multiple of the body.
    static Report generate(const QByteArray &body, const Visitor &visit);
    // All candidates at once (tests, small bodies).
    static QList<Variant> inverses(const QByteArray &body, Report *report = nullptr);
    // Every transform name this class can report, in the order they are tried.
    static QStringList transforms();
};
