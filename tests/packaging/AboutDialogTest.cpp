// Help > About shows the version of project(VERSION), the links of the metainfo and the license.
#include "ui/window/AboutDialog.h"
#include "core/Version.h"

#include <QLabel>
#include <QtTest>

class AboutDialogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsVersionLinksAndLicense();
};

void AboutDialogTest::showsVersionLinksAndLicense()
{
    AboutDialog dialog;
    const auto *title = dialog.findChild<QLabel *>(QStringLiteral("aboutTitle"));
    const auto *links = dialog.findChild<QLabel *>(QStringLiteral("aboutLinks"));
    const auto *license = dialog.findChild<QLabel *>(QStringLiteral("aboutLicense"));
    QVERIFY(title && links && license);
    QVERIFY2(title->text().contains(QStringLiteral("Hookbench " HOOKBENCH_VERSION)),
             qPrintable(title->text()));
    QVERIFY(links->text().contains(QStringLiteral("https://github.com/hookbench/hookbench\"")));
    QVERIFY(
        links->text().contains(QStringLiteral("https://github.com/hookbench/hookbench/issues")));
    QVERIFY(links->openExternalLinks());
    QVERIFY(license->text().contains(QStringLiteral("version 3 or later")));
}

QTEST_MAIN(AboutDialogTest)
#include "AboutDialogTest.moc"
