// Bookmarks and notes in exports: HAR carries the note in the entry's `comment` (HAR 1.2) and
// the bookmark in `_hookbench`; JSONL lines get "note" and "bookmarked" when set.
#include "core/io/CaptureExporter.h"
#include "core/store/CaptureMarks.h"
#include "core/store/CaptureStore.h"
#include "tests/core/store/StoreTestCaptures.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestMarkExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    QByteArray exported(CaptureExporter::Format format)
    {
        CaptureStore store;
        if (!store.openReadOnly(m_path))
            return {};
        CaptureExporter::Options options;
        options.format = format;
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        QString error;
        if (!CaptureExporter::write(store, options, &out, &error))
            qWarning() << error;
        return out.data();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("e.sqlite"));
        CaptureStore store;
        QVERIFY(store.open(m_path));
        QList<NewCapture> cs{storeTestCapture(1), storeTestCapture(2), storeTestCapture(3)};
        QVERIFY(store.append(cs));
        CaptureMarks marks(store);
        QVERIFY(marks.setBookmarked({1}, true));
        QVERIFY(marks.setNote(1, QStringLiteral("Stripe retried \"evt_1\" – Zoë")));
        QVERIFY(marks.setBookmarked({2}, true));
        QVERIFY(marks.setBookmarked({2}, false)); // cleared: nothing exported
    }

    void harComment()
    {
        const QJsonDocument har = QJsonDocument::fromJson(exported(CaptureExporter::Format::Har));
        const QJsonArray entries = har.object().value("log").toObject().value("entries").toArray();
        QCOMPARE(entries.size(), 3);
        const QJsonObject first = entries.at(0).toObject();
        QCOMPARE(first.value("comment").toString(),
                 QStringLiteral("Stripe retried \"evt_1\" – Zoë"));
        QCOMPARE(first.value("_hookbench").toObject().value("bookmarked"), QJsonValue(true));
        for (int i : {1, 2}) {
            const QJsonObject e = entries.at(i).toObject();
            QVERIFY(!e.contains("comment"));
            QVERIFY(!e.value("_hookbench").toObject().contains("bookmarked"));
        }
    }

    void jsonlFields()
    {
        const QList<QByteArray> lines =
            exported(CaptureExporter::Format::Jsonl).trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(first.value("note").toString(), QStringLiteral("Stripe retried \"evt_1\" – Zoë"));
        QCOMPARE(first.value("bookmarked"), QJsonValue(true));
        const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
        QVERIFY(!second.isEmpty());
        QVERIFY(!second.contains("note"));
        QVERIFY(!second.contains("bookmarked"));
    }
};

QTEST_GUILESS_MAIN(TestMarkExport)
#include "tst_markexport.moc"
