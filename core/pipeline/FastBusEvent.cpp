#include "core/pipeline/FastBusEvent.h"

#include "core/capture/ContentDecoder.h"
#include "core/forward/EventBridgeMapper.h"
#include "core/http/RequestFramer.h"
#include "core/pipeline/BusEventBuilder.h"

#include <QDateTime>
#include <QUuid>

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

FastBusEvent::Outcome FastBusEvent::build(const Row &row, bool withIdAndTime,
                                          FastEvent *event) const
{
    if (!m_supported)
        return Outcome::Undecided;
    if (m_onlyVerified && !row.verified)
        return Outcome::NotOnBus;
    // EventBridgeInputBuilder: framed, Content-Encoding undone
    const ParsedRequest request = RequestFramer::parse(row.raw);
    if (request.hasError() && request.headerSectionEnd < 0)
        return Outcome::NotOnBus;
    const ContentDecoder::Result body =
        ContentDecoder::decode(request.body(row.raw), request.header("Content-Encoding"));
    if (!body.ok)
        return Outcome::NotOnBus;
    if (m_github) {
        const QByteArray *type = findHeader(request, "Content-Type");
        if (type && type->toLower().startsWith("application/x-www-form-urlencoded"))
            return Outcome::Undecided; // the JSON is a form field
    }
    // EventBridgeMapper: DetailType, then Detail (the body, an object)
    const FastEvent::Parse parse = event->parseDetail(body.data);
    if (parse == FastEvent::Parse::Refused)
        return Outcome::Undecided;
    if (!m_typeHeader.isEmpty() || m_typePointer.isEmpty()) {
        const QByteArray *value = findHeader(request, m_typeHeader);
        if (!value)
            return Outcome::NotOnBus;
        event->detailType = QString::fromUtf8(*value).trimmed();
    } else {
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
    if (event->detailType.isEmpty() ||
        event->detailType.toUcs4().size() > EventBridgeMapper::maxDetailTypeChars ||
        m_fixedBytes + event->detailType.toUtf8().size() + body.data.size() > m_maxEntryBytes)
        return Outcome::NotOnBus;
    event->source = m_source;
    event->account = m_account;
    event->region = m_region;
    event->resources = m_resources;
    if (withIdAndTime) {
        event->id = QUuid::createUuidV5(QUuid(), QStringLiteral("hookbench-capture-%1").arg(row.id))
                        .toString(QUuid::WithoutBraces);
        event->time = QDateTime::fromMSecsSinceEpoch(row.receivedAtUs / 1000, Qt::UTC)
                          .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
    }
    return Outcome::OnBus;
}
