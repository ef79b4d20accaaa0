#include "core/pipeline/FastBusEvent.h"

#include "core/capture/ContentDecoder.h"
#include "core/forward/EventBridgeMapper.h"
#include "core/http/RequestFramer.h"
#include "core/pipeline/BusEventBuilder.h"

#include <QDateTime>
#include <QUuid>
#include <cstring>

namespace {

// The first header of that name, as EventBridgeInput::header reads it; null when absent.
const QByteArray *findHeader(const ParsedRequest &request, const QByteArray &name)
{
    for (const HeaderField &h : request.headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return &h.value;
    }
    return nullptr;
}

// What EventBridgeMapper::validate measures of a DetailType, without converting it: its code
// points (toUcs4().size()) and its UTF-8 bytes (toUtf8().size()).
struct TextSize
{
    qint64 codePoints = 0;
    qint64 utf8Bytes = 0;
};

TextSize textSize(QStringView text)
{
    TextSize size;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        ++size.codePoints;
        if (c < 0x80) {
            size.utf8Bytes += 1;
        } else if (c < 0x800) {
            size.utf8Bytes += 2;
        } else if (QChar::isHighSurrogate(c) && i + 1 < text.size() &&
                   QChar::isLowSurrogate(text[i + 1].unicode())) {
            size.utf8Bytes += 4;
            ++i;
        } else {
            size.utf8Bytes += 3; // a lone surrogate too: toUtf8() writes U+FFFD
        }
    }
    return size;
}

// Whether a JSON text may hold one of `needles` as written: it holds one, or it escapes a
// character somewhere, so that a string of it may read as one without holding it.
bool mayHoldOne(const QByteArray &json, const QList<QByteArray> &needles)
{
    if (json.contains('\\'))
        return true;
    for (const QByteArray &needle : needles) { // glibc's memmem: several times QByteArrayMatcher
        if (memmem(json.constData(), size_t(json.size()), needle.constData(),
                   size_t(needle.size())) != nullptr)
            return true;
    }
    return false;
}

// `to = from`, skipped when `to` holds the very same data already (same pointer, same size):
// assigning shared data costs two atomic operations, per event.
template <typename T> void assignIfOther(T &to, const T &from)
{
    if (to.constData() != from.constData() || to.size() != from.size())
        to = from;
}

} // namespace

FastBusEvent::FastBusEvent(const EndpointConfig &endpoint, const QString &account,
                           const QString &region)
{
    if (!endpoint.forward.eventBridge)
        return;
    const EventBridgeForwardTarget &target = *endpoint.forward.eventBridge;
    const QString preset = target.preset.isEmpty() ? QStringLiteral("generic") : target.preset;
    const bool stripe = preset == QLatin1String("stripe");
    m_github = preset == QLatin1String("github");
    m_generic = preset == QLatin1String("generic");
    if (!(stripe || m_github || (m_generic && !target.envelope)))
        return; // shopify, envelope, an unknown preset: BusEventBuilder's
    m_source = target.source.value_or(EventBridgeMapper::defaultSource(preset));
    if (m_source.isEmpty() || EventBridgeMapper::validateSource(m_source, preset).problem !=
                                  EventBridgeMapper::Problem::None)
        return;
    const QString typeSpec =
        target.detailType.value_or(stripe     ? QStringLiteral("/type")
                                   : m_github ? QStringLiteral("header:X-GitHub-Event")
                                              : QString());
    if (typeSpec.startsWith(QLatin1String("header:"), Qt::CaseInsensitive))
        m_typeHeader = typeSpec.mid(7).trimmed().toLatin1();
    else if (typeSpec.startsWith(QLatin1Char('/')))
        m_typePointer = FastEvent::pointerSteps(typeSpec);
    else
        return;
    m_onlyVerified = endpoint.forward.onlyVerified;
    m_account = !account.isEmpty()          ? account
                : !target.account.isEmpty() ? target.account
                                            : QString::fromLatin1(BusEventBuilder::DefaultAccount);
    m_region = !region.isEmpty() ? region : target.region;
    if (m_region.isEmpty())
        m_region =
            qEnvironmentVariable("AWS_REGION", QString::fromLatin1(BusEventBuilder::DefaultRegion));
    m_resources = target.resources;
    m_fixedBytes = 14 + m_source.toUtf8().size(); // 14: the entry's Time
    for (const QString &r : m_resources)
        m_fixedBytes += r.toUtf8().size();
    m_maxEntryBytes = target.maxEntryBytes;
    m_supported = true;
}

FastBusEvent::Outcome FastBusEvent::build(const Row &row, bool withIdAndTime, FastEvent *event,
                                          const Prefilter *prefilter) const
{
    if (!m_supported)
        return Outcome::Undecided;
    if (m_onlyVerified && !row.verified)
        return Outcome::NotOnBus;
    // EventBridgeInputBuilder: framed, Content-Encoding undone (views of row.raw, no copies)
    static const QByteArray contentEncoding = QByteArrayLiteral("Content-Encoding");
    static const QByteArray contentType = QByteArrayLiteral("Content-Type");
    const ParsedRequest request = RequestFramer::parseView(row.raw);
    if (request.hasError() && request.headerSectionEnd < 0)
        return Outcome::NotOnBus;
    const ContentDecoder::Result body =
        ContentDecoder::decode(request.bodyView(row.raw), request.header(contentEncoding));
    if (!body.ok)
        return Outcome::NotOnBus;
    if (m_github) {
        const QByteArray *type = findHeader(request, contentType);
        if (type && type->toLower().startsWith("application/x-www-form-urlencoded"))
            return Outcome::Undecided; // the JSON is a form field
    }
    // EventBridgeMapper: DetailType, then Detail (the body, an object); the prefilter before
    // the body is parsed, when it can tell
    const bool fromHeader = !m_typeHeader.isEmpty() || m_typePointer.isEmpty();
    const QByteArray *typeHeader = fromHeader ? findHeader(request, m_typeHeader) : nullptr;
    const bool envelopeFirst = typeHeader && prefilter && prefilter->wanted;
    if (typeHeader) {
        event->detailType = QString::fromUtf8(*typeHeader).trimmed();
        if (envelopeFirst) {
            fillEnvelope(row, withIdAndTime, event);
            if (!prefilter->wanted(*event))
                return Outcome::Skipped;
        }
    } else if (!fromHeader && prefilter && !prefilter->typeNeedles.isEmpty() &&
               !mayHoldOne(body.data, prefilter->typeNeedles)) {
        return Outcome::Skipped;
    }
    const FastEvent::Parse parse = event->parseDetail(body.data);
    if (parse == FastEvent::Parse::Refused)
        return Outcome::Undecided;
    if (fromHeader && !typeHeader)
        return Outcome::NotOnBus;
    if (!fromHeader) {
        if (parse != FastEvent::Parse::Object)
            return Outcome::Undecided; // a pointer into an array or a scalar
        switch (event->stringAt(m_typePointer, &event->detailType)) {
        case FastEvent::Lookup::String:
            break;
        case FastEvent::Lookup::Absent:
            return Outcome::NotOnBus;
        case FastEvent::Lookup::Undecided:
            return Outcome::Undecided;
        }
    }
    if (parse != FastEvent::Parse::Object)
        return m_generic ? Outcome::Undecided : Outcome::NotOnBus; // generic wraps it
    // EventBridgeMapper::validate (the source was checked once)
    const TextSize typeSize = textSize(event->detailType);
    if (event->detailType.isEmpty() ||
        typeSize.codePoints > EventBridgeMapper::maxDetailTypeChars ||
        m_fixedBytes + typeSize.utf8Bytes + body.data.size() > m_maxEntryBytes)
        return Outcome::NotOnBus;
    if (!envelopeFirst)
        fillEnvelope(row, withIdAndTime, event);
    return Outcome::OnBus;
}

void FastBusEvent::fillEnvelope(const Row &row, bool withIdAndTime, FastEvent *event) const
{
    // the same for every event of this mapping: assigned when the previous event had another
    assignIfOther(event->source, m_source);
    assignIfOther(event->account, m_account);
    assignIfOther(event->region, m_region);
    assignIfOther(event->resources, m_resources);
    if (withIdAndTime) {
        event->id = QUuid::createUuidV5(QUuid(), QStringLiteral("hookbench-capture-%1").arg(row.id))
                        .toString(QUuid::WithoutBraces);
        event->time = QDateTime::fromMSecsSinceEpoch(row.receivedAtUs / 1000, Qt::UTC)
                          .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    }
}
