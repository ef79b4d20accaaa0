#include "core/rules/FastEvent.h"

#include "core/rules/FastEventDom.h"

namespace {

// The member `key` of `object`: 1 when found once (in `out`), 0 when absent, 2 when given twice
// (QJsonObject keeps one of them; which, the full path knows).
int findMember(const simdjson::dom::object &object, std::string_view key,
               simdjson::dom::element *out)
{
    int found = 0;
    for (const simdjson::dom::key_value_pair member : object) {
        if (member.key == key) {
            if (++found > 1)
                return 2;
            *out = member.value;
        }
    }
    return found;
}

} // namespace

FastEvent::FastEvent() : m_dom(std::make_unique<FastEventDom>()) {}

FastEvent::~FastEvent() = default;

FastEvent::Parse FastEvent::parseDetail(const char *data, qsizetype size)
{
    m_dom->parsed = false;
    if (m_dom->parser.parse(data, size_t(size)).get(m_dom->root) != simdjson::SUCCESS)
        return Parse::Refused;
    m_dom->parsed = true;
    return m_dom->root.is_object() ? Parse::Object : Parse::NotObject;
}

QList<QByteArray> FastEvent::pointerSteps(const QString &pointer)
{
    QList<QByteArray> out;
    if (!pointer.startsWith(QLatin1Char('/')))
        return out;
    const QStringList steps = pointer.mid(1).split(QLatin1Char('/'));
    for (QString step : steps) {
        step.replace(QLatin1String("~1"), QLatin1String("/"))
            .replace(QLatin1String("~0"), QLatin1String("~"));
        out.append(step.toUtf8());
    }
    return out;
}

FastEvent::Lookup FastEvent::stringAt(const QList<QByteArray> &steps, QString *out) const
{
    if (!m_dom->parsed || steps.isEmpty())
        return Lookup::Undecided;
    simdjson::dom::element at = m_dom->root;
    for (const QByteArray &key : steps) {
        if (at.is_array())
            return Lookup::Undecided; // an index step: the full path's reading of it
        if (!at.is_object())
            return Lookup::Absent;
        simdjson::dom::element next;
        const int found = findMember(at.get_object().value_unsafe(),
                                     {key.constData(), size_t(key.size())}, &next);
        if (found == 0)
            return Lookup::Absent;
        if (found > 1)
            return Lookup::Undecided;
        at = next;
    }
    if (!at.is_string())
        return Lookup::Undecided;
    const std::string_view text = at.get_string().value_unsafe();
    *out = QString::fromUtf8(text.data(), qsizetype(text.size()));
    return Lookup::String;
}
