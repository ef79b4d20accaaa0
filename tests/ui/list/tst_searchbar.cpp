#include "../../core/store/StoreTestCaptures.h"
#include "core/pipeline/SearchIndexer.h"
#include "core/store/CaptureStore.h"
#include "ui/list/QueryRunner.h"
#include "ui/list/RequestListModel.h"
#include "ui/list/SearchBar.h"

#include <QApplication>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QTest>

// The query bar offscreen, over a real store and its search index.
class SearchBarTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

    QVector<qint64> rows(const RequestListModel &model)
    {
        QVector<qint64> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids.append(model.captureId(r));
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("settings"));
        QCoreApplication::setOrganizationName(QStringLiteral("hookbench-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_searchbar"));
        m_path = m_dir.filePath(QStringLiteral("captures.sqlite"));
        CaptureStore store;
        QVERIFY(store.open(m_path));
        QList<NewCapture> cs;
        for (int n = 1; n <= 6; ++n) {
            cs << storeTestCapture(n, n % 2 ? QByteArray(R"({"type":"invoice.paid"})")
                                            : QByteArray(R"({"type":"customer.created"})"));
            cs.last().summary.status = n <= 3 ? 200 : 500;
            cs.last().summary.endpointId = n <= 4 ? QStringLiteral("stripe-prod") : QString();
        }
        QVERIFY(store.append(cs));
        store.close();
        QString error;
        QVERIFY2(SearchIndexer::catchUp(m_path, &error), qPrintable(error));
    }

    void coloursItselfAsYouType()
    {
        RequestListModel model;
        SearchBar bar(&model);
        const QColor normal = bar.edit()->palette().color(QPalette::Base);
        QTest::keyClicks(bar.edit(), QStringLiteral("status:"));
        QVERIFY(!bar.isValid());
        QCOMPARE(bar.edit()->property("queryValid").toBool(), false);
        QVERIFY(bar.edit()->palette().color(QPalette::Base) != normal);
        QVERIFY(bar.edit()->toolTip().startsWith(QLatin1String("column 8:")));
        QVERIFY(bar.status()->text().contains(QLatin1String("expects a value")));
        QTest::keyClicks(bar.edit(), QStringLiteral(">=400"));
        QVERIFY(bar.isValid());
        QCOMPARE(bar.edit()->palette().color(QPalette::Base), normal);

        // dark palettes get a dark tint, still distinct from their base
        QPalette dark = bar.palette();
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        bar.setPalette(dark);
        bar.edit()->clear();
        QTest::keyClicks(bar.edit(), QStringLiteral("(a"));
        QVERIFY(!bar.isValid());
        QVERIFY(bar.edit()->palette().color(QPalette::Base).lightness() < 128);
        QVERIFY(bar.edit()->palette().color(QPalette::Base) != QColor(0x20, 0x20, 0x20));
    }

    void completesFieldNamesAndValues()
    {
        RequestListModel model;
        SearchBar bar(&model);
        QTest::keyClicks(bar.edit(), QStringLiteral("invoice sta"));
        auto *completions = qobject_cast<QStringListModel *>(bar.completer()->model());
        QVERIFY(completions);
        QVERIFY(completions->stringList().contains(QStringLiteral("status:")));
        QCOMPARE(bar.completer()->completionPrefix(), QStringLiteral("sta"));
        QCOMPARE(bar.completer()->currentCompletion(), QStringLiteral("status:"));
        bar.edit()->clear();
        QTest::keyClicks(bar.edit(), QStringLiteral("verdict:"));
        QVERIFY(completions->stringList().contains(QStringLiteral("verdict:no-secret")));
        // choosing one replaces the word being typed
        bar.edit()->clear();
        QTest::keyClicks(bar.edit(), QStringLiteral("a meth"));
        Q_EMIT bar.completer()->activated(QStringLiteral("method:"));
        QCOMPARE(bar.edit()->text(), QStringLiteral("a method:"));
    }

    void applyingAQueryFiltersTheModel()
    {
        RequestListModel model;
        QVERIFY(model.open(m_path, nullptr));
        QCOMPARE(model.rowCount(), 6);
        SearchBar bar(&model);
        QSignalSpy applied(&bar, &SearchBar::applied);
        bar.edit()->setText(QStringLiteral("invoice status:500"));
        bar.apply();
        QVERIFY(applied.wait(10000));
        QCOMPARE(rows(model), QVector<qint64>({5}));
        QVERIFY(model.searchActive());
        QCOMPARE(bar.status()->text(), QStringLiteral("1 match"));

        // an invalid query is not applied: the rows stay
        bar.edit()->setText(QStringLiteral("status:abc"));
        bar.apply();
        QCOMPARE(rows(model), QVector<qint64>({5}));

        // the combos' filter (here, by endpoint) is ANDed with the query
        CaptureFilter filter;
        filter.endpointId = QStringLiteral("stripe-prod");
        model.setFilter(filter);
        bar.edit()->setText(QStringLiteral("status:>=400"));
        bar.apply();
        QVERIFY(applied.wait(10000));
        QCOMPARE(rows(model), QVector<qint64>({4}));

        // an empty query shows every capture the combos let through
        bar.edit()->clear();
        bar.apply();
        QVERIFY(!model.searchActive());
        QCOMPARE(rows(model), QVector<qint64>({1, 2, 3, 4}));
    }

    void aNewerQueryWins()
    {
        RequestListModel model;
        QVERIFY(model.open(m_path, nullptr));
        SearchBar bar(&model);
        QSignalSpy applied(&bar, &SearchBar::applied);
        bar.edit()->setText(QStringLiteral("status:200"));
        bar.apply();
        bar.edit()->setText(QStringLiteral("customer"));
        bar.apply();
        QVERIFY(applied.wait(10000));
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.first().first().toString(), QStringLiteral("customer"));
        QCOMPARE(rows(model), QVector<qint64>({2, 4, 6}));
        QVERIFY(!bar.runner()->isRunning());
    }

    void keepsHistoryAndSavedFilters()
    {
        RequestListModel model;
        QVERIFY(model.open(m_path, nullptr));
        SearchBar bar(&model);
        QSignalSpy applied(&bar, &SearchBar::applied);
        bar.edit()->setText(QStringLiteral("method:post"));
        bar.apply();
        QVERIFY(applied.wait(10000));
        bar.edit()->setText(QStringLiteral("status:5xx"));
        bar.apply();
        QVERIFY(applied.wait(10000));
        QCOMPARE(bar.history().mid(0, 2),
                 QStringList({QStringLiteral("status:5xx"), QStringLiteral("method:post")}));
        bar.saveAs(QStringLiteral("Server errors"));
        {
            SearchBar other(&model); // a new window reads them back
            QVERIFY(other.savedNames().contains(QStringLiteral("Server errors")));
            QCOMPARE(other.history().first(), QStringLiteral("status:5xx"));
            QSignalSpy otherApplied(&other, &SearchBar::applied);
            other.edit()->clear();
            other.applySaved(QStringLiteral("Server errors"));
            QCOMPARE(other.edit()->text(), QStringLiteral("status:5xx"));
            QVERIFY(otherApplied.wait(10000));
            QCOMPARE(rows(model), QVector<qint64>({4, 5, 6}));
        }
    }
};

QTEST_MAIN(SearchBarTest)
#include "tst_searchbar.moc"
