#pragma once

#include "core/store/QueryNode.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QVariantList>

// A filter query of the filter bar and `export --filter` (docs/query-language.md), parsed by
// QueryParser and compiled here to one SQL condition with bound parameters, over
// `captures LEFT JOIN verdicts` with the search index attached as `search` (CaptureSearch).
class CaptureQuery
{
public:
    struct Context
    {
        QHash<QString, QString> endpointProviders; // endpoint id → provider name (config)
        QDateTime now = QDateTime::currentDateTime();
        qint64 fromId = 0;                 // the search index is asked only for ids >= fromId
        QByteArray indexSchema = "search"; // where the search index is attached
    };
    struct Sql
    {
        QByteArray condition;
        QVariantList parameters; // in order of the `?` marks: QByteArray binds as a blob,
                                 // QString as text, qint64 as an integer
    };

    CaptureQuery() = default;
    static CaptureQuery parse(const QString &text);

    QString text() const { return m_text; }
    bool isValid() const { return m_error.isEmpty(); }
    bool isEmpty() const; // valid and without a term: matches every capture
    QString errorString() const { return m_error; }
    int errorColumn() const { return m_errorColumn; }
    // Free text, header:, body:, type: or note: (answered by the search index, which may be
    // behind).
    bool usesSearchIndex() const;
    bool usesField(const QString &field) const;
    const QueryNode &root() const { return m_root; }

    Sql compile(const Context &context) const; // "1" for an empty query

    // A term's FTS5 match in capture_text and in capture_notes (NoteIndex); empty where the term
    // is not looked up there.
    struct Match
    {
        QString text;
        QString note;
    };
    static Match matchOf(const QueryNode &term);

private:
    void compileNode(const QueryNode &node, const Context &context, Sql *out) const;
    void compileTerm(const QueryNode &node, const Context &context, Sql *out) const;
    static bool usesIndex(const QueryNode &node);
    static bool uses(const QueryNode &node, const QString &field);

    QString m_text;
    QueryNode m_root;
    QString m_error;
    int m_errorColumn = 0;
};
