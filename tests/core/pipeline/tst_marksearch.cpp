#include "core/pipeline/CaptureSession.h"
#include "core/pipeline/SearchIndexer.h"
#include "core/store/CaptureMarks.h"
#include "core/store/CaptureQuery.h"
#include "core/store/CaptureSearch.h"
#include "core/store/CaptureStore.h"
#include "core/store/SearchIndex.h"
#include "core/store/TextIdsQuery.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

namespace {

NewCapture make(int n, const QByteArray &body)
{
    NewCapture c;
    c.raw = "POST /hook" + QByteArray::number(n) +
            " HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    c.summary.receivedAtUs = 1763779200000000 + n;
    c.summary.peer = QStringLiteral("127.0.0.1:5000");
    c.summary.method = "POST";
    c.summary.target = "/hook" + QByteArray::number(n);
    c.summary.bodySize = body.size();
    c.summary.status = 200;
    return c;
}

} // namespace

// Bookmarks and notes written through the session's one writer, then found by the query
// language (is:bookmarked, note:, free text) over the real store and its search index.
class TestMarkSearch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    CaptureSession m_session;

    QVector<qint64> run(const QString &text)
    {
        QString error;
        if (!SearchIndexer::catchUp(m_path, &error))
            qWarning() << error;
        CaptureSearch search;
        if (!search.open(m_path, &error))
            qWarning() << error;
        const CaptureQuery q = CaptureQuery::parse(text);
        if (!q.isValid())
            qWarning() << q.errorString();
        const CaptureSearch::Result r = search.ids(q, {}, {});
        if (!r.ok)
            qWarning() << r.error;
        return r.ids;
    }

    // Through the writer; returns once marksChanged() says it is stored.
    bool bookmark(const QVector<qint64> &ids, bool on)
    {
        QSignalSpy changed(&m_session, &CaptureSession::marksChanged);
        m_session.setBookmarked(ids, on);
        return changed.wait(5000) && changed.first().first().value<QVector<qint64>>() == ids;
    }
    bool note(qint64 id, const QString &text)
    {
        QSignalSpy changed(&m_session, &CaptureSession::marksChanged);
        m_session.setNote(id, text);
        return changed.wait(5000) &&
               changed.first().first().value<QVector<qint64>>() == QVector<qint64>{id};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("captures.sqlite"));
        {
            CaptureStore store;
            QVERIFY2(store.open(m_path), qPrintable(store.errorString()));
            QList<NewCapture> cs{make(1, R"({"type":"invoice.paid"})"),
                                 make(2, R"({"type":"customer.created"})"),
                                 make(3, R"({"type":"charge.failed"})"), make(4, "plain body")};
            QVERIFY(store.append(cs));
        }
        QString error;
        QVERIFY2(m_session.open(m_path, &error), qPrintable(error));
    }

    void bookmarksThroughTheWriter()
    {
        QVERIFY(bookmark({1, 3, 4}, true));
        QCOMPARE(run("is:bookmarked"), (QVector<qint64>{1, 3, 4}));
        QVERIFY(bookmark({4}, false));
        QCOMPARE(run("is:bookmarked"), (QVector<qint64>{1, 3}));
        QCOMPARE(run("not is:bookmarked"), (QVector<qint64>{2, 4}));
        QCOMPARE(run("-is:BOOKMARKED"), (QVector<qint64>{2, 4}));
        QCOMPARE(run("is:bookmarked and invoice"), QVector<qint64>{1});
    }

    void notesThroughTheWriter()
    {
        QVERIFY(note(2, QStringLiteral("Retried by Stripe after the outage, see INC-42")));
        QVERIFY(note(4, QStringLiteral("Café test from Zoë")));
        QCOMPARE(run("note:outage"), QVector<qint64>{2});
        QCOMPARE(run("note:\"after the outage\""), QVector<qint64>{2});
        QCOMPARE(run("note:\"outage after\""), QVector<qint64>{}); // a phrase, in order
        QCOMPARE(run("note:cafe"), QVector<qint64>{4});            // accents folded
        QCOMPARE(run("note:retr"), QVector<qint64>{2});            // last word a prefix
        QCOMPARE(run("note:*"), (QVector<qint64>{2, 4}));
        QCOMPARE(run("note:invoice"), QVector<qint64>{}); // bodies are not notes
        // Free text: bodies and headers as before, and notes too.
        QCOMPARE(run("zoe"), QVector<qint64>{4});
        QCOMPARE(run("invoice or outage"), (QVector<qint64>{1, 2}));
        QCOMPARE(run("customer"), QVector<qint64>{2}); // its body, not twice
        QCOMPARE(run("note:outage or is:bookmarked"), (QVector<qint64>{1, 2, 3}));
    }

    void changedAndClearedNotesAreReindexed()
    {
        QVERIFY(note(2, QStringLiteral("duplicate delivery")));
        QCOMPARE(run("note:outage"), QVector<qint64>{});
        QCOMPARE(run("note:duplicate"), QVector<qint64>{2});
        QVERIFY(note(2, QString()));
        QCOMPARE(run("note:duplicate"), QVector<qint64>{});
        QCOMPARE(run("note:*"), QVector<qint64>{4});
        QVERIFY(note(2, QStringLiteral("back again")));
        QCOMPARE(run("again"), QVector<qint64>{2});
    }

    void rebuiltIndexHoldsTheNotes()
    {
        // The index file is safe to delete: built again from the store, notes included.
        QString error;
        QVERIFY2(SearchIndexer::catchUp(m_path, &error), qPrintable(error));
        const QString index = SearchIndex::pathFor(m_path);
        QVERIFY(QFile::exists(index));
        m_session.close(); // its indexer holds the file
        QVERIFY(QFile::remove(index));
        QFile::remove(index + QStringLiteral("-wal"));
        QFile::remove(index + QStringLiteral("-shm"));
        QCOMPARE(run("note:cafe"), QVector<qint64>{4});
        QCOMPARE(run("back"), QVector<qint64>{2});
        QCOMPARE(run("is:bookmarked"), (QVector<qint64>{1, 3}));
        QVERIFY2(m_session.open(m_path, &error), qPrintable(error));
    }

    void sessionIndexerPicksUpANote()
    {
        // No catchUp here: the session's own indexer is woken by the note's write.
        QSignalSpy progress(&m_session, &CaptureSession::searchIndexProgress);
        QVERIFY(note(1, QStringLiteral("woken indexer")));
        CaptureSearch search;
        QString error;
        QVERIFY2(search.open(m_path, &error), qPrintable(error));
        const CaptureQuery q = CaptureQuery::parse(QStringLiteral("note:woken"));
        QVector<qint64> ids;
        // Each pass that copies notes reports progress: wait for passes until it is found.
        for (int turn = 0; turn < 10 && ids.isEmpty(); ++turn) {
            ids = search.ids(q, {}, {}).ids;
            if (ids.isEmpty() && progress.isEmpty())
                QVERIFY(progress.wait(10000));
            progress.clear();
        }
        QCOMPARE(ids, QVector<qint64>{1});
    }

    void queryErrors()
    {
        const CaptureQuery q = CaptureQuery::parse(QStringLiteral("is:starred"));
        QVERIFY(!q.isValid());
        QVERIFY2(q.errorString().contains("`is:` expects bookmarked"), qPrintable(q.errorString()));
        QVERIFY(!CaptureQuery::parse(QStringLiteral("note:")).isValid());
        QVERIFY(CaptureQuery::parse(QStringLiteral("note:x")).usesSearchIndex());
        QVERIFY(!CaptureQuery::parse(QStringLiteral("is:bookmarked")).usesSearchIndex());
    }

    void textOnlyQueriesMatchTheJoin()
    {
        // A query over the index alone is answered from FTS5 rowids (TextIdsQuery); the same
        // query beside a field term goes through the join over captures: the ids are the same.
        const QStringList queries = {QStringLiteral("invoice"),
                                     QStringLiteral("invoice or customer"),
                                     QStringLiteral("type -invoice"),
                                     QStringLiteral("type and not (charge or back)"),
                                     QStringLiteral("post -zoe"),
                                     QStringLiteral("back or cafe"),
                                     QStringLiteral("note:cafe or charge"),
                                     QStringLiteral("body:\"invoice.paid\""),
                                     QStringLiteral("header:content-length hook3"),
                                     QStringLiteral("nosuchword or plain")};
        const auto compare = [&] {
            for (const QString &q : queries) {
                QVERIFY2(TextIdsQuery::applies(CaptureQuery::parse(q)), qPrintable(q));
                const QString joined = QStringLiteral("(%1) -method:zzz").arg(q);
                QVERIFY(!TextIdsQuery::applies(CaptureQuery::parse(joined)));
                QCOMPARE(run(q), run(joined));
            }
        };
        QVERIFY(note(2, QStringLiteral("back again")));
        compare();
        QCOMPARE(run("type -invoice"), (QVector<qint64>{2, 3}));
        QCOMPARE(run("post -zoe"), (QVector<qint64>{1, 2, 3}));
        QCOMPARE(run("back or cafe"), (QVector<qint64>{2, 4}));
        QCOMPARE(run("note:cafe or charge"), (QVector<qint64>{3, 4}));
        for (const char *notText : {"-invoice", "invoice or -charge", "note:*", "is:bookmarked"})
            QVERIFY2(!TextIdsQuery::applies(CaptureQuery::parse(notText)), notText);
        // A hole in the store's ids (a deleted capture): the join answers, still the same.
        QSignalSpy removed(&m_session, &CaptureSession::capturesRemoved);
        m_session.removeCaptures({3});
        QVERIFY(removed.wait(5000));
        compare();
        QCOMPARE(run("type"), (QVector<qint64>{1, 2}));
        // Captures deleted behind the indexer's back keep their entries in the index: they are
        // looked up (a hole below the last id), or left out by the last id (the ids dense).
        const auto deleteStored = [&](qint64 id) {
            sqlite3 *db = nullptr;
            const QByteArray sql = "DELETE FROM captures WHERE id = " + QByteArray::number(id);
            const bool ok =
                sqlite3_open(m_path.toUtf8().constData(), &db) == SQLITE_OK &&
                sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK &&
                sqlite3_changes(db) == 1;
            sqlite3_close(db);
            return ok;
        };
        QVERIFY(deleteStored(2));
        compare();
        QCOMPARE(run("type or back"), QVector<qint64>{1});
        QVERIFY(deleteStored(4));
        compare();
        QCOMPARE(run("back or cafe or plain"), QVector<qint64>{});
        QCOMPARE(run("post"), QVector<qint64>{1});
    }
};

QTEST_GUILESS_MAIN(TestMarkSearch)
#include "tst_marksearch.moc"
