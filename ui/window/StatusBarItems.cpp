#include "ui/window/StatusBarItems.h"

#include "core/pipeline/CaptureSession.h"
#include "core/secrets/SecretStore.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <memory>

StatusBarItems::StatusBarItems(QStatusBar *bar, CaptureSession *session, SecretStore *secrets)
    : QObject(bar), m_rate(new QLabel(bar)), m_keychain(new QLabel(bar))
{
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    m_clock = [started] { return started->elapsed(); };
    m_rate->setObjectName(QStringLiteral("requestRate"));
    m_rate->setAccessibleName(tr("Requests per second"));
    m_rate->hide();
    m_keychain->setObjectName(QStringLiteral("keychainStatus"));
    m_keychain->setAccessibleName(tr("Keychain"));
    m_keychain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keychain->hide();
    bar->addPermanentWidget(m_keychain);
    bar->addPermanentWidget(m_rate);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &StatusBarItems::update);
    connect(session, &CaptureSession::captured, this,
            [this](const QVector<CaptureSummary> &batch) { count(batch.size()); });
    if (!secrets) {
        showKeychainProblem(SecretStore::unavailablePrefix());
        return;
    }
    secrets->checkAvailability(this, [this](const SecretStore::Result &r) {
        if (r.status == SecretStore::Status::Unavailable)
            showKeychainProblem(r.error.isEmpty() ? SecretStore::unavailablePrefix() : r.error);
    });
}

void StatusBarItems::count(qint64 requests)
{
    m_meter.add(m_clock(), requests);
    update();
    if (!m_meter.isIdle(m_clock()) && !m_timer.isActive())
        m_timer.start();
}

void StatusBarItems::update()
{
    const qint64 now = m_clock();
    if (m_meter.isIdle(now)) {
        m_timer.stop(); // no busy work while nothing arrives
        m_rate->hide();
        return;
    }
    m_rate->setText(rateText(m_meter.perSecond(now)));
    m_rate->show();
}

QString StatusBarItems::rateText(double perSecond)
{
    const QLocale locale;
    return perSecond >= 10 ? tr("%1 req/s").arg(locale.toString(qRound(perSecond)))
                           : tr("%1 req/s").arg(locale.toString(perSecond, 'f', 1));
}

void StatusBarItems::showKeychainProblem(const QString &problem)
{
    const QString firstLine = problem.section(QLatin1Char('\n'), 0, 0);
    m_keychain->setText(tr("⚠ Keychain unavailable: signatures show \"no secret\""));
    m_keychain->setToolTip(firstLine);
    m_keychain->setAccessibleDescription(firstLine);
    m_keychain->show();
}
