#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// JSON read as text, keeping what QJsonObject loses: the order of an object's members (QJsonObject
// sorts its keys) and the exact tokens of a value (key order, number spelling, escapes). The AWS
// import shapes read headers in the order the event lists them, and keep a body that was logged
// as a parsed object token for token.
class JsonObjectText
{
public:
    struct Member
    {
        QString key;
        QByteArray text; // the value's JSON text, exactly as in the input
    };

    // The members of the object `text` (surrounding whitespace allowed), in order; false when it
    // is not one whole, well-bracketed object.
    static bool members(const QByteArray &text, QList<Member> *out);
    // The value of `key` (the first member with that name), or an empty array when absent.
    static QByteArray member(const QList<Member> &members, const QString &key);
    // The end (exclusive) of the JSON value that starts at `start` (after any whitespace); -1
    // when the text ends first or the value is not well formed.
    static qsizetype valueEnd(const QByteArray &text, qsizetype start);
    // A value's text as a QJsonValue (Undefined when it is not JSON).
    static QJsonValue value(const QByteArray &text);
    // The keys of the first object in `head` seen before it ends, outer level only: works on
    // the first bytes of a large document (detection). Inside a top-level array, the keys of
    // its first element.
    static QStringList leadingKeys(const QByteArray &head);
};
