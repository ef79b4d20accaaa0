#include "core/secrets/KeychainAvailability.h"

#include <QMetaObject>

#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <memory>
#define HB_KEYCHAIN_OVER_DBUS 1
#endif

namespace {

void later(QObject *context, std::function<void(bool, QString)> done, bool available,
           const QString &reason)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), available, reason] { done(available, reason); },
        Qt::QueuedConnection);
}

#ifdef HB_KEYCHAIN_OVER_DBUS

// The names QtKeychain can use: the Secret Service (GNOME Keyring, KeePassXC, KWallet >= 5.97)
// and KWallet's own interface, which QtKeychain prefers on KDE.
const char *const KeychainNames[] = {"org.freedesktop.secrets", "org.kde.kwalletd6",
                                     "org.kde.kwalletd5", "org.kde.kwalletd"};

QString oneLine(QString text)
{
    return text.replace('\n', ' ').trimmed();
}

// Collects the answers of ListNames and ListActivatableNames, then decides once.
struct NameQuery
{
    QStringList names;
    QString error;
    int pending = 2;
};

#endif

} // namespace

void KeychainAvailability::probe(QObject *context,
                                 std::function<void(bool available, QString reason)> done)
{
#ifdef HB_KEYCHAIN_OVER_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        const QString why = bus.lastError().message();
        later(context, std::move(done), false,
              oneLine(QStringLiteral("cannot connect to the D-Bus session bus (%1)")
                          .arg(why.isEmpty() ? QStringLiteral("DBUS_SESSION_BUS_ADDRESS is not set")
                                             : why)));
        return;
    }
    auto query = std::make_shared<NameQuery>();
    for (const char *method : {"ListNames", "ListActivatableNames"}) {
        const QDBusMessage call = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
            QStringLiteral("org.freedesktop.DBus"), QString::fromLatin1(method));
        auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), context);
        QObject::connect(
            watcher, &QDBusPendingCallWatcher::finished, context,
            [query, done](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<QStringList> reply = *w;
                if (reply.isError())
                    query->error = reply.error().message();
                else
                    query->names += reply.value();
                if (--query->pending > 0)
                    return;
                for (const char *name : KeychainNames) {
                    if (query->names.contains(QLatin1String(name))) {
                        done(true, QString());
                        return;
                    }
                }
                done(false,
                     oneLine(query->error.isEmpty()
                                 ? QStringLiteral("nothing on the D-Bus session bus provides "
                                                  "org.freedesktop.secrets (start GNOME Keyring, "
                                                  "KWallet or KeePassXC's Secret Service)")
                                 : QStringLiteral("the D-Bus session bus did not answer (%1)")
                                       .arg(query->error)));
            });
    }
#else
    later(context, std::move(done), true, QString());
#endif
}
