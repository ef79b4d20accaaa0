#include "core/store/CaptureQuery.h"

#include "core/store/CaptureFilter.h"
#include "core/store/QueryParser.h"
#include "core/store/QueryTime.h"
#include "core/store/SearchIndex.h"

#include <climits>

namespace {

// `text` in an FTS5 column: the phrase, restricted to ids >= fromId.
void textMatch(const QString &match, const CaptureQuery::Context &context, CaptureQuery::Sql *out)
{
    out->condition += "captures.id IN (SELECT rowid FROM " + context.indexSchema +
                      ".capture_text WHERE capture_text MATCH ? AND rowid >= ?)";
    out->parameters << match << context.fromId;
}

// `text` in the notes (NoteIndex), restricted to ids >= fromId.
void noteMatch(const QString &match, const CaptureQuery::Context &context, CaptureQuery::Sql *out)
{
    out->condition += "captures.id IN (SELECT rowid FROM " + context.indexSchema +
                      ".capture_notes WHERE capture_notes MATCH ? AND rowid >= ?)";
    out->parameters << match << context.fromId;
}

// GLOB pattern for `*` wildcards: the other GLOB specials match themselves.
QString globOf(const QString &value)
{
    QString glob;
    for (const QChar c : value) {
        if (c == QLatin1Char('?') || c == QLatin1Char('['))
            glob += QLatin1Char('[') + c + QLatin1Char(']');
        else
            glob += c;
    }
    return glob;
}

QByteArray verdictCategory(CaptureFilter::Verdict verdict)
{
    CaptureFilter f;
    f.verdict = verdict;
    return f.sqlCondition(); // literals only, no parameters
}

} // namespace

CaptureQuery CaptureQuery::parse(const QString &text)
{
    CaptureQuery q;
    q.m_text = text;
    QueryParser::Result r = QueryParser::parse(text);
    if (r.ok) {
        q.m_root = std::move(r.root);
    } else {
        q.m_error = r.error;
        q.m_errorColumn = r.errorColumn;
    }
    return q;
}

bool CaptureQuery::isEmpty() const
{
    return isValid() && m_root.kind == QueryNode::Kind::And && m_root.children.isEmpty();
}

bool CaptureQuery::usesSearchIndex() const
{
    return isValid() && usesIndex(m_root);
}

bool CaptureQuery::usesIndex(const QueryNode &node)
{
    if (node.kind == QueryNode::Kind::Term)
        return node.field.isEmpty() || node.field == QLatin1String("header") ||
               node.field == QLatin1String("body") || node.field == QLatin1String("type") ||
               node.field == QLatin1String("note");
    for (const QueryNode &child : node.children) {
        if (usesIndex(child))
            return true;
    }
    return false;
}

bool CaptureQuery::usesField(const QString &field) const
{
    return isValid() && uses(m_root, field);
}

bool CaptureQuery::uses(const QueryNode &node, const QString &field)
{
    if (node.kind == QueryNode::Kind::Term)
        return node.field == field;
    for (const QueryNode &child : node.children) {
        if (uses(child, field))
            return true;
    }
    return false;
}

CaptureQuery::Match CaptureQuery::matchOf(const QueryNode &term)
{
    const QString &f = term.field;
    const QString &v = term.value;
    Match m;
    if (f.isEmpty()) {
        m.text = QStringLiteral("{head body} : ") + SearchIndex::phrase(v, true);
        m.note = SearchIndex::phrase(v, true);
    } else if (f == QLatin1String("note") && v != QLatin1String("*")) {
        m.note = SearchIndex::phrase(v, true);
    } else if (f == QLatin1String("body")) {
        m.text = QStringLiteral("body : ") + SearchIndex::phrase(v);
    } else if (f == QLatin1String("header")) {
        const qsizetype eq = v.indexOf(QLatin1Char('='));
        const QString name = eq < 0 ? v : v.left(eq);
        QString words = QString::fromLatin1(SearchIndex::HeaderMark) + QLatin1Char(' ') + name +
                        QLatin1Char(' ') + QString::fromLatin1(SearchIndex::ValueMark);
        if (eq >= 0 && eq + 1 < v.size())
            words += QLatin1Char(' ') + v.mid(eq + 1);
        m.text = QStringLiteral("head : ") + SearchIndex::phrase(words, eq >= 0);
    }
    return m;
}

CaptureQuery::Sql CaptureQuery::compile(const Context &context) const
{
    Sql out;
    if (!isValid()) {
        out.condition = "0";
        return out;
    }
    compileNode(m_root, context, &out);
    return out;
}

void CaptureQuery::compileNode(const QueryNode &node, const Context &context, Sql *out) const
{
    switch (node.kind) {
    case QueryNode::Kind::Term:
        out->condition += "(";
        compileTerm(node, context, out);
        out->condition += ")";
        return;
    case QueryNode::Kind::Not:
        // a term over verdicts is NULL for a capture without a verdict: NOT must make it true
        out->condition += "NOT coalesce(";
        compileNode(node.children.first(), context, out);
        out->condition += ", 0)";
        return;
    case QueryNode::Kind::And:
    case QueryNode::Kind::Or:
        if (node.children.isEmpty()) {
            out->condition += "1";
            return;
        }
        out->condition += "(";
        for (qsizetype i = 0; i < node.children.size(); ++i) {
            if (i > 0)
                out->condition += node.kind == QueryNode::Kind::And ? " AND " : " OR ";
            compileNode(node.children.at(i), context, out);
        }
        out->condition += ")";
        return;
    }
}

void CaptureQuery::compileTerm(const QueryNode &node, const Context &context, Sql *out) const
{
    const QString &f = node.field;
    const QString &v = node.value;
    QByteArray &sql = out->condition;
    QVariantList &params = out->parameters;
    if (f.isEmpty()) {
        // free text: a phrase over the request line, the headers and the body; its last word
        // may be the start of a longer one; or the same in the capture's note
        const Match m = matchOf(node);
        sql += "(";
        textMatch(m.text, context, out);
        sql += " OR ";
        noteMatch(m.note, context, out);
        sql += ")";
    } else if (f == QLatin1String("note") && v == QLatin1String("*")) { // any note
        sql += "captures.id IN (SELECT capture_id FROM capture_marks WHERE note IS NOT NULL)";
    } else if (f == QLatin1String("note")) {
        noteMatch(matchOf(node).note, context, out);
    } else if (f == QLatin1String("is")) {
        // is:bookmarked, the one value the parser lets through
        sql += "captures.id IN (SELECT capture_id FROM capture_marks WHERE bookmarked = 1)";
    } else if (f == QLatin1String("body") || f == QLatin1String("header")) {
        textMatch(matchOf(node).text, context, out);
    } else if (f == QLatin1String("type")) {
        sql += "captures.id IN (SELECT capture_id FROM " + context.indexSchema +
               ".capture_meta WHERE event_type ";
        sql += v.contains(QLatin1Char('*')) ? "GLOB ?)" : "= ?)";
        params << (v.contains(QLatin1Char('*')) ? globOf(v) : v);
    } else if (f == QLatin1String("method")) {
        sql += "captures.method = ?";
        params << v.toUpper().toLatin1();
    } else if (f == QLatin1String("path")) {
        if (v.contains(QLatin1Char('*'))) {
            sql += "CAST(captures.target AS TEXT) GLOB ?";
            params << QString(QStringLiteral("*") + globOf(v) + QStringLiteral("*"));
        } else {
            sql += "instr(captures.target, ?) > 0";
            params << v.toUtf8();
        }
    } else if (f == QLatin1String("endpoint")) {
        sql += "captures.endpoint = ?";
        params << v;
    } else if (f == QLatin1String("provider")) {
        QStringList endpoints;
        for (auto it = context.endpointProviders.begin(); it != context.endpointProviders.end();
             ++it) {
            if (it.value().compare(v, Qt::CaseInsensitive) == 0)
                endpoints.append(it.key());
        }
        endpoints.sort();
        if (endpoints.isEmpty()) {
            sql += "0";
            return;
        }
        sql += "captures.endpoint IN (?";
        for (qsizetype i = 1; i < endpoints.size(); ++i)
            sql += ", ?";
        sql += ")";
        for (const QString &e : std::as_const(endpoints))
            params << e;
    } else if (f == QLatin1String("verdict")) {
        const QString lower = v.toLower();
        static const QHash<QString, CaptureFilter::Verdict> categories = {
            {QStringLiteral("pass"), CaptureFilter::Verdict::Pass},
            {QStringLiteral("fail"), CaptureFilter::Verdict::Fail},
            {QStringLiteral("stale"), CaptureFilter::Verdict::Stale},
            {QStringLiteral("no-secret"), CaptureFilter::Verdict::NoSecret},
            {QStringLiteral("unverified"), CaptureFilter::Verdict::Unverified}};
        if (categories.contains(lower)) {
            sql += verdictCategory(categories.value(lower));
        } else {
            sql += "verdicts.reason = ?";
            params << v;
        }
    } else if (f == QLatin1String("hazard")) {
        // a cheap look for the code's text first, then the verdict JSON's hazards are read
        sql += "instr(verdicts.verdict_json, ?) > 0 AND EXISTS (SELECT 1 FROM "
               "json_each(verdicts.verdict_json, '$.hazards') WHERE "
               "json_extract(json_each.value, '$.code') = ?)";
        params << v.toUtf8() << v;
    } else if (f == QLatin1String("status")) {
        int low = 0, high = 0;
        QueryParser::statusRange(v, &low, &high);
        if (low == high) {
            sql += "captures.status = ?";
            params << qint64(low);
        } else if (low == INT_MIN) {
            sql += "captures.status <= ?";
            params << qint64(high);
        } else if (high == INT_MAX) {
            sql += "captures.status >= ?";
            params << qint64(low);
        } else {
            sql += "captures.status BETWEEN ? AND ?";
            params << qint64(low) << qint64(high);
        }
    } else if (f == QLatin1String("before") || f == QLatin1String("after")) {
        qint64 us = 0;
        QueryTime::resolve(v, context.now, &us);
        sql +=
            f == QLatin1String("before") ? "captures.received_us < ?" : "captures.received_us >= ?";
        params << us;
    } else if (f == QLatin1String("forward")) {
        static const QHash<QString, CaptureFilter::Forward> states = {
            {QStringLiteral("none"), CaptureFilter::Forward::None},
            {QStringLiteral("queued"), CaptureFilter::Forward::Queued},
            {QStringLiteral("retrying"), CaptureFilter::Forward::Retrying},
            {QStringLiteral("delivered"), CaptureFilter::Forward::Delivered},
            {QStringLiteral("dead"), CaptureFilter::Forward::Dead},
            {QStringLiteral("skipped"), CaptureFilter::Forward::Skipped}};
        CaptureFilter filter;
        filter.forward = states.value(v.toLower(), CaptureFilter::Forward::Any);
        sql += filter.sqlCondition();
        for (const QString &p : filter.sqlParameters())
            params << p;
    } else {
        sql += "0";
    }
}
