#include "core/config/ConfigChecker.h"

#include <QJsonArray>

namespace {

QString describe(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toDouble()) : ConfigChecker::typeName(v);
}

} // namespace

void ConfigChecker::fail(const QString &path, const QString &problem)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1: %2: %3").arg(m_file, printable(path), printable(problem));
}

QString ConfigChecker::printable(const QString &text)
{
    QString out;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

bool ConfigChecker::onlyKeys(const QJsonObject &obj, const QString &path,
                             const QStringList &allowed)
{
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (!allowed.contains(it.key())) {
            fail(join(path, it.key()),
                 QStringLiteral("unknown key (expected one of: %1)").arg(allowed.join(", ")));
            return false;
        }
    }
    return true;
}

QString ConfigChecker::string(const QJsonObject &obj, const QString &path, const QString &key,
                              const QString &fallback, bool required)
{
    const QJsonValue v = obj.value(key);
    if (v.isUndefined()) {
        if (required)
            fail(join(path, key), QStringLiteral("missing (expected a string)"));
        return fallback;
    }
    if (!v.isString()) {
        fail(join(path, key), QStringLiteral("expected a string, found %1").arg(typeName(v)));
        return fallback;
    }
    return v.toString();
}

int ConfigChecker::integer(const QJsonObject &obj, const QString &path, const QString &key,
                           int fallback, int min, int max)
{
    const QJsonValue v = obj.value(key);
    if (v.isUndefined())
        return fallback;
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d)) || d < min || d > max) {
        fail(join(path, key), QStringLiteral("expected a whole number from %1 to %2, found %3")
                                  .arg(min)
                                  .arg(max)
                                  .arg(describe(v)));
        return fallback;
    }
    return int(d);
}

bool ConfigChecker::boolean(const QJsonObject &obj, const QString &path, const QString &key,
                            bool fallback)
{
    const QJsonValue v = obj.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isBool()) {
        fail(join(path, key), QStringLiteral("expected true or false, found %1").arg(describe(v)));
        return fallback;
    }
    return v.toBool();
}

QJsonObject ConfigChecker::object(const QJsonObject &obj, const QString &path, const QString &key)
{
    const QJsonValue v = obj.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isObject())
        fail(join(path, key), QStringLiteral("expected an object, found %1").arg(typeName(v)));
    return v.toObject();
}

QStringList ConfigChecker::strings(const QJsonObject &obj, const QString &path, const QString &key)
{
    const QJsonValue v = obj.value(key);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray()) {
        fail(join(path, key),
             QStringLiteral("expected an array of strings, found %1").arg(typeName(v)));
        return {};
    }
    QStringList out;
    const QJsonArray items = v.toArray();
    for (int i = 0; i < items.size(); ++i) {
        if (!items.at(i).isString()) {
            fail(QStringLiteral("%1[%2]").arg(join(path, key)).arg(i),
                 QStringLiteral("expected a string, found %1").arg(typeName(items.at(i))));
            return {};
        }
        out.append(items.at(i).toString());
    }
    return out;
}

QString ConfigChecker::join(const QString &path, const QString &key)
{
    const QString shown = key.isEmpty() ? QStringLiteral("\"\"") : key; // "" for an empty key
    return path.isEmpty() ? shown : path + '.' + shown;
}

QString ConfigChecker::typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("nothing");
    }
}
