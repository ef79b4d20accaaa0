#include "core/store/CaptureStore.h"
#include "core/store/StoreMigrations.h"
#include "tests/core/store/StoreTestCaptures.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <sqlite3.h>
#include <unistd.h>

// Opening a store for reading never writes it, and a store this process cannot write is refused
// when it is opened for writing, not at the first capture (issue 12, item 3).
class TestStoreReadOnly : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void emptyFileIsRefusedAndStaysEmpty();
    void refusesWhatIsNotAHookbenchStore();
    void olderSchemaIsNotMigrated();
    void leftoverWalIsReadNotFolded();
    void writesFailOnAReadOnlyStore();
    void readOnlyFileIsRefusedForWriting();
    void readOnlyFolderIsRefusedForWriting();
    void readOnlyFileIsRead();
    void readOnlyFolderWithoutWalIsRead();
    void readOnlyFolderWithLeftoverWal();
    void durabilityIsTheConnections();

private:
    QString path() const { return m_dir->filePath("s.sqlite"); }
    void makeStore(const QString &path, int captures);
    // Copies the store's file and WAL while a writer still has them open, as kill -9 leaves them.
    void makeLeftover(const QString &to, int captures, bool withShm);
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

QByteArray digest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return "missing";
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

void setMode(const QString &path, QFile::Permissions mode)
{
    QVERIFY(QFile::setPermissions(path, mode));
}

const QFile::Permissions ReadOnlyFile = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
const QFile::Permissions ReadOnlyFolder =
    ReadOnlyFile | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
const QFile::Permissions OpenFile =
    ReadOnlyFile | QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;
const QFile::Permissions OpenFolder =
    ReadOnlyFolder | QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;

// Root may write any file whatever its mode: while this lives, a root test process acts as
// "nobody" (effective ids; the kernel checks those), so a file mode means what it says.
class AsUnprivileged
{
public:
    AsUnprivileged() : m_root(geteuid() == 0)
    {
        if (m_root && (setegid(65534) != 0 || seteuid(65534) != 0))
            qFatal("cannot switch to the unprivileged user");
    }
    ~AsUnprivileged()
    {
        if (m_root && (seteuid(0) != 0 || setegid(0) != 0))
            qFatal("cannot switch back to root");
    }
    AsUnprivileged(const AsUnprivileged &) = delete;
    AsUnprivileged &operator=(const AsUnprivileged &) = delete;

private:
    bool m_root;
};

} // namespace

void TestStoreReadOnly::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    setMode(m_dir->path(), OpenFolder); // the unprivileged user may go in
}

void TestStoreReadOnly::cleanup()
{
    setMode(m_dir->path(), OpenFolder);
    m_dir.reset();
}

void TestStoreReadOnly::makeStore(const QString &path, int captures)
{
    CaptureStore store;
    QVERIFY2(store.open(path), qPrintable(store.errorString()));
    QList<NewCapture> batch;
    for (int i = 0; i < captures; ++i)
        batch.append(storeTestCapture(i));
    QVERIFY(store.append(batch));
}

void TestStoreReadOnly::makeLeftover(const QString &to, int captures, bool withShm)
{
    CaptureStore store;
    const QString from = m_dir->filePath("live.sqlite");
    QVERIFY2(store.open(from), qPrintable(store.errorString()));
    QList<NewCapture> batch;
    for (int i = 0; i < captures; ++i)
        batch.append(storeTestCapture(i));
    QVERIFY(store.append(batch));
    QVERIFY(QFileInfo(from + "-wal").size() > 0);
    QStringList suffixes{"", "-wal"};
    if (withShm)
        suffixes << "-shm";
    for (const QString &suffix : suffixes) {
        QFile::remove(to + suffix);
        QVERIFY(QFile::copy(from + suffix, to + suffix));
        setMode(to + suffix, OpenFile & ~(QFile::WriteGroup | QFile::WriteOther));
    }
}

void TestStoreReadOnly::emptyFileIsRefusedAndStaysEmpty()
{
    QFile f(path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    CaptureStore store;
    QVERIFY(!store.openReadOnly(path()));
    QVERIFY2(store.errorString().contains("not a Hookbench store"),
             qPrintable(store.errorString()));
    QVERIFY(store.errorString().contains(path()));
    QVERIFY(!store.errorString().contains('\n'));
    QCOMPARE(QFileInfo(path()).size(), 0); // no schema written into it
    QVERIFY(!QFileInfo::exists(path() + "-wal"));
    QVERIFY(!store.isOpen());
}

void TestStoreReadOnly::refusesWhatIsNotAHookbenchStore()
{
    CaptureStore store;
    QVERIFY(!store.openReadOnly(m_dir->filePath("missing.sqlite")));
    QVERIFY2(store.errorString().contains("no store at"), qPrintable(store.errorString()));
    QVERIFY(!QFileInfo::exists(m_dir->filePath("missing.sqlite")));

    QFile junk(path());
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(8192, 'x'));
    junk.close();
    QVERIFY(!store.openReadOnly(path()));
    QVERIFY2(store.errorString().contains("not a Hookbench store"),
             qPrintable(store.errorString()));

    const QString other = m_dir->filePath("other.sqlite");
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(other).constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "CREATE TABLE notes (x)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const QByteArray before = digest(other);
    QVERIFY(!store.openReadOnly(other));
    QVERIFY2(store.errorString().contains("not a Hookbench store"),
             qPrintable(store.errorString()));
    QCOMPARE(digest(other), before);

    const QString newer = m_dir->filePath("newer.sqlite");
    QCOMPARE(sqlite3_open(QFile::encodeName(newer).constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    QVERIFY(!store.openReadOnly(newer));
    QVERIFY2(store.errorString().contains("newer"), qPrintable(store.errorString()));
}

void TestStoreReadOnly::olderSchemaIsNotMigrated()
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(path()).constData(), &db), SQLITE_OK);
    const QByteArray v1 = StoreMigrations::step(1) + "PRAGMA user_version=1;";
    QCOMPARE(sqlite3_exec(db, v1.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const QByteArray before = digest(path());
    CaptureStore store;
    QVERIFY(!store.openReadOnly(path()));
    QVERIFY2(store.errorString().contains("schema version 1, older"),
             qPrintable(store.errorString()));
    QCOMPARE(digest(path()), before);
}

void TestStoreReadOnly::leftoverWalIsReadNotFolded()
{
    makeLeftover(path(), 5, false);
    const QByteArray file = digest(path());
    const QByteArray wal = digest(path() + "-wal");
    {
        CaptureStore store;
        QVERIFY2(store.openReadOnly(path()), qPrintable(store.errorString()));
        QVERIFY(store.isReadOnly());
        QCOMPARE(store.count(), 5); // the captures are in the WAL only
        QCOMPARE(store.capture(5)->summary.target, QByteArray("/n4"));
    } // closing a writer would fold the WAL into the file and delete it
    QCOMPARE(digest(path()), file);
    QCOMPARE(digest(path() + "-wal"), wal);
}

void TestStoreReadOnly::writesFailOnAReadOnlyStore()
{
    makeStore(path(), 2);
    const QByteArray before = digest(path());
    CaptureStore store;
    QVERIFY2(store.openReadOnly(path()), qPrintable(store.errorString()));
    QList<NewCapture> batch{storeTestCapture(9)};
    QVERIFY(!store.append(batch));
    QVERIFY2(store.errorString().contains("readonly"), qPrintable(store.errorString()));
    QVERIFY(!store.setVerdict(1, "ok", "{}"));
    store.checkpointIfLarge();
    store.close();
    QCOMPARE(digest(path()), before);
    CaptureStore again;
    QVERIFY(again.openReadOnly(path()));
    QCOMPARE(again.count(), 2);
}

void TestStoreReadOnly::readOnlyFileIsRefusedForWriting()
{
    makeStore(path(), 1);
    setMode(path(), ReadOnlyFile);
    const QByteArray before = digest(path());
    CaptureStore store;
    {
        AsUnprivileged nobody;
        QVERIFY(!store.open(path()));
    }
    QVERIFY2(store.errorString().startsWith("The store " + path() + " is read-only: "),
             qPrintable(store.errorString()));
    QVERIFY(!store.errorString().contains('\n'));
    QVERIFY(!store.isOpen());
    QCOMPARE(digest(path()), before);
}

void TestStoreReadOnly::readOnlyFolderIsRefusedForWriting()
{
    makeStore(path(), 1);
    setMode(path(), OpenFile); // the file is writable, its folder is not
    setMode(m_dir->path(), ReadOnlyFolder);
    CaptureStore store;
    {
        AsUnprivileged nobody;
        QVERIFY(!store.open(path()));
    }
    QVERIFY2(store.errorString().startsWith("The store " + path() + " is read-only: "),
             qPrintable(store.errorString()));
    QVERIFY2(store.errorString().contains("folder"), qPrintable(store.errorString()));
    // and a new store in a read-only folder
    {
        AsUnprivileged nobody;
        QVERIFY(!store.open(m_dir->filePath("new.sqlite")));
    }
    QVERIFY2(store.errorString().contains("read-only"), qPrintable(store.errorString()));
    QVERIFY(!QFileInfo::exists(m_dir->filePath("new.sqlite")));
}

void TestStoreReadOnly::readOnlyFileIsRead()
{
    makeStore(path(), 3);
    setMode(path(), ReadOnlyFile);
    const QByteArray before = digest(path());
    AsUnprivileged nobody;
    CaptureStore store;
    QVERIFY2(store.openReadOnly(path()), qPrintable(store.errorString()));
    QCOMPARE(store.count(), 3);
    QCOMPARE(store.capture(2)->summary.target, QByteArray("/n1"));
    store.close();
    QCOMPARE(digest(path()), before);
}

void TestStoreReadOnly::readOnlyFolderWithoutWalIsRead()
{
    makeStore(path(), 3); // closed cleanly: no -wal, no -shm
    QVERIFY(!QFileInfo::exists(path() + "-wal"));
    setMode(path(), ReadOnlyFile);
    setMode(m_dir->path(), ReadOnlyFolder);
    const QByteArray before = digest(path());
    AsUnprivileged nobody;
    CaptureStore store;
    QVERIFY2(store.openReadOnly(path()), qPrintable(store.errorString()));
    QCOMPARE(store.count(), 3);
    QCOMPARE(store.capture(3)->summary.target, QByteArray("/n2"));
    store.close();
    QCOMPARE(digest(path()), before);
    QVERIFY(!QFileInfo::exists(path() + "-wal"));
}

void TestStoreReadOnly::readOnlyFolderWithLeftoverWal()
{
    // With the -shm a killed writer leaves behind, the WAL is read in place.
    makeLeftover(path(), 4, true);
    const QByteArray file = digest(path());
    const QByteArray wal = digest(path() + "-wal");
    setMode(m_dir->path(), ReadOnlyFolder);
    {
        AsUnprivileged nobody;
        CaptureStore store;
        QVERIFY2(store.openReadOnly(path()), qPrintable(store.errorString()));
        QCOMPARE(store.count(), 4);
    }
    QCOMPARE(digest(path()), file);
    QCOMPARE(digest(path() + "-wal"), wal);

    // Without it, SQLite cannot read the WAL in a folder where it cannot create the -shm: a
    // clear refusal rather than a store that silently lacks the WAL's captures.
    setMode(m_dir->path(), OpenFolder);
    QVERIFY(QFile::remove(path() + "-shm"));
    setMode(m_dir->path(), ReadOnlyFolder);
    AsUnprivileged nobody;
    CaptureStore store;
    QVERIFY(!store.openReadOnly(path()));
    QVERIFY2(store.errorString().contains(path() + "-wal"), qPrintable(store.errorString()));
    QVERIFY2(store.errorString().contains("read-only folder"), qPrintable(store.errorString()));
}

void TestStoreReadOnly::durabilityIsTheConnections()
{
    CaptureStore store;
    QVERIFY(store.open(path()));
    QCOMPARE(store.durability(), Durability::Process);
    QVERIFY(store.open(path(), Durability::Power));
    QCOMPARE(store.durability(), Durability::Power);
    QVERIFY(store.open(path(), Durability::Process));
    QCOMPARE(store.durability(), Durability::Process);
}

QTEST_GUILESS_MAIN(TestStoreReadOnly)
#include "tst_storereadonly.moc"
