#include "core/store/CaptureQuery.h"
#include "core/store/QueryParser.h"
#include "core/store/QueryTime.h"

#include <QTest>

// The tree as a compact string: and(..), or(..), not(..), field:value, "text".
static QString shape(const QueryNode &n)
{
    auto list = [&](const char *name) -> QString {
        QStringList parts;
        for (const QueryNode &c : n.children)
            parts.append(shape(c));
        return QString::fromLatin1(name) + QLatin1Char('(') + parts.join(QLatin1Char(' ')) +
               QLatin1Char(')');
    };
    switch (n.kind) {
    case QueryNode::Kind::And:
        return list("and");
    case QueryNode::Kind::Or:
        return list("or");
    case QueryNode::Kind::Not:
        return list("not");
    case QueryNode::Kind::Term:
        break;
    }
    if (n.field.isEmpty())
        return QLatin1Char('"') + n.value + QLatin1Char('"');
    return n.field + QLatin1Char(':') + n.value;
}

class QueryParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("tree");
        QTest::newRow("empty") << QStringLiteral("") << QStringLiteral("and()");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("and()");
        QTest::newRow("text") << QStringLiteral("cus_123") << QStringLiteral("\"cus_123\"");
        QTest::newRow("quoted text")
            << QStringLiteral("\"hello world\"") << QStringLiteral("\"hello world\"");
        QTest::newRow("escaped quote")
            << QStringLiteral("\"say \\\"hi\\\"\"") << QStringLiteral("\"say \"hi\"\"");
        QTest::newRow("method") << QStringLiteral("method:POST") << QStringLiteral("method:POST");
        QTest::newRow("path") << QStringLiteral("path:/hooks/*/stripe")
                              << QStringLiteral("path:/hooks/*/stripe");
        QTest::newRow("endpoint") << QStringLiteral("endpoint:stripe-prod")
                                  << QStringLiteral("endpoint:stripe-prod");
        QTest::newRow("endpoint none")
            << QStringLiteral("endpoint:\"\"") << QStringLiteral("endpoint:");
        QTest::newRow("provider") << QStringLiteral("provider:stripe")
                                  << QStringLiteral("provider:stripe");
        QTest::newRow("verdict") << QStringLiteral("verdict:no-secret")
                                 << QStringLiteral("verdict:no-secret");
        QTest::newRow("verdict reason") << QStringLiteral("verdict:signature_mismatch")
                                        << QStringLiteral("verdict:signature_mismatch");
        QTest::newRow("hazard") << QStringLiteral("hazard:secret_whitespace")
                                << QStringLiteral("hazard:secret_whitespace");
        QTest::newRow("status >=")
            << QStringLiteral("status:>=400") << QStringLiteral("status:>=400");
        QTest::newRow("status range")
            << QStringLiteral("status:400..499") << QStringLiteral("status:400..499");
        QTest::newRow("status class")
            << QStringLiteral("status:5xx") << QStringLiteral("status:5xx");
        QTest::newRow("header") << QStringLiteral("header:stripe-signature")
                                << QStringLiteral("header:stripe-signature");
        QTest::newRow("header value") << QStringLiteral("header:content-type=\"application/json\"")
                                      << QStringLiteral("header:content-type=application/json");
        QTest::newRow("body") << QStringLiteral("body:\"cus_123 x\"")
                              << QStringLiteral("body:cus_123 x");
        QTest::newRow("type") << QStringLiteral("type:customer.*")
                              << QStringLiteral("type:customer.*");
        QTest::newRow("before") << QStringLiteral("before:2024-05-01")
                                << QStringLiteral("before:2024-05-01");
        QTest::newRow("after") << QStringLiteral("after:2h") << QStringLiteral("after:2h");
        QTest::newRow("after datetime") << QStringLiteral("after:2024-05-01T10:30:00Z")
                                        << QStringLiteral("after:2024-05-01T10:30:00Z");
        QTest::newRow("forward") << QStringLiteral("forward:dead")
                                 << QStringLiteral("forward:dead");
        QTest::newRow("field case") << QStringLiteral("STATUS:200") << QStringLiteral("status:200");
        QTest::newRow("implicit and")
            << QStringLiteral("a b c") << QStringLiteral("and(\"a\" \"b\" \"c\")");
        QTest::newRow("explicit and")
            << QStringLiteral("a and b") << QStringLiteral("and(\"a\" \"b\")");
        QTest::newRow("or") << QStringLiteral("a or b") << QStringLiteral("or(\"a\" \"b\")");
        QTest::newRow("and binds tighter than or")
            << QStringLiteral("a b or c and d")
            << QStringLiteral("or(and(\"a\" \"b\") and(\"c\" \"d\"))");
        QTest::newRow("not binds tightest")
            << QStringLiteral("not a b") << QStringLiteral("and(not(\"a\") \"b\")");
        QTest::newRow("minus") << QStringLiteral("-a b") << QStringLiteral("and(not(\"a\") \"b\")");
        QTest::newRow("minus field")
            << QStringLiteral("-status:200") << QStringLiteral("not(status:200)");
        QTest::newRow("parentheses")
            << QStringLiteral("a (b or c)") << QStringLiteral("and(\"a\" or(\"b\" \"c\"))");
        QTest::newRow("nested") << QStringLiteral("not (a or (b -c))")
                                << QStringLiteral("not(or(\"a\" and(\"b\" not(\"c\"))))");
        QTest::newRow("keywords any case") << QStringLiteral("a OR b AND NOT c")
                                           << QStringLiteral("or(\"a\" and(\"b\" not(\"c\")))");
        QTest::newRow("quoted keyword is text")
            << QStringLiteral("\"or\"") << QStringLiteral("\"or\"");
        QTest::newRow("inner hyphen")
            << QStringLiteral("x-github-event") << QStringLiteral("\"x-github-event\"");
    }
    void parses()
    {
        QFETCH(QString, query);
        QFETCH(QString, tree);
        const QueryParser::Result r = QueryParser::parse(query);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(shape(r.root), tree);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("status word")
            << QStringLiteral("method:POST status:abc") << 20
            << QStringLiteral("column 20: `status:` expects a number or a range such as 400..499 "
                              "(or >=400, <300, 4xx)");
        QTest::newRow("status backwards range")
            << QStringLiteral("status:499..400") << 8 << QStringLiteral("");
        QTest::newRow("unknown field") << QStringLiteral("a stauts:200") << 3 << QStringLiteral("");
        QTest::newRow("open quote")
            << QStringLiteral("body:\"abc") << 6
            << QStringLiteral("column 6: the quote opened here is never closed");
        QTest::newRow("unclosed paren")
            << QStringLiteral("a (b or c") << 3
            << QStringLiteral("column 3: the `(` opened here is never closed");
        QTest::newRow("stray close") << QStringLiteral("a b)") << 4
                                     << QStringLiteral("column 4: `)` without a matching `(`");
        QTest::newRow("empty parens")
            << QStringLiteral("()") << 2 << QStringLiteral("column 2: `()` holds no term");
        QTest::newRow("dangling or") << QStringLiteral("a or") << 3
                                     << QStringLiteral("column 3: `or` expects a term after it");
        QTest::newRow("leading and") << QStringLiteral("and a") << 1
                                     << QStringLiteral("column 1: `and` expects a term before it");
        QTest::newRow("double or") << QStringLiteral("a or or b") << 6
                                   << QStringLiteral("column 6: `or` expects a term after it");
        QTest::newRow("dangling not") << QStringLiteral("a not") << 3
                                      << QStringLiteral("column 3: `not` expects a term after it");
        QTest::newRow("verdict") << QStringLiteral("verdict:maybe!") << 9 << QStringLiteral("");
        QTest::newRow("forward")
            << QStringLiteral("forward:lost") << 9
            << QStringLiteral(
                   "column 9: `forward:` expects none|queued|retrying|delivered|dead|skipped");
        QTest::newRow("after") << QStringLiteral("after:soon") << 7 << QStringLiteral("");
        QTest::newRow("before bad date")
            << QStringLiteral("before:2024-13-45") << 8 << QStringLiteral("");
        QTest::newRow("method") << QStringLiteral("method:PO-ST") << 8 << QStringLiteral("");
        QTest::newRow("header") << QStringLiteral("header:=x") << 8 << QStringLiteral("");
        QTest::newRow("empty value") << QStringLiteral("status:") << 8
                                     << QStringLiteral("column 8: `status:` expects a value");
        QTest::newRow("empty quotes")
            << QStringLiteral("\"\"") << 1
            << QStringLiteral("column 1: empty quotes search for nothing");
    }
    void errors()
    {
        QFETCH(QString, query);
        QFETCH(int, column);
        QFETCH(QString, message);
        const CaptureQuery q = CaptureQuery::parse(query);
        QVERIFY(!q.isValid());
        QCOMPARE(q.errorColumn(), column);
        QVERIFY2(q.errorString().startsWith(QStringLiteral("column %1: ").arg(column)),
                 qPrintable(q.errorString()));
        if (!message.isEmpty())
            QCOMPARE(q.errorString(), message);
        QCOMPARE(q.compile({}).condition, QByteArray("0"));
    }

    void statusRanges_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("low");
        QTest::addColumn<int>("high");
        QTest::newRow("exact") << QStringLiteral("404") << 404 << 404;
        QTest::newRow("=") << QStringLiteral("=404") << 404 << 404;
        QTest::newRow(">=") << QStringLiteral(">=400") << 400 << INT_MAX;
        QTest::newRow(">") << QStringLiteral(">399") << 400 << INT_MAX;
        QTest::newRow("<") << QStringLiteral("<300") << INT_MIN << 299;
        QTest::newRow("<=") << QStringLiteral("<=299") << INT_MIN << 299;
        QTest::newRow("range") << QStringLiteral("400..499") << 400 << 499;
        QTest::newRow("class") << QStringLiteral("4xx") << 400 << 499;
    }
    void statusRanges()
    {
        QFETCH(QString, value);
        QFETCH(int, low);
        QFETCH(int, high);
        int l = 0, h = 0;
        QVERIFY(QueryParser::statusRange(value, &l, &h));
        QCOMPARE(l, low);
        QCOMPARE(h, high);
    }

    void times()
    {
        const QDateTime now(QDate(2024, 5, 10), QTime(12, 0), Qt::LocalTime);
        const qint64 nowUs = now.toMSecsSinceEpoch() * 1000;
        qint64 us = 0;
        QVERIFY(QueryTime::resolve(QStringLiteral("15m"), now, &us));
        QCOMPARE(us, nowUs - 15 * 60 * 1000000ll);
        QVERIFY(QueryTime::resolve(QStringLiteral("2h"), now, &us));
        QCOMPARE(us, nowUs - 2 * 3600 * 1000000ll);
        QVERIFY(QueryTime::resolve(QStringLiteral("3d"), now, &us));
        QCOMPARE(us, nowUs - 3 * 86400 * 1000000ll);
        QVERIFY(QueryTime::resolve(QStringLiteral("today"), now, &us));
        QCOMPARE(us, QDateTime(QDate(2024, 5, 10), QTime(0, 0)).toMSecsSinceEpoch() * 1000);
        QVERIFY(QueryTime::resolve(QStringLiteral("yesterday"), now, &us));
        QCOMPARE(us, QDateTime(QDate(2024, 5, 9), QTime(0, 0)).toMSecsSinceEpoch() * 1000);
        QVERIFY(QueryTime::resolve(QStringLiteral("2024-05-01"), now, &us));
        QCOMPARE(us, QDateTime(QDate(2024, 5, 1), QTime(0, 0)).toMSecsSinceEpoch() * 1000);
        QVERIFY(QueryTime::resolve(QStringLiteral("2024-05-01T10:30:00Z"), now, &us));
        QCOMPARE(us,
                 QDateTime(QDate(2024, 5, 1), QTime(10, 30), Qt::UTC).toMSecsSinceEpoch() * 1000);
        QVERIFY(QueryTime::resolve(QStringLiteral("2024-05-01 10:30"), now, &us));
        QCOMPARE(us, QDateTime(QDate(2024, 5, 1), QTime(10, 30)).toMSecsSinceEpoch() * 1000);
        QVERIFY(!QueryTime::resolve(QStringLiteral("2024-02-30"), now, &us));
        QVERIFY(!QueryTime::resolve(QStringLiteral("5y"), now, &us));
    }

    void compilesWithBoundParameters()
    {
        const CaptureQuery q =
            CaptureQuery::parse(QStringLiteral("endpoint:\"x' OR 1=1 --\" status:>=400"));
        QVERIFY(q.isValid());
        const CaptureQuery::Sql sql = q.compile({});
        QVERIFY2(!sql.condition.contains("OR 1=1"), sql.condition.constData());
        QCOMPARE(sql.condition.count('?'), 2);
        QCOMPARE(sql.parameters.size(), 2);
        QCOMPARE(sql.parameters.at(0).toString(), QStringLiteral("x' OR 1=1 --"));
        QCOMPARE(sql.parameters.at(1).toLongLong(), 400);
        QVERIFY(!q.usesSearchIndex());
        QVERIFY(CaptureQuery::parse(QStringLiteral("status:200 or cus_1")).usesSearchIndex());
        QVERIFY(CaptureQuery::parse(QStringLiteral("type:x")).usesSearchIndex());
        QVERIFY(CaptureQuery::parse(QStringLiteral("")).isEmpty());
        QCOMPARE(CaptureQuery::parse(QStringLiteral("")).compile({}).condition, QByteArray("1"));
    }

    void providerNamesItsEndpoints()
    {
        CaptureQuery::Context context;
        context.endpointProviders = {{QStringLiteral("b"), QStringLiteral("stripe")},
                                     {QStringLiteral("a"), QStringLiteral("stripe")},
                                     {QStringLiteral("c"), QStringLiteral("github")}};
        const CaptureQuery::Sql sql =
            CaptureQuery::parse(QStringLiteral("provider:Stripe")).compile(context);
        QCOMPARE(sql.condition, QByteArray("(captures.endpoint IN (?, ?))"));
        QCOMPARE(sql.parameters, QVariantList({QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(CaptureQuery::parse(QStringLiteral("provider:nobody")).compile(context).condition,
                 QByteArray("(0)"));
    }
};

QTEST_GUILESS_MAIN(QueryParserTest)
#include "tst_queryparser.moc"
