#include "core/verify/VerdictHeadline.h"

#include "core/verify/Verdict.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

struct Name
{
    const char *key;
    const char *text;
};

// body_modified's transforms: the change that happened on the way.
const Name BodyChanges[] = {
    {"json_reserialized", "re-serialised JSON"},
    {"lf_to_crlf", "LF turned into CRLF"},
    {"crlf_to_lf", "CRLF turned into LF"},
    {"trailing_newline_added", "newline added"},
    {"trailing_newline_removed", "final newline removed"},
    {"unicode_escaped", "non-ASCII escaped as \\u"},
    {"unicode_unescaped", "\\u escapes decoded"},
    {"slashes_escaped", "/ escaped as \\/"},
    {"latin1_mojibake", "UTF-8 read as Latin-1"},
    {"bom_added", "byte-order mark added"},
    {"whitespace_trimmed", "whitespace trimmed"},
};

// secret_format's transforms: what the secret needs.
const Name SecretChanges[] = {
    {"add_prefix", "secret without its prefix"},
    {"strip_prefix", "secret with an extra prefix"},
    {"base64_decode", "secret not base64-decoded"},
    {"use_as_text", "secret decoded, sender uses its text"},
};

QString lookup(const Name *begin, const Name *end, const QString &key)
{
    for (const Name *n = begin; n != end; ++n) {
        if (key == QLatin1String(n->key))
            return QString::fromUtf8(n->text);
    }
    return key;
}

bool explainsSignature(const Hazard &h)
{
    return h.code == QLatin1String("secret_whitespace") ||
           h.code == QLatin1String("secret_format") ||
           h.code == QLatin1String("secret_of_other_endpoint") ||
           h.code == QLatin1String("body_modified") || h.code == QLatin1String("url_mismatch");
}

const Hazard *find(const QList<Hazard> &hazards, const char *code)
{
    for (const Hazard &h : hazards) {
        if (h.code == QLatin1String(code))
            return &h;
    }
    return nullptr;
}

// The hazards that say why the signature did not match, joined ("a + b" for two faults at once).
QString mismatchText(const QList<Hazard> &hazards, bool diagnosed)
{
    QStringList names;
    for (const Hazard &h : hazards) {
        if (explainsSignature(h))
            names.append(VerdictHeadline::hazardName(h));
    }
    if (!names.isEmpty())
        return names.join(QStringLiteral(" + "));
    // Nothing reproduces the signature: the secret is not one of those tried (the diagnosis's
    // "secret_not_here"). Before the diagnosis has run, only the mismatch is known.
    return diagnosed ? QStringLiteral("wrong secret") : QStringLiteral("signature mismatch");
}

} // namespace

QString VerdictHeadline::ageText(qint64 seconds)
{
    const qint64 s = qAbs(seconds);
    if (s < 90)
        return QStringLiteral("%1 s").arg(s);
    if (s < 90 * 60)
        return QStringLiteral("%1 min").arg((s + 30) / 60);
    if (s < 48 * 3600)
        return QStringLiteral("%1 h").arg((s + 1800) / 3600);
    return QStringLiteral("%1 d").arg((s + 43200) / 86400);
}

QString VerdictHeadline::hazardName(const Hazard &h)
{
    const QString &c = h.code;
    if (c == QLatin1String("body_modified"))
        return QStringLiteral("body modified (%1)")
            .arg(lookup(std::begin(BodyChanges), std::end(BodyChanges), h.transform));
    if (c == QLatin1String("secret_format"))
        return lookup(std::begin(SecretChanges), std::end(SecretChanges), h.transform);
    if (c == QLatin1String("secret_whitespace"))
        return QStringLiteral("whitespace in the secret");
    if (c == QLatin1String("secret_of_other_endpoint"))
        return h.endpoint.isEmpty() ? QStringLiteral("another endpoint's secret")
                                    : QStringLiteral("secret of endpoint %1").arg(h.endpoint);
    if (c == QLatin1String("url_mismatch"))
        return QStringLiteral("other URL signed");
    if (c == QLatin1String("timestamp_in_future"))
        return QStringLiteral("timestamp in the future");
    if (c == QLatin1String("test_mode_signature"))
        return QStringLiteral("test-mode signature only");
    if (c == QLatin1String("wrong_provider"))
        return h.detected.isEmpty() ? QStringLiteral("wrong provider")
                                    : QStringLiteral("wrong provider (%1)").arg(h.detected);
    if (c == QLatin1String("duplicate_delivery"))
        return QStringLiteral("repeated delivery");
    if (c == QLatin1String("body_not_utf8"))
        return QStringLiteral("body not UTF-8");
    QString plain = c;
    return plain.replace(QLatin1Char('_'), QLatin1Char(' '));
}

VerdictHeadline VerdictHeadline::of(const QString &reason, const QList<Hazard> &hazards,
                                    bool hasAge, qint64 ageS, bool diagnosed)
{
    VerdictHeadline h;
    if (reason.isEmpty())
        return h;
    if (reason == QLatin1String("ok")) {
        h.tone = Tone::Pass;
        h.mark = QStringLiteral("✔");
        h.text = QStringLiteral("ok");
        // a fact worth seeing on a valid delivery: a retry, a replay
        if (const Hazard *dup = find(hazards, "duplicate_delivery"))
            h.text += QStringLiteral(" · ") + hazardName(*dup);
        return h;
    }
    if (reason == QLatin1String("no_secret")) {
        h.tone = Tone::NotChecked;
        h.mark = QStringLiteral("–");
        h.text = QStringLiteral("no secret");
        return h;
    }
    if (reason == QLatin1String("timestamp_outside_tolerance")) {
        h.tone = Tone::Stale;
        h.mark = QStringLiteral("⧗");
        if (!hasAge)
            h.text = QStringLiteral("stale");
        else if (ageS < 0)
            h.text = QStringLiteral("%1 in the future").arg(ageText(ageS));
        else
            h.text = QStringLiteral("stale %1").arg(ageText(ageS));
        return h;
    }
    h.tone = Tone::Fail;
    h.mark = QStringLiteral("✘");
    if (reason == QLatin1String("signature_mismatch")) {
        h.text = mismatchText(hazards, diagnosed);
    } else if (reason == QLatin1String("missing_signature_header")) {
        const Hazard *other = find(hazards, "wrong_provider");
        h.text = other ? hazardName(*other) : QStringLiteral("no signature header");
    } else if (reason == QLatin1String("malformed_signature_header")) {
        const Hazard *test = find(hazards, "test_mode_signature");
        h.text = test ? hazardName(*test) : QStringLiteral("malformed signature header");
    } else if (reason == QLatin1String("missing_timestamp")) {
        h.text = QStringLiteral("no timestamp");
    } else {
        h.text = QString(reason).replace(QLatin1Char('_'), QLatin1Char(' '));
    }
    return h;
}

VerdictHeadline VerdictHeadline::of(const Verdict &v)
{
    return of(v.reasonCode(), v.hazards, v.hasTimestamp, v.timestampAgeS, v.diagnosed);
}

QList<Hazard> VerdictHeadline::hazardsFromJson(const QJsonArray &array)
{
    QList<Hazard> out;
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        Hazard h;
        h.code = o.value(QLatin1String("code")).toString();
        h.transform = o.value(QLatin1String("transform")).toString();
        h.endpoint = o.value(QLatin1String("endpoint")).toString();
        h.detected = o.value(QLatin1String("detected")).toString();
        h.combinedWith = o.value(QLatin1String("combined_with")).toString();
        out.append(h);
    }
    return out;
}

VerdictHeadline VerdictHeadline::fromStored(const QString &reason, const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    QJsonValue hazards, age, diagnosed;
    if (doc.isArray()) { // the store's brief: [hazards, timestamp_age_s, diagnosed]
        const QJsonArray brief = doc.array();
        hazards = brief.at(0);
        age = brief.at(1);
        diagnosed = brief.at(2);
    } else {
        const QJsonObject o = doc.object();
        hazards = o.value(QLatin1String("hazards"));
        age = o.value(QLatin1String("timestamp_age_s"));
        diagnosed = o.value(QLatin1String("diagnosed"));
    }
    return of(reason, hazardsFromJson(hazards.toArray()), age.isDouble(), qint64(age.toDouble()),
              diagnosed.toBool());
}
