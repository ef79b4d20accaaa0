#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

struct FastEventDom;

// The event a rule sees, for FastMatcher: the envelope's fields as text and the Detail object
// parsed once with simdjson's DOM parser (from the body's bytes as stored; no QJsonObject is
// built). Reused from event to event: parseDetail() replaces the Detail, the fields are
// assigned. One per thread.
class FastEvent
{
public:
    FastEvent();
    ~FastEvent();
    FastEvent(const FastEvent &) = delete;
    FastEvent &operator=(const FastEvent &) = delete;

    enum class Parse
    {
        Object,    // a JSON object: the Detail
        NotObject, // valid JSON of another kind (an array, a string, ...)
        Refused    // simdjson refuses it: not JSON, or a form only Qt's parser takes; the full
                   // path (QJsonDocument) decides
    };
    Parse parseDetail(const char *data, qsizetype size);
    Parse parseDetail(const QByteArray &json) { return parseDetail(json.constData(), json.size()); }

    enum class Lookup
    {
        String,   // `out` holds it
        Absent,   // a step is missing
        Undecided // a number, boolean, object, array, a step through an array or a key given
                  // twice: the full path decides
    };
    // An RFC 6901 pointer ("/type") as its steps (escapes undone), as EventBridgeMapper's
    // detail_type reads it; empty when it does not begin with "/".
    static QList<QByteArray> pointerSteps(const QString &pointer);
    // The value those steps name in the parsed Detail, when that is a string.
    Lookup stringAt(const QList<QByteArray> &steps, QString *out) const;

    // The envelope, as EventEnvelope::toJson() writes it ("version" is always "0"). `id` and
    // `time` are filled only when a pattern reads them (FastMatcher::readsRootKey).
    QString id;
    QString detailType;
    QString source;
    QString account;
    QString time; // "yyyy-MM-ddTHH:mm:ssZ"
    QString region;
    QStringList resources;

    const FastEventDom &dom() const { return *m_dom; }

private:
    std::unique_ptr<FastEventDom> m_dom;
};
