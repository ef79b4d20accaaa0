#include "core/store/QueryParser.h"

#include "core/store/QueryTime.h"

#include <QRegularExpression>
#include <climits>

namespace {

bool isFieldChar(QChar c)
{
    return c.isLetter() || c == QLatin1Char('-') || c == QLatin1Char('_');
}

bool endsWord(QChar c)
{
    return c.isSpace() || c == QLatin1Char('(') || c == QLatin1Char(')');
}

} // namespace

QStringList QueryParser::fieldNames()
{
    return {QStringLiteral("method"),   QStringLiteral("path"),    QStringLiteral("endpoint"),
            QStringLiteral("provider"), QStringLiteral("verdict"), QStringLiteral("hazard"),
            QStringLiteral("status"),   QStringLiteral("header"),  QStringLiteral("body"),
            QStringLiteral("type"),     QStringLiteral("before"),  QStringLiteral("after"),
            QStringLiteral("forward"),  QStringLiteral("note"),    QStringLiteral("is")};
}

QStringList QueryParser::isValues()
{
    return {QStringLiteral("bookmarked")};
}

QStringList QueryParser::verdictCategories()
{
    return {QStringLiteral("pass"), QStringLiteral("fail"), QStringLiteral("stale"),
            QStringLiteral("no-secret"), QStringLiteral("unverified")};
}

QStringList QueryParser::forwardStates()
{
    return {QStringLiteral("none"),      QStringLiteral("queued"), QStringLiteral("retrying"),
            QStringLiteral("delivered"), QStringLiteral("dead"),   QStringLiteral("skipped")};
}

bool QueryParser::statusRange(const QString &value, int *low, int *high)
{
    static const QRegularExpression form(
        QStringLiteral("^(?:(>=|<=|>|<|=)?(\\d{1,3})|(\\d{1,3})\\.\\.(\\d{1,3})|([1-5])xx)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = form.match(value);
    if (!m.hasMatch())
        return false;
    if (!m.captured(5).isEmpty()) {
        *low = m.captured(5).toInt() * 100;
        *high = *low + 99;
        return true;
    }
    if (!m.captured(3).isEmpty()) {
        *low = m.captured(3).toInt();
        *high = m.captured(4).toInt();
        return *low <= *high;
    }
    const QString op = m.captured(1);
    const int n = m.captured(2).toInt();
    *low = INT_MIN;
    *high = INT_MAX;
    if (op == QLatin1String(">="))
        *low = n;
    else if (op == QLatin1String(">"))
        *low = n + 1;
    else if (op == QLatin1String("<="))
        *high = n;
    else if (op == QLatin1String("<"))
        *high = n - 1;
    else
        *low = *high = n;
    return true;
}

QueryParser::Result QueryParser::parse(const QString &text)
{
    QueryParser parser(text);
    Result result;
    result.root.kind = QueryNode::Kind::And;
    bool ok = parser.tokenize();
    if (ok && parser.peek().type != Token::Type::End) {
        ok = parser.parseOr(&result.root);
        if (ok && parser.peek().type != Token::Type::End) {
            const Token &t = parser.peek();
            ok = parser.fail(t.column, t.type == Token::Type::Close
                                           ? QStringLiteral("`)` without a matching `(`")
                                           : QStringLiteral("expected the end of the query"));
        }
    }
    result.ok = ok;
    if (!ok) {
        result.root = QueryNode();
        result.root.kind = QueryNode::Kind::And;
        result.errorColumn = parser.m_errorColumn;
        result.error = parser.m_error;
    }
    return result;
}

bool QueryParser::fail(int column, const QString &message)
{
    if (m_error.isEmpty()) {
        m_errorColumn = column;
        m_error = QStringLiteral("column %1: %2").arg(column).arg(message);
    }
    return false;
}

bool QueryParser::tokenize()
{
    const QString &s = m_text;
    int i = 0;
    while (true) {
        while (i < s.size() && s.at(i).isSpace())
            ++i;
        Token t;
        t.column = i + 1;
        if (i >= s.size()) {
            m_tokens.append(t);
            return true;
        }
        const QChar c = s.at(i);
        if (c == QLatin1Char('(') || c == QLatin1Char(')')) {
            t.type = c == QLatin1Char('(') ? Token::Type::Open : Token::Type::Close;
            m_tokens.append(t);
            ++i;
            continue;
        }
        if (c == QLatin1Char('-') && i + 1 < s.size() && !endsWord(s.at(i + 1))) {
            t.type = Token::Type::Minus;
            m_tokens.append(t);
            ++i;
            continue;
        }
        t.type = Token::Type::Word;
        // field:  a run of letters, '-' or '_' followed by ':'
        int j = i;
        while (j < s.size() && isFieldChar(s.at(j)))
            ++j;
        if (j > i && j < s.size() && s.at(j) == QLatin1Char(':')) {
            t.hasField = true;
            t.field = s.mid(i, j - i).toLower();
            i = j + 1;
        }
        // the value: unquoted runs and quoted strings ("" or \" inside for a quote)
        while (i < s.size() && !endsWord(s.at(i))) {
            if (s.at(i) != QLatin1Char('"')) {
                t.value += s.at(i++);
                continue;
            }
            const int open = i++;
            t.quoted = true;
            bool closed = false;
            while (i < s.size()) {
                if (s.at(i) == QLatin1Char('\\') && i + 1 < s.size() &&
                    (s.at(i + 1) == QLatin1Char('"') || s.at(i + 1) == QLatin1Char('\\'))) {
                    t.value += s.at(i + 1);
                    i += 2;
                } else if (s.at(i) == QLatin1Char('"')) {
                    ++i;
                    closed = true;
                    break;
                } else {
                    t.value += s.at(i++);
                }
            }
            if (!closed)
                return fail(open + 1, QStringLiteral("the quote opened here is never closed"));
        }
        m_tokens.append(t);
    }
}

bool QueryParser::isKeyword(const Token &t, const char *word) const
{
    return t.type == Token::Type::Word && !t.hasField && !t.quoted &&
           t.value.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
}

bool QueryParser::parseOr(QueryNode *out)
{
    QueryNode first;
    if (!parseAnd(&first))
        return false;
    if (!isKeyword(peek(), "or")) {
        *out = std::move(first);
        return true;
    }
    out->kind = QueryNode::Kind::Or;
    out->column = first.column;
    out->children = {std::move(first)};
    while (isKeyword(peek(), "or")) {
        const int column = peek().column;
        ++m_pos;
        const Token &next = peek();
        if (next.type == Token::Type::End || next.type == Token::Type::Close ||
            isKeyword(next, "or") || isKeyword(next, "and"))
            return fail(next.type == Token::Type::End ? column : next.column,
                        QStringLiteral("`or` expects a term after it"));
        QueryNode rhs;
        if (!parseAnd(&rhs))
            return false;
        out->children.append(std::move(rhs));
    }
    return true;
}

bool QueryParser::parseAnd(QueryNode *out)
{
    QueryNode first;
    if (!parseUnary(&first))
        return false;
    QVector<QueryNode> terms = {std::move(first)};
    while (true) {
        const Token &t = peek();
        if (t.type == Token::Type::End || t.type == Token::Type::Close || isKeyword(t, "or"))
            break;
        if (isKeyword(t, "and")) {
            const int column = t.column;
            ++m_pos;
            const Token &next = peek();
            if (next.type == Token::Type::End || next.type == Token::Type::Close ||
                isKeyword(next, "or") || isKeyword(next, "and"))
                return fail(next.type == Token::Type::End ? column : next.column,
                            QStringLiteral("`and` expects a term after it"));
        }
        QueryNode rhs;
        if (!parseUnary(&rhs))
            return false;
        terms.append(std::move(rhs));
    }
    if (terms.size() == 1) {
        *out = std::move(terms.first());
        return true;
    }
    out->kind = QueryNode::Kind::And;
    out->column = terms.first().column;
    out->children = std::move(terms);
    return true;
}

bool QueryParser::parseUnary(QueryNode *out)
{
    const Token &t = peek();
    if (isKeyword(t, "not") || t.type == Token::Type::Minus) {
        const int column = t.column;
        const QString what =
            t.type == Token::Type::Minus ? QStringLiteral("`-`") : QStringLiteral("`not`");
        ++m_pos;
        const Token &next = peek();
        if (next.type == Token::Type::End || next.type == Token::Type::Close ||
            isKeyword(next, "or") || isKeyword(next, "and"))
            return fail(next.type == Token::Type::End ? column : next.column,
                        what + QStringLiteral(" expects a term after it"));
        QueryNode inner;
        if (!parseUnary(&inner))
            return false;
        out->kind = QueryNode::Kind::Not;
        out->column = column;
        out->children = {std::move(inner)};
        return true;
    }
    return parsePrimary(out);
}

bool QueryParser::parsePrimary(QueryNode *out)
{
    const Token t = peek();
    switch (t.type) {
    case Token::Type::End:
        return fail(t.column, QStringLiteral("expected a term"));
    case Token::Type::Close:
        return fail(t.column, QStringLiteral("expected a term before `)`"));
    case Token::Type::Minus:
        return fail(t.column, QStringLiteral("expected a term"));
    case Token::Type::Open: {
        ++m_pos;
        if (peek().type == Token::Type::Close)
            return fail(peek().column, QStringLiteral("`()` holds no term"));
        if (!parseOr(out))
            return false;
        if (peek().type != Token::Type::Close)
            return fail(t.column, QStringLiteral("the `(` opened here is never closed"));
        ++m_pos;
        return true;
    }
    case Token::Type::Word:
        break;
    }
    if (isKeyword(t, "and") || isKeyword(t, "or"))
        return fail(t.column,
                    QStringLiteral("`%1` expects a term before it").arg(t.value.toLower()));
    if (!checkTerm(t))
        return false;
    ++m_pos;
    out->kind = QueryNode::Kind::Term;
    out->field = t.field;
    out->value = t.value;
    out->column = t.column;
    return true;
}

bool QueryParser::checkTerm(const Token &t)
{
    if (!t.hasField)
        return !t.value.isEmpty() ||
               fail(t.column, QStringLiteral("empty quotes search for nothing"));
    const QString name = QStringLiteral("`%1:`").arg(t.field);
    if (!fieldNames().contains(t.field))
        return fail(t.column, QStringLiteral("unknown field %1 (fields: %2; quote the text to "
                                             "search for it)")
                                  .arg(name, fieldNames().join(QStringLiteral(", "))));
    const QString &v = t.value;
    const int valueColumn = t.column + int(t.field.size()) + 1;
    if (v.isEmpty() && t.field != QLatin1String("endpoint"))
        return fail(valueColumn, QStringLiteral("%1 expects a value").arg(name));
    if (t.field == QLatin1String("status")) {
        int low = 0, high = 0;
        if (!statusRange(v, &low, &high))
            return fail(valueColumn,
                        QStringLiteral("%1 expects a number or a range such as 400..499 "
                                       "(or >=400, <300, 4xx)")
                            .arg(name));
        return true;
    }
    if (t.field == QLatin1String("before") || t.field == QLatin1String("after")) {
        qint64 us = 0;
        if (!QueryTime::resolve(v, QDateTime::currentDateTime(), &us))
            return fail(valueColumn,
                        QStringLiteral("%1 expects a date or time such as 2024-05-01, "
                                       "2024-05-01T10:30, 15m, 2h, 3d, today or yesterday")
                            .arg(name));
        return true;
    }
    if (t.field == QLatin1String("verdict")) {
        static const QRegularExpression reason(QStringLiteral("^[a-z0-9_]+$"));
        if (!verdictCategories().contains(v.toLower()) && !reason.match(v).hasMatch())
            return fail(valueColumn, QStringLiteral("%1 expects %2 or a reason such as "
                                                    "signature_mismatch")
                                         .arg(name, verdictCategories().join(QLatin1Char('|'))));
        return true;
    }
    if (t.field == QLatin1String("forward")) {
        if (!forwardStates().contains(v.toLower()))
            return fail(
                valueColumn,
                QStringLiteral("%1 expects %2").arg(name, forwardStates().join(QLatin1Char('|'))));
        return true;
    }
    if (t.field == QLatin1String("is")) {
        if (!isValues().contains(v.toLower()))
            return fail(
                valueColumn,
                QStringLiteral("%1 expects %2").arg(name, isValues().join(QLatin1Char('|'))));
        return true;
    }
    if (t.field == QLatin1String("method")) {
        static const QRegularExpression token(QStringLiteral("^[A-Za-z]+$"));
        if (!token.match(v).hasMatch())
            return fail(valueColumn, QStringLiteral("%1 expects a method such as POST").arg(name));
        return true;
    }
    if (t.field == QLatin1String("header")) {
        const qsizetype eq = v.indexOf(QLatin1Char('='));
        static const QRegularExpression headerName(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        if (!headerName.match(eq < 0 ? v : v.left(eq)).hasMatch())
            return fail(valueColumn,
                        QStringLiteral("%1 expects a header name, or NAME=VALUE").arg(name));
        return true;
    }
    return true;
}
