#include "core/forward/AwsConfigFile.h"

#include <QFile>

AwsConfigFile AwsConfigFile::load(const QString &path, Kind kind, QString *error)
{
    AwsConfigFile file;
    file.m_path = path;
    QFile f(path);
    if (!f.exists())
        return file;
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return file;
    }
    file.m_exists = true;
    QHash<QString, QString> *section = nullptr;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        if (raw.startsWith(' ') || raw.startsWith('\t'))
            continue; // a nested setting (`s3 =` then indented keys)
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            const QString name = line.mid(1, line.size() - 2).trimmed();
            section = nullptr;
            if (kind == Kind::Credentials) {
                section = &file.m_profiles[name];
            } else if (name == QLatin1String("default")) {
                section = &file.m_profiles[name];
            } else if (name.startsWith(QLatin1String("profile ")) ||
                       name.startsWith(QLatin1String("profile\t"))) {
                section = &file.m_profiles[name.mid(8).trimmed()];
            } // other config sections (sso-session, services, plain names) are not profiles
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (!section || eq < 0)
            continue;
        section->insert(line.left(eq).trimmed().toLower(), line.mid(eq + 1).trimmed());
    }
    return file;
}

QString AwsConfigFile::value(const QString &profile, const QString &key) const
{
    return m_profiles.value(profile).value(key);
}

bool AwsConfigFile::hasKey(const QString &profile, const QString &key) const
{
    return m_profiles.value(profile).contains(key);
}
