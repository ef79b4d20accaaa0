#include "core/verify/UrlVariants.h"

#include <QStringList>
#include <QUrl>

QList<QByteArray> UrlVariants::of(const QByteArray &url, const ParsedRequest &parsed)
{
    const QUrl base(QString::fromUtf8(url));
    if (!base.isValid() || base.host().isEmpty())
        return {};
    QStringList hosts{base.host()};
    QList<int> ports{base.port(), -1};
    const QByteArray fwdHost = parsed.header("X-Forwarded-Host").split(',').first().trimmed();
    if (!fwdHost.isEmpty()) {
        const QUrl f(QStringLiteral("http://") + QString::fromLatin1(fwdHost));
        hosts.append(f.host());
        ports.append(f.port());
    }
    QStringList schemes{QStringLiteral("https"), QStringLiteral("http")};
    const QByteArray fwdProto = parsed.header("X-Forwarded-Proto").split(',').first().trimmed();
    if (!fwdProto.isEmpty())
        schemes.prepend(QString::fromLatin1(fwdProto));
    QString path = base.path(QUrl::FullyEncoded);
    const QString altPath =
        path.endsWith(QLatin1Char('/')) ? path.left(path.size() - 1) : path + QLatin1Char('/');
    QList<QByteArray> out;
    for (const QString &s : schemes) {
        for (const QString &h : hosts) {
            for (int p : ports) {
                for (const QString &pa : {path, altPath}) {
                    QUrl u = base;
                    u.setScheme(s);
                    u.setHost(h);
                    u.setPort(p);
                    u.setPath(pa, QUrl::TolerantMode);
                    const QByteArray text = u.toEncoded();
                    if (text != url && !out.contains(text))
                        out.append(text);
                }
            }
        }
    }
    return out;
}
