#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>
#include <sqlite3.h>

// Small helpers over SQLite's C API shared by the store's classes (not installed, not used
// outside core/store).
namespace SqliteValues {

// Finalizes a statement whatever way the scope is left.
class Statement
{
public:
    Statement(sqlite3 *db, const char *sql) { sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    sqlite3_stmt *get() const { return m_stmt; }
    explicit operator bool() const { return m_stmt != nullptr; }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

// A cached statement (CaptureStore::prepared) lent for one use: reset on leaving the scope, so a
// read left mid-way never pins the connection's snapshot of the WAL.
class Lent
{
public:
    explicit Lent(sqlite3_stmt *stmt) : m_stmt(stmt) {}
    ~Lent()
    {
        if (m_stmt)
            sqlite3_reset(m_stmt);
    }
    Lent(const Lent &) = delete;
    Lent &operator=(const Lent &) = delete;
    sqlite3_stmt *get() const { return m_stmt; }
    explicit operator bool() const { return m_stmt != nullptr; }

private:
    sqlite3_stmt *m_stmt;
};

// The first column of a statement's first row as an integer; 0 when there is none.
inline qint64 singleInt(sqlite3 *db, const char *sql)
{
    const Statement stmt(db, sql);
    return stmt && sqlite3_step(stmt.get()) == SQLITE_ROW ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

inline QByteArray columnBytes(sqlite3_stmt *stmt, int col)
{
    const void *data = sqlite3_column_blob(stmt, col);
    return QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(stmt, col));
}

inline QString columnText(sqlite3_stmt *stmt, int col)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, col));
    return QString::fromUtf8(text, sqlite3_column_bytes(stmt, col));
}

// The bytes must outlive the statement's step (SQLITE_STATIC).
inline void bindBytes(sqlite3_stmt *stmt, int col, const QByteArray &bytes)
{
    sqlite3_bind_blob64(stmt, col, bytes.constData(), sqlite3_uint64(bytes.size()), SQLITE_STATIC);
}

inline void bindText(sqlite3_stmt *stmt, int col, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text64(stmt, col, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
}

// A compiled query's parameter (CaptureQuery::Sql): QByteArray as a blob, an integer as an
// integer, anything else as text.
inline void bindVariant(sqlite3_stmt *stmt, int col, const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::QByteArray: {
        const QByteArray b = v.toByteArray();
        sqlite3_bind_blob64(stmt, col, b.constData(), sqlite3_uint64(b.size()), SQLITE_TRANSIENT);
        return;
    }
    case QMetaType::LongLong:
    case QMetaType::Int:
        sqlite3_bind_int64(stmt, col, v.toLongLong());
        return;
    default:
        bindText(stmt, col, v.toString());
    }
}

} // namespace SqliteValues
