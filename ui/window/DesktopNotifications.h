#pragma once

#include "ui/window/FailureNotifier.h"

#include <QElapsedTimer>
#include <QObject>

class CaptureSession;
class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

// View > Notify When Verification Fails (off by default, remembered in QSettings): a desktop
// notification through the system tray when a capture fails verification while `window` is not
// the active window (FailureNotifier decides). Without a system tray, nothing is shown.
class DesktopNotifications : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *SettingsKey = "notifications/verificationFailures";

    DesktopNotifications(QMenu *menu, QWidget *window, CaptureSession *session);

    QAction *action() const { return m_action; }

private:
    void onCompleted(const CaptureSummary &summary);

    QWidget *m_window;
    QAction *m_action;
    FailureNotifier m_notifier;
    QElapsedTimer m_clock;
    QSystemTrayIcon *m_tray = nullptr; // made when first needed
};
