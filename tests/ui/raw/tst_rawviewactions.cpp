#include "ui/raw/ByteView.h"
#include "ui/raw/RawViewActions.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QTest>

// The View menu's Soft Wrap and Line-End Marks toggles: applied to every text view, remembered.
class TestRawViewActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void defaultsOnAndAppliedToEveryView();
    void togglesAreRememberedAcrossInstances();
};

void TestRawViewActions::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("HookbenchTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_rawviewactions"));
    QSettings().clear();
}

void TestRawViewActions::cleanup()
{
    QSettings().clear();
}

void TestRawViewActions::defaultsOnAndAppliedToEveryView()
{
    QMenu menu;
    ByteView raw;
    ByteView body;
    raw.setSoftWrap(false);
    body.setLineEndMarks(false);
    RawViewActions actions(&menu, {&raw, &body});

    QVERIFY(menu.actions().contains(actions.softWrapAction()));
    QVERIFY(menu.actions().contains(actions.lineEndMarksAction()));
    QCOMPARE(actions.softWrapAction()->shortcut(), QKeySequence(Qt::ALT | Qt::Key_Z));
    QCOMPARE(actions.lineEndMarksAction()->shortcut(),
             QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Z));
    QVERIFY(actions.softWrapAction()->isChecked());
    QVERIFY(raw.softWrap() && body.softWrap());
    QVERIFY(raw.lineEndMarks() && body.lineEndMarks());

    actions.softWrapAction()->trigger();
    QVERIFY(!raw.softWrap());
    QVERIFY(!body.softWrap());
    actions.lineEndMarksAction()->trigger();
    QVERIFY(!raw.lineEndMarks());
    QVERIFY(!body.lineEndMarks());
}

void TestRawViewActions::togglesAreRememberedAcrossInstances()
{
    {
        QMenu menu;
        ByteView view;
        RawViewActions actions(&menu, {&view});
        actions.softWrapAction()->trigger();
    }
    QCOMPARE(QSettings().value(RawViewActions::kSoftWrapKey).toBool(), false);

    QMenu menu;
    ByteView view;
    RawViewActions actions(&menu, {&view});
    QVERIFY(!actions.softWrapAction()->isChecked());
    QVERIFY(!view.softWrap());
    QVERIFY(actions.lineEndMarksAction()->isChecked());
    QVERIFY(view.lineEndMarks());

    actions.lineEndMarksAction()->trigger();
    QCOMPARE(QSettings().value(RawViewActions::kLineEndMarksKey).toBool(), false);
}

QTEST_MAIN(TestRawViewActions)
#include "tst_rawviewactions.moc"
