#include "core/rules/IpRange.h"

#include <QHostAddress>
#include <cstring>

namespace {

QByteArray parseIpv4(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return {};
    QByteArray bytes;
    for (const QString &p : parts) {
        if (p.isEmpty() || p.size() > 3)
            return {};
        for (QChar c : p) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return {};
        }
        const int v = p.toInt();
        if (v > 255)
            return {};
        bytes.append(char(v));
    }
    return bytes;
}

QByteArray parseIpv6(const QString &text)
{
    if (!text.contains(QLatin1Char(':')) || text.contains(QLatin1Char('%')) ||
        text.contains(QLatin1Char('/')) || text.size() > 45)
        return {};
    for (QChar c : text) {
        if (!(c.isDigit() || (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
              (c >= QLatin1Char('A') && c <= QLatin1Char('F')) || c == QLatin1Char(':') ||
              c == QLatin1Char('.')))
            return {};
    }
    QHostAddress address;
    if (!address.setAddress(text) || address.protocol() != QAbstractSocket::IPv6Protocol)
        return {};
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(v6.c), 16);
}

} // namespace

QByteArray IpRange::parseAddress(const QString &text)
{
    const QByteArray v4 = parseIpv4(text);
    return v4.isEmpty() ? parseIpv6(text) : v4;
}

bool IpRange::parseCidr(const QString &text, IpRange *out, QString *reason)
{
    const QStringList slashed = text.split(QLatin1Char('/'));
    if (slashed.size() != 2) {
        *reason = QStringLiteral("Malformed CIDR, one '/' required");
        return false;
    }
    bool ok = false;
    const int maskBits = slashed.at(1).toInt(&ok);
    if (!ok) {
        *reason = QStringLiteral("Malformed CIDR, mask bits must be an integer");
        return false;
    }
    if (maskBits < 0) {
        *reason = QStringLiteral("Malformed CIDR, mask bits must not be negative");
        return false;
    }
    const QByteArray ip = parseAddress(slashed.at(0));
    if (ip.isEmpty()) {
        *reason = QStringLiteral("Nonstandard IP address: %1").arg(slashed.at(0));
        return false;
    }
    if (ip.size() == 4 && maskBits > 31) {
        *reason = QStringLiteral("IPv4 mask bits must be < 32");
        return false;
    }
    if (ip.size() == 16 && maskBits > 127) {
        *reason = QStringLiteral("IPv6 mask bits must be < 128");
        return false;
    }
    QByteArray top = ip;
    int hostBits = ip.size() * 8 - maskBits;
    for (int i = top.size() - 1; i >= 0 && hostBits > 0; --i, hostBits -= 8) {
        const int bits = qMin(hostBits, 8);
        top[i] = char(quint8(top.at(i)) | quint8((1u << bits) - 1));
    }
    out->m_bottom = ip;
    out->m_top = top;
    return true;
}

bool IpRange::contains(const QString &address) const
{
    return contains(parseAddress(address));
}

bool IpRange::contains(const QByteArray &bytes) const
{
    // Equal-length big-endian byte strings compare as numbers under memcmp.
    return bytes.size() == m_bottom.size() && !bytes.isEmpty() &&
           std::memcmp(bytes.constData(), m_bottom.constData(), size_t(bytes.size())) >= 0 &&
           std::memcmp(bytes.constData(), m_top.constData(), size_t(bytes.size())) <= 0;
}
