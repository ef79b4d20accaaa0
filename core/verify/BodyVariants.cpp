#include "core/verify/BodyVariants.h"

#include "core/capture/Utf8Check.h"
#include "core/verify/JsonReformatter.h"

#include <QHash>
#include <QPair>
#include <QStringList>

namespace {

bool hasBareLf(const QByteArray &b)
{
    for (qsizetype i = b.indexOf('\n'); i >= 0; i = b.indexOf('\n', i + 1)) {
        if (i == 0 || b.at(i - 1) != '\r')
            return true;
    }
    return false;
}

QByteArray lfToCrlf(const QByteArray &b)
{
    QByteArray o;
    o.reserve(b.size() + b.count('\n'));
    for (qsizetype i = 0; i < b.size(); ++i) {
        if (b.at(i) == '\n' && (i == 0 || b.at(i - 1) != '\r'))
            o += '\r';
        o += b.at(i);
    }
    return o;
}

// `\/` back to `/`, leaving `\\/` (an escaped backslash, then a slash) alone.
QByteArray unescapeSlashes(const QByteArray &b)
{
    QByteArray o;
    o.reserve(b.size());
    for (qsizetype i = 0; i < b.size(); ++i) {
        const char c = b.at(i);
        if (c == '\\' && i + 1 < b.size()) {
            if (b.at(i + 1) != '/')
                o += c;
            o += b.at(++i);
            continue;
        }
        o += c;
    }
    return o;
}

bool hasNonAscii(const QByteArray &b)
{
    for (char c : b) {
        if (uchar(c) >= 0x80)
            return true;
    }
    return false;
}

// The body was UTF-8, read as Latin-1 and written back as UTF-8: each original byte is now a
// character U+0000..U+00FF. Undo when every character fits.
bool undoMojibake(const QByteArray &b, QByteArray *out)
{
    const QString text = QString::fromUtf8(b);
    QByteArray o;
    o.reserve(b.size());
    for (QChar ch : text) {
        if (ch.unicode() > 0xFF)
            return false;
        o += char(ch.unicode());
    }
    if (!hasNonAscii(o) || Utf8Check::firstInvalidOffset(o) >= 0)
        return false; // the original had non-ASCII UTF-8, or there is nothing to undo
    *out = o;
    return true;
}

} // namespace

QStringList BodyVariants::transforms()
{
    return {QStringLiteral("json_reserialized"),
            QStringLiteral("lf_to_crlf"),
            QStringLiteral("crlf_to_lf"),
            QStringLiteral("trailing_newline_added"),
            QStringLiteral("trailing_newline_removed"),
            QStringLiteral("unicode_escaped"),
            QStringLiteral("unicode_unescaped"),
            QStringLiteral("slashes_escaped"),
            QStringLiteral("latin1_mojibake"),
            QStringLiteral("bom_added"),
            QStringLiteral("whitespace_trimmed")};
}

BodyVariants::Report BodyVariants::generate(const QByteArray &body, const Visitor &visit)
{
    Report report;
    // Candidates already handed out, by size and hash: they are not kept (only one is alive at a
    // time), and a 64-bit hash collision between two different candidates is not a real risk.
    QList<QPair<qsizetype, size_t>> seen;
    auto add = [&](const char *transform, const QByteArray &candidate) {
        if (candidate.size() == body.size() && candidate == body)
            return;
        const QPair<qsizetype, size_t> id{candidate.size(), qHash(candidate, 0x9e3779b9)};
        if (seen.contains(id))
            return;
        seen.append(id);
        ++report.candidates;
        report.candidateBytes += candidate.size();
        visit(QString::fromLatin1(transform), candidate);
    };
    auto skip = [&](const char *reason, const QString &detail) {
        for (const Skipped &s : report.skipped) {
            if (s.reason == QLatin1String(reason))
                return;
        }
        report.skipped.append(
            {QStringLiteral("json_reserialized"), QString::fromLatin1(reason), detail});
    };

    const bool utf8 = Utf8Check::firstInvalidOffset(body) < 0;
    // The narrowest explanation first: a candidate already produced by an earlier, more
    // specific transform is not reported again under a broader one (re-serialising also drops
    // a trailing newline, for example).
    if (body.startsWith("\xEF\xBB\xBF"))
        add("bom_added", body.mid(3));
    if (body.contains("\r\n")) {
        QByteArray b = body;
        add("lf_to_crlf", b.replace("\r\n", "\n"));
    }
    if (hasBareLf(body))
        add("crlf_to_lf", lfToCrlf(body));
    if (body.endsWith("\r\n"))
        add("trailing_newline_added", body.left(body.size() - 2));
    else if (body.endsWith('\n'))
        add("trailing_newline_added", body.left(body.size() - 1));
    if (!body.endsWith('\n')) {
        add("trailing_newline_removed", body + '\n');
        add("trailing_newline_removed", body + "\r\n");
    }
    if (body.contains("\\u"))
        add("unicode_escaped", JsonReformatter::unescapeNonAscii(body));
    if (utf8 && hasNonAscii(body)) {
        add("unicode_unescaped", JsonReformatter::escapeNonAscii(body, false));
        add("unicode_unescaped", JsonReformatter::escapeNonAscii(body, true));
        QByteArray original;
        if (undoMojibake(body, &original))
            add("latin1_mojibake", original);
    }
    if (body.contains("\\/"))
        add("slashes_escaped", unescapeSlashes(body));
    if (!body.isEmpty() && body.trimmed().size() == body.size()) {
        // What a trim() removed cannot be known; these are the usual leftovers of templates and
        // pretty-printers (a single trailing newline is trailing_newline_removed above).
        add("whitespace_trimmed", body + "\n\n");
        add("whitespace_trimmed", '\n' + body + '\n');
        add("whitespace_trimmed", body + ' ');
    }
    const qint64 maxOutput = qint64(body.size()) * MaxGrowth + 64 * 1024;
    for (auto style : {JsonReformatter::Style::Indent2, JsonReformatter::Style::Compact,
                       JsonReformatter::Style::Indent4, JsonReformatter::Style::Spaced}) {
        QByteArray json;
        const auto outcome = JsonReformatter::layout(body, style, &json, maxOutput);
        if (outcome == JsonReformatter::Outcome::NotJson)
            break; // not JSON: no style will do
        if (outcome == JsonReformatter::Outcome::TooDeep) {
            skip("json_depth", QStringLiteral("JSON nested deeper than %1 levels: "
                                              "re-serialisation checks skipped")
                                   .arg(JsonReformatter::MaxDepth));
            // Every style meets the same depth, and it explains a growth limit met on the way.
            report.skipped.removeIf(
                [](const Skipped &s) { return s.reason == QLatin1String("json_growth"); });
            break;
        }
        if (outcome == JsonReformatter::Outcome::TooLarge) {
            skip("json_growth",
                 QStringLiteral("Re-indenting the JSON would make it more than %1 times its "
                                "size: indented re-serialisation checks skipped")
                     .arg(MaxGrowth));
            continue; // the compact forms may still fit
        }
        add("json_reserialized", json);
    }
    return report;
}

QList<BodyVariants::Variant> BodyVariants::inverses(const QByteArray &body, Report *report)
{
    QList<Variant> out;
    const Report r = generate(body, [&](const QString &transform, const QByteArray &candidate) {
        out.append({transform, candidate});
    });
    if (report)
        *report = r;
    return out;
}
