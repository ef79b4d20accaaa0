#include "ui/window/FailureNotifier.h"

#include "core/capture/CaptureSummary.h"
#include "core/verify/VerdictHeadline.h"

#include <QCoreApplication>

bool FailureNotifier::isFailure(const CaptureSummary &summary)
{
    const QString &reason = summary.verdictReason;
    return !reason.isEmpty() && reason != QLatin1String("ok") &&
           reason != QLatin1String("no_secret");
}

FailureNotifier::Message FailureNotifier::onCompleted(const CaptureSummary &summary,
                                                      bool windowActive, qint64 nowMs)
{
    if (!m_enabled || windowActive) {
        m_held = 0; // the user is looking, or did not ask
        return {};
    }
    if (!isFailure(summary))
        return {};
    ++m_held;
    if (m_lastShownMs >= 0 && nowMs - m_lastShownMs < QuietMs)
        return {};
    m_lastShownMs = nowMs;
    const int count = m_held;
    m_held = 0;
    const auto tr = [](const char *text, int n = -1) {
        return QCoreApplication::translate("FailureNotifier", text, nullptr, n);
    };
    const QString where =
        summary.endpointId.isEmpty() ? QString::fromUtf8(summary.target) : summary.endpointId;
    const VerdictHeadline headline =
        VerdictHeadline::fromStored(summary.verdictReason, summary.verdictJson);
    Message m;
    m.title = count == 1 ? tr("A capture failed verification")
                         : tr("%n captures failed verification", count);
    m.body =
        QStringLiteral("%1 %2: %3").arg(QString::fromUtf8(summary.method), where, headline.text);
    return m;
}
