#include "core/store/CaptureStore.h"
#include "ui/list/RuleMatchCache.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QJsonValue pattern(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

AppConfig config(const char *wantedType)
{
    EndpointConfig shop;
    shop.id = "shop";
    shop.path = "/shop";
    EventBridgeForwardTarget bus;
    bus.source = "com.example.shop";
    bus.detailType = "/type";
    shop.forward.eventBridge = bus;
    shop.rules = {
        {"type", pattern(QByteArray(R"({"detail-type":[")") + wantedType + QByteArray("\"]}"))},
        {"shop", pattern(R"({"source":["com.example.shop"]})")}};
    AppConfig c;
    c.endpoints = {shop};
    return c;
}

} // namespace

class TestRuleMatchCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void answersOnAWorkerThenFromTheCache();
    void newRulesDropTheCache();
    void endpointsWithoutRulesAreNotAsked();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QVector<qint64> m_ids;
};

void TestRuleMatchCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath("s.sqlite");
    CaptureStore store;
    QVERIFY(store.open(m_path));
    QList<NewCapture> batch;
    for (const QByteArray type : {"order.paid", "order.created"}) {
        const QByteArray body = R"({"type":")" + type + R"("})";
        NewCapture c;
        c.summary.method = "POST";
        c.summary.target = "/shop";
        c.summary.endpointId = "shop";
        c.summary.verdictReason = "ok";
        c.raw = "POST /shop HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n" + body;
        batch.append(c);
    }
    QVERIFY(store.append(batch));
    m_ids = {batch[0].summary.id, batch[1].summary.id};
}

void TestRuleMatchCache::answersOnAWorkerThenFromTheCache()
{
    RuleMatchCache cache;
    cache.setStorePath(m_path);
    cache.setRules(CompiledRules::compile(config("order.paid")));
    QVERIFY(cache.hasRules("shop"));
    QSignalSpy ready(&cache, &RuleMatchCache::ready);
    QVERIFY(!cache.lookup(m_ids[0], "shop"));
    QVERIFY(!cache.lookup(m_ids[0], "shop")); // asked once, not twice
    QVERIFY(!cache.lookup(m_ids[1], "shop"));
    QTRY_COMPARE(ready.count(), 2);
    QCOMPARE(ready.at(0).first().toLongLong(), m_ids[0]);
    const RuleMatchCache::Entry *paid = cache.lookup(m_ids[0], "shop");
    QVERIFY(paid);
    QCOMPARE(paid->text, QString("2/2 rules"));
    QCOMPARE(paid->matching, QStringList({"type", "shop"}));
    const RuleMatchCache::Entry *created = cache.lookup(m_ids[1], "shop");
    QVERIFY(created);
    QCOMPARE(created->text, QString("1/2 rules"));
    QCOMPARE(created->matching, QStringList({"shop"}));

    cache.invalidate(m_ids[0]);
    QVERIFY(!cache.lookup(m_ids[0], "shop"));
    QVERIFY(ready.wait(10000));
    QCOMPARE(ready.count(), 3);
}

void TestRuleMatchCache::newRulesDropTheCache()
{
    RuleMatchCache cache;
    cache.setStorePath(m_path);
    cache.setRules(CompiledRules::compile(config("order.paid")));
    QSignalSpy ready(&cache, &RuleMatchCache::ready);
    QVERIFY(!cache.lookup(m_ids[1], "shop"));
    QVERIFY(ready.wait(10000));
    QCOMPARE(cache.lookup(m_ids[1], "shop")->text, QString("1/2 rules"));

    cache.setRules(CompiledRules::compile(config("order.created")));
    QVERIFY(!cache.lookup(m_ids[1], "shop"));
    QVERIFY(ready.wait(10000));
    QCOMPARE(cache.lookup(m_ids[1], "shop")->text, QString("2/2 rules"));
}

void TestRuleMatchCache::endpointsWithoutRulesAreNotAsked()
{
    RuleMatchCache cache;
    cache.setStorePath(m_path);
    AppConfig none = config("x");
    none.endpoints[0].rules.clear();
    cache.setRules(CompiledRules::compile(none));
    QVERIFY(!cache.hasRules("shop"));
    QVERIFY(!cache.hasRules(""));
    QSignalSpy ready(&cache, &RuleMatchCache::ready);
    QVERIFY(!cache.lookup(m_ids[0], "shop"));
    cache.waitForIdle();
    QCoreApplication::processEvents();
    QCOMPARE(ready.count(), 0);
}

QTEST_GUILESS_MAIN(TestRuleMatchCache)
#include "tst_rulematchcache.moc"
