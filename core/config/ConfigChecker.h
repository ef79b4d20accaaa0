#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

// Walks a config's JSON with a key path so that each error can say exactly where it is: the
// first problem found is kept as "FILE: KEY.PATH: problem", on one line.
class ConfigChecker
{
public:
    explicit ConfigChecker(QString fileName) : m_file(std::move(fileName)) {}

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    void fail(const QString &path, const QString &problem);

    // Each returns `fallback` when the key is absent (or, for `required`, records that).
    bool onlyKeys(const QJsonObject &obj, const QString &path, const QStringList &allowed);
    QString string(const QJsonObject &obj, const QString &path, const QString &key,
                   const QString &fallback, bool required = false);
    int integer(const QJsonObject &obj, const QString &path, const QString &key, int fallback,
                int min, int max);
    bool boolean(const QJsonObject &obj, const QString &path, const QString &key, bool fallback);
    QJsonObject object(const QJsonObject &obj, const QString &path, const QString &key);
    QStringList strings(const QJsonObject &obj, const QString &path, const QString &key);

    // A key or a value quoted in the message may hold a line break or a NUL: the message must
    // stay one line.
    static QString printable(const QString &text);
    static QString join(const QString &path, const QString &key);
    static QString typeName(const QJsonValue &v);

private:
    QString m_file;
    QString m_error;
};
