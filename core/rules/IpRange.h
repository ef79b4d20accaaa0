#pragma once

#include <QByteArray>
#include <QString>

// An address range from a `cidr` matcher, or one address from an event. Addresses are kept as
// 4 or 16 bytes; IPv4 and IPv6 never compare equal (as in EventBridge, a v4 CIDR does not match
// an IPv4-mapped v6 address).
class IpRange
{
public:
    // Parses "a.b.c.d/n" or "v6/n"; false with AWS's reason ("Malformed CIDR, one '/' required",
    // "Nonstandard IP address: x", "IPv4 mask bits must be < 32", ...).
    static bool parseCidr(const QString &text, IpRange *out, QString *reason);
    // Strict literal address: dotted quad of four decimal parts, or an IPv6 literal; empty when
    // `text` is not one.
    static QByteArray parseAddress(const QString &text);

    bool contains(const QString &address) const;
    bool contains(const QByteArray &addressBytes) const;

private:
    // As EventBridge's matcher (aws/event-ruler CIDR.java) builds it: from the address as
    // written to that address with the host bits set.
    QByteArray m_bottom;
    QByteArray m_top;
};
