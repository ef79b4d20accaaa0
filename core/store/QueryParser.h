#pragma once

#include "core/store/QueryNode.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

// Parses the filter bar's query language (docs/query-language.md) into a QueryNode tree:
// terms are free text or `field:value`, combined with `and`, `or`, `not` (or `-term`) and
// parentheses; juxtaposed terms are joined by `and`. `not` binds tightest, then `and`, then `or`.
// Each field's value is checked here, so an error names the column of the term and what the
// field expects.
class QueryParser
{
public:
    struct Result
    {
        QueryNode root; // Kind::And without children for an empty query
        bool ok = false;
        int errorColumn = 0; // 1-based
        QString error;       // "column 12: `status:` expects a number or a range such as 400..499"
    };

    static Result parse(const QString &text);
    static QStringList fieldNames(); // "method", "path", ... (without the colon)
    // The verdict categories `verdict:` takes besides exact reasons.
    static QStringList verdictCategories();
    static QStringList forwardStates();
    static QStringList isValues(); // what `is:` takes: bookmarked
    // `status:` values: 404, =404, >=400, <500, >399, <=499, 400..499, 4xx; inclusive bounds.
    static bool statusRange(const QString &value, int *low, int *high);

private:
    struct Token
    {
        enum class Type
        {
            Word,
            Open,
            Close,
            Minus,
            End
        };
        Type type = Type::End;
        QString field; // lower case, without the colon
        QString value;
        bool quoted = false;
        bool hasField = false;
        int column = 0;
    };

    explicit QueryParser(const QString &text) : m_text(text) {}
    bool tokenize();
    bool parseOr(QueryNode *out);
    bool parseAnd(QueryNode *out);
    bool parseUnary(QueryNode *out);
    bool parsePrimary(QueryNode *out);
    bool checkTerm(const Token &token);
    bool fail(int column, const QString &message);
    bool isKeyword(const Token &t, const char *word) const;
    const Token &peek() const { return m_tokens.at(m_pos); }

    QString m_text;
    QVector<Token> m_tokens;
    int m_pos = 0;
    int m_errorColumn = 0;
    QString m_error;
};
