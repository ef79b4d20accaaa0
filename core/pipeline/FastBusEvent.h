#pragma once

#include "core/config/EndpointConfig.h"
#include "core/rules/FastEvent.h"

#include <QByteArray>
#include <QString>
#include <functional>

// BusEventBuilder's event for FastMatcher: from a stored capture's row (its raw bytes, time and
// verdict reason) to a FastEvent, without a QJsonObject. The same steps and checks as
// BusEventBuilder → EventBridgeMapper for the mappings whose Detail is the body object (the
// stripe and github presets, generic without `envelope`); other mappings are not supported
// (isSupported() false) and a capture it cannot decide exactly (a body simdjson refuses or
// that is not an object where generic would wrap it, a form-encoded github body, a detail_type
// that is not a string) is Undecided: the caller builds that one with BusEventBuilder. The
// reasons of NotOnBus are BusEventBuilder's to give. Const and thread-safe once built.
class FastBusEvent
{
public:
    // `account` and `region` as BusEventBuilder::build takes them.
    FastBusEvent(const EndpointConfig &endpoint, const QString &account, const QString &region);

    enum class Outcome
    {
        OnBus,
        NotOnBus,
        Undecided,
        Skipped // the Prefilter ruled every rule out: the Detail was not parsed, and whether
                // the event would go on the bus is not known
    };
    // What the rules to be matched need, tested before the body is parsed.
    struct Prefilter
    {
        // Sees the envelope (every field but the Detail) when the DetailType is a header;
        // false: no rule can match it (FastMatcher::matchEnvelope).
        std::function<bool(const FastEvent &)> wanted;
        // When the DetailType is read from the body: a rule can match only if the body holds
        // one of these or a backslash (FastMatcher::detailTypeNeedles); empty: no such test.
        QList<QByteArray> typeNeedles;
    };
    struct Row
    {
        qint64 id = 0;
        qint64 receivedAtUs = 0;
        bool verified = false; // its stored verdict's reason is "ok"
        QByteArray raw;
    };

    bool isSupported() const { return m_supported; }
    // Fills `event` (its `id` and `time` only with `withIdAndTime`), unless `prefilter` says
    // Skipped first.
    Outcome build(const Row &row, bool withIdAndTime, FastEvent *event,
                  const Prefilter *prefilter = nullptr) const;

private:
    void fillEnvelope(const Row &row, bool withIdAndTime, FastEvent *event) const;

    bool m_supported = false;
    bool m_onlyVerified = true;
    bool m_github = false;
    bool m_generic = false;
    QByteArray m_typeHeader;         // detail_type "header:NAME"
    QList<QByteArray> m_typePointer; // or a JSON pointer into the body, as its steps
    QString m_source;
    QString m_account;
    QString m_region;
    QStringList m_resources;
    qint64 m_fixedBytes = 0; // the entry's size less DetailType and Detail
    qint64 m_maxEntryBytes = 0;
};
