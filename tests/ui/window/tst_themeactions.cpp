// View > Theme: the palette applied to the application, remembered, and System giving back what
// the application started with.
#include "ui/verdict/VerdictStyle.h"
#include "ui/window/ThemeActions.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>

class TestThemeActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config.path()));
        QCoreApplication::setOrganizationName(QStringLiteral("hookbench-tests"));
        QSettings().remove(QLatin1String(ThemeActions::SettingsKey));
        m_startPalette = QApplication::palette();
        m_startStyle = QApplication::style()->name();
    }

    void darkAppliesRemembersAndComesBack()
    {
        QMenu menu;
        {
            ThemeActions themes(&menu);
            QCOMPARE(themes.theme(), ThemeActions::Theme::System); // nothing remembered yet
            QVERIFY(themes.action(ThemeActions::Theme::System)->isChecked());
            themes.action(ThemeActions::Theme::Dark)->trigger();
            QCOMPARE(themes.theme(), ThemeActions::Theme::Dark);
            QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
            QVERIFY(QApplication::palette().color(QPalette::Text).lightness() > 180);
            QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
            QVERIFY(VerdictStyle::isDark(QApplication::palette()));
            QCOMPARE(QSettings().value(QLatin1String(ThemeActions::SettingsKey)).toString(),
                     QStringLiteral("dark"));
        }
        {
            // the next start applies the remembered theme
            QMenu next;
            ThemeActions themes(&next);
            QCOMPARE(themes.theme(), ThemeActions::Theme::Dark);
            QVERIFY(themes.action(ThemeActions::Theme::Dark)->isChecked());
            themes.setTheme(ThemeActions::Theme::Light);
            QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
            QVERIFY(!VerdictStyle::isDark(QApplication::palette()));
        }
    }

    void systemGivesBackTheStartingPalette()
    {
        QSettings().remove(QLatin1String(ThemeActions::SettingsKey));
        QApplication::setPalette(m_startPalette);
        QMenu menu;
        ThemeActions themes(&menu); // captures the palette as it is now: the system's
        themes.setTheme(ThemeActions::Theme::Dark);
        QVERIFY(QApplication::palette().color(QPalette::Window) !=
                m_startPalette.color(QPalette::Window));
        themes.setTheme(ThemeActions::Theme::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 m_startPalette.color(QPalette::Window));
        QCOMPARE(QApplication::style()->name(), m_startStyle);
        QCOMPARE(ThemeActions::fromName(QStringLiteral("no such theme")),
                 ThemeActions::Theme::System);
    }

private:
    QTemporaryDir m_config;
    QPalette m_startPalette;
    QString m_startStyle;
};

QTEST_MAIN(TestThemeActions)
#include "tst_themeactions.moc"
