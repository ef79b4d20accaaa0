#pragma once

#include "core/capture/JsonDocument.h"
#include "core/rules/EventPattern.h"

// Walks a pattern's JSON (with byte positions) into EventPattern's nodes, refusing what
// EventBridge refuses with its reasons (aws/event-ruler's JsonRuleCompiler wording).
class PatternCompiler
{
public:
    static EventPattern compile(const QByteArray &json, PatternError *error);

private:
    explicit PatternCompiler(const QByteArray &json);

    bool compileObject(int node, const QString &path, const QString &errorPath, int depth,
                       bool insideOr, int *out);
    bool compileField(int member, const QString &path, const QString &errorPath,
                      PatternField *field);
    bool compileMatchExpression(int object, const QString &errorPath, ValueMatcher *out);
    bool compileAnythingBut(int value, const QString &errorPath, ValueMatcher *out);
    bool compileNumeric(int value, const QString &errorPath, ValueMatcher *out);
    bool compileWildcard(int value, const QString &errorPath, QString *glob);
    qint64 combinationsOf(int node) const;

    bool fail(const QString &reason, qint64 offset, const QString &path);
    qint64 after(int node) const;     // where the JSON parser stands having peeked at this token
    qint64 afterRead(int node) const; // ... having read its text
    QJsonValue scalar(int node) const;
    bool isNumber(int node) const { return m_doc.node(node).type == JsonDocument::Type::Number; }
    bool isString(int node) const { return m_doc.node(node).type == JsonDocument::Type::String; }

    JsonDocument m_doc;
    EventPattern m_pattern;
    PatternError m_error;
};
