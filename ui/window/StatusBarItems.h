#pragma once

#include "ui/window/RateMeter.h"

#include <QObject>
#include <QTimer>
#include <functional>

class CaptureSession;
class QLabel;
class QStatusBar;
class SecretStore;

// The status bar's live items beside the list count and the listener address: requests per
// second while captures arrive (hidden when idle; a timer runs only while there is traffic), and
// a permanent message when there is no keychain to read signing secrets from.
class StatusBarItems : public QObject
{
    Q_OBJECT
public:
    // `secrets` may be null: the app has no keychain at all.
    StatusBarItems(QStatusBar *bar, CaptureSession *session, SecretStore *secrets);

    QLabel *rateLabel() const { return m_rate; }
    QLabel *keychainLabel() const { return m_keychain; }
    bool isTicking() const { return m_timer.isActive(); }
    // The time source, in monotonic milliseconds (tests move it by hand).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    void count(qint64 requests); // requests captured now
    void update();               // the rate shown, as of now; stops the timer when idle

    static QString rateText(double perSecond);

private:
    void showKeychainProblem(const QString &problem);

    QLabel *m_rate;
    QLabel *m_keychain;
    RateMeter m_meter;
    QTimer m_timer;
    std::function<qint64()> m_clock;
};
