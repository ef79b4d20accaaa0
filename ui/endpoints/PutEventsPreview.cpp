#include "ui/endpoints/PutEventsPreview.h"

#include "core/forward/EventBridgeInputBuilder.h"
#include "core/forward/EventBridgeMapper.h"
#include "ui/endpoints/JsonIndenter.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QUuid>

namespace {

const char DefaultAccount[] = "123456789012"; // as `hookbench-cli pattern test`
const char DefaultRegion[] = "us-east-1";

QString tr(const char *text)
{
    return QCoreApplication::translate("PutEventsPreview", text);
}

} // namespace

QString PutEventsPreview::acceptedNotMatched()
{
    return tr("A delivered PutEvents means the bus accepted the event, not that a rule matched "
              "it: test the endpoint's rules on the Rules page.");
}

PutEventsPreview::Mapped PutEventsPreview::map(const SelectedCapture &selected,
                                               const EndpointConfig &endpoint)
{
    Mapped out;
    if (!endpoint.forward.eventBridge) {
        out.problem = tr("This endpoint does not forward to EventBridge.");
        return out;
    }
    const QString reason = selected.capture.summary.verdictReason;
    if (endpoint.forward.onlyVerified && reason != QLatin1String("ok")) {
        out.problem = tr("Not forwarded: the request is not verified (%1), and only verified "
                         "requests are forwarded.")
                          .arg(reason.isEmpty() ? tr("no provider") : reason);
        return out;
    }
    EventBridgeInput input;
    QString error;
    if (!EventBridgeInputBuilder::build(selected.capture, selected.verdictJson, &input, &error)) {
        out.problem = tr("Not forwarded: %1.").arg(error);
        return out;
    }
    const EventBridgeMapper::Result r =
        EventBridgeMapper::map(input, *endpoint.forward.eventBridge);
    if (!r.ok()) {
        out.problem =
            r.error.isOversize()
                ? tr("Not sent: %1. It would go to the dead-letter list.").arg(r.error.message)
                : tr("Not sent: %1 (%2).").arg(r.error.message, r.error.code());
        return out;
    }
    out.entry = r.entry;
    return out;
}

QString PutEventsPreview::text(const SelectedCapture *selected, const EndpointConfig &endpoint)
{
    if (!selected)
        return tr("Select a request in the main window, then open the editor, to preview its "
                  "PutEvents entry.");
    const Mapped m = map(*selected, endpoint);
    if (!m.ok())
        return m.problem + QStringLiteral("\n\n") + acceptedNotMatched();
    const EventBridgeEntry &e = *m.entry;
    const int limit = endpoint.forward.eventBridge->maxEntryBytes;
    // Indented, members in the order they go on the bus.
    const QString detail = QString::fromUtf8(JsonIndenter::indent(e.detail));
    QString t;
    t += tr("Source: %1\n").arg(e.source);
    t += tr("DetailType: %1\n").arg(e.detailType);
    t += tr("EventBusName: %1\n").arg(e.eventBusName);
    t += tr("Resources: %1\n")
             .arg(e.resources.isEmpty() ? tr("(none)") : e.resources.join(QStringLiteral(", ")));
    t += tr("Entry size: %1 of %2 bytes (14 for Time plus Source, DetailType, Detail and "
            "Resources)\n")
             .arg(e.size())
             .arg(limit);
    t += tr("Detail:\n%1\n\n").arg(detail);
    t += acceptedNotMatched();
    return t;
}

bool PutEventsPreview::envelope(const SelectedCapture &selected, const EndpointConfig &endpoint,
                                EventEnvelope *out, QString *problem)
{
    const Mapped m = map(selected, endpoint);
    if (!m.ok()) {
        *problem = m.problem;
        return false;
    }
    const EventBridgeForwardTarget &target = *endpoint.forward.eventBridge;
    const QString account =
        target.account.isEmpty() ? QString::fromLatin1(DefaultAccount) : target.account;
    QString region = target.region;
    if (region.isEmpty())
        region = QProcessEnvironment::systemEnvironment().value(QStringLiteral("AWS_REGION"),
                                                                QString::fromLatin1(DefaultRegion));
    const QString eventId =
        QUuid::createUuidV5(QUuid(),
                            QStringLiteral("hookbench-capture-%1").arg(selected.capture.summary.id))
            .toString(QUuid::WithoutBraces);
    const EventBridgeEntry &e = *m.entry;
    const QDateTime time =
        QDateTime::fromMSecsSinceEpoch(selected.capture.summary.receivedAtUs / 1000, Qt::UTC);
    return EventEnvelope::fromEntry(e.source, e.detailType, e.detail, e.resources, account, region,
                                    time, eventId, out, problem);
}
