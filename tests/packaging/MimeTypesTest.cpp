// The MIME package (resources/io.github.hookbench.Hookbench.mime.xml) as a desktop sees it once
// the package is installed: beside shared-mime-info's freedesktop.org.xml in one private data dir
// (the only XDG data dir), compiled by update-mime-database, and files typed by QMimeDatabase,
// which reads the same mime.cache as file managers. One database, as in /usr/share/mime: Qt 6.4
// lets the last cache with any magic match win, so a package in a second (user) database would
// lose to vnd.sqlite3's magic there even with its higher priority.
#include <QMimeDatabase>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <sqlite3.h>

namespace {

// "HKBN": the application id a Hookbench store carries at offset 68 of the SQLite header.
constexpr int HookbenchApplicationId = 0x484b424e;

void makeSqlite(const QString &path, int applicationId)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
    const QByteArray sql = "PRAGMA application_id=" + QByteArray::number(applicationId) +
                           ";CREATE TABLE t(x);INSERT INTO t VALUES(1);";
    char *error = nullptr;
    const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &error);
    const QString message = QString::fromUtf8(error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(message));
}

} // namespace

class MimeTypesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void typeByContent_data();
    void typeByContent();
    void typeByName_data();
    void typeByName();
    void harIsJson();

private:
    QTemporaryDir m_data;
    QTemporaryDir m_files;
};

void MimeTypesTest::initTestCase()
{
    QVERIFY(m_data.isValid() && m_files.isValid());
    const QString updater = QStandardPaths::findExecutable(QStringLiteral("update-mime-database"));
    QVERIFY2(!updater.isEmpty(),
             "update-mime-database not found: install Debian's shared-mime-info");
    const QString packages = m_data.filePath(QStringLiteral("mime/packages"));
    QVERIFY(QDir().mkpath(packages));
    const QString system = QStringLiteral("/usr/share/mime/packages/freedesktop.org.xml");
    QVERIFY2(QFile::copy(system, packages + QStringLiteral("/freedesktop.org.xml")),
             "cannot copy /usr/share/mime/packages/freedesktop.org.xml (shared-mime-info)");
    QVERIFY(QFile::copy(QStringLiteral(HB_MIME_PACKAGE),
                        packages + QStringLiteral("/io.github.hookbench.Hookbench.xml")));
    QProcess update;
    update.start(updater, {m_data.filePath(QStringLiteral("mime"))});
    QVERIFY(update.waitForFinished(60000));
    QVERIFY2(update.exitStatus() == QProcess::NormalExit && update.exitCode() == 0,
             update.readAllStandardError().constData());
    // Before the first QMimeDatabase: this database is the only one it reads.
    qputenv("XDG_DATA_DIRS", QFile::encodeName(m_data.path()));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_files.filePath(QStringLiteral("no-data"))));
    const QMimeType store =
        QMimeDatabase().mimeTypeForName(QStringLiteral("application/x-hookbench-store"));
    QVERIFY2(store.isValid(), "the private MIME database does not know the store type");

    makeSqlite(m_files.filePath(QStringLiteral("captures.sqlite")), HookbenchApplicationId);
    makeSqlite(m_files.filePath(QStringLiteral("other.sqlite")), 0);
    QFile har(m_files.filePath(QStringLiteral("session.har")));
    QVERIFY(har.open(QIODevice::WriteOnly));
    har.write(R"({"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[]}})");
}

void MimeTypesTest::typeByContent_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("type");
    QTest::newRow("store") << "captures.sqlite"
                           << "application/x-hookbench-store";
    QTest::newRow("other SQLite database") << "other.sqlite"
                                           << "application/vnd.sqlite3";
}

void MimeTypesTest::typeByContent()
{
    QFETCH(QString, file);
    QFETCH(QString, type);
    QFile f(m_files.filePath(file));
    QVERIFY(f.open(QIODevice::ReadOnly));
    // By content alone (no name), as for a store saved under any name.
    QCOMPARE(QMimeDatabase().mimeTypeForData(&f).name(), type);
    QCOMPARE(QMimeDatabase().mimeTypeForFile(f.fileName()).name(), type);
}

void MimeTypesTest::typeByName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::newRow("*.har") << "trace.har"
                           << "application/har+json";
    QTest::newRow("*.HAR") << "TRACE.HAR"
                           << "application/har+json";
    QTest::newRow("*.hookbench") << "work.hookbench"
                                 << "application/x-hookbench-store";
}

void MimeTypesTest::typeByName()
{
    QFETCH(QString, name);
    QFETCH(QString, type);
    QCOMPARE(QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension).name(), type);
}

void MimeTypesTest::harIsJson()
{
    const QMimeType har =
        QMimeDatabase().mimeTypeForFile(m_files.filePath(QStringLiteral("session.har")));
    QCOMPARE(har.name(), QStringLiteral("application/har+json"));
    QVERIFY(har.inherits(QStringLiteral("application/json")));
    const QMimeType store =
        QMimeDatabase().mimeTypeForName(QStringLiteral("application/x-hookbench-store"));
    QVERIFY(store.inherits(QStringLiteral("application/vnd.sqlite3")));
}

QTEST_GUILESS_MAIN(MimeTypesTest)
#include "MimeTypesTest.moc"
