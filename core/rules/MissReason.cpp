#include "core/rules/MissReason.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString compact(const QJsonValue &v)
{
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    // A scalar: wrap it in an array to reuse Qt's JSON writer, then strip the brackets.
    const QByteArray text = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

} // namespace

QJsonObject MissReason::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("path"), path);
    o.insert(QStringLiteral("expected"), expected);
    o.insert(QStringLiteral("found"), absent ? QJsonValue(QJsonValue::Null) : found);
    if (absent)
        o.insert(QStringLiteral("absent"), true);
    o.insert(QStringLiteral("hint"), hint.isEmpty() ? QJsonValue(QJsonValue::Null) : hint);
    o.insert(QStringLiteral("pointer"), eventPointer);
    return o;
}

QString MissReason::toText() const
{
    QString text = QStringLiteral("%1: expected %2, ").arg(path, compact(expected));
    text += absent ? QStringLiteral("but the event has no %1").arg(path)
                   : QStringLiteral("found %1").arg(compact(found));
    if (!hint.isEmpty())
        text += QStringLiteral("\n  hint: ") + hint;
    return text;
}
