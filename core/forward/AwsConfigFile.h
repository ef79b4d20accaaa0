#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

// One of the AWS CLI's shared files, read as the CLI reads it: `[name]` sections in the
// credentials file, `[profile name]` (and `[default]`) in the config file, `key = value` lines,
// `#`/`;` comments, indented lines belonging to a nested setting (ignored here).
class AwsConfigFile
{
public:
    enum class Kind
    {
        Credentials,
        Config
    };

    // A missing file is an empty one (the CLI does not require either); an unreadable one is
    // an error naming it.
    static AwsConfigFile load(const QString &path, Kind kind, QString *error);

    const QString &path() const { return m_path; }
    bool exists() const { return m_exists; }
    bool hasProfile(const QString &name) const { return m_profiles.contains(name); }
    QString value(const QString &profile, const QString &key) const; // key is lower-case
    bool hasKey(const QString &profile, const QString &key) const;
    QStringList profiles() const { return m_profiles.keys(); }

private:
    QString m_path;
    bool m_exists = false;
    QHash<QString, QHash<QString, QString>> m_profiles;
};
