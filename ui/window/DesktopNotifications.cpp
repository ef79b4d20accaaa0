#include "ui/window/DesktopNotifications.h"

#include "core/pipeline/CaptureSession.h"

#include <QAction>
#include <QMenu>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QWidget>

DesktopNotifications::DesktopNotifications(QMenu *menu, QWidget *window, CaptureSession *session)
    : QObject(window), m_window(window),
      m_action(menu->addAction(tr("&Notify When Verification Fails")))
{
    m_action->setObjectName(QStringLiteral("notifyFailures"));
    m_action->setCheckable(true);
    m_action->setToolTip(tr("A desktop notification when a capture fails verification while "
                            "Hookbench is in the background"));
    m_action->setChecked(QSettings().value(QLatin1String(SettingsKey), false).toBool());
    m_notifier.setEnabled(m_action->isChecked());
    connect(m_action, &QAction::toggled, this, [this](bool on) {
        m_notifier.setEnabled(on);
        QSettings().setValue(QLatin1String(SettingsKey), on);
    });
    m_clock.start();
    connect(session, &CaptureSession::completed, this, &DesktopNotifications::onCompleted);
}

void DesktopNotifications::onCompleted(const CaptureSummary &summary)
{
    const FailureNotifier::Message m =
        m_notifier.onCompleted(summary, m_window->isActiveWindow(), m_clock.elapsed());
    if (m.isNull() || !QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
        m_tray->setToolTip(QStringLiteral("Hookbench"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, m_window, [this] {
            m_window->raise();
            m_window->activateWindow();
        });
        m_tray->show();
    }
    m_tray->showMessage(m.title, m.body, QSystemTrayIcon::Warning);
}
