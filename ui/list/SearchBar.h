#pragma once

#include "core/store/CaptureFilter.h"
#include "core/store/CaptureQuery.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QLineEdit;
class QStringListModel;
class QCompleter;
class QToolButton;
class QueryRunner;
class RequestListModel;

// The search and filter bar above the request list: a query in the query language
// (resources/query-language.md), ANDed with the verdict/forward combos of FilterBar (which stay
// as shortcuts). It colours itself valid or invalid as you type (from the palette), completes
// field names and values, keeps a history of applied queries and named saved filters
// (QSettings), and applies a query on Enter on a worker thread
// (QueryRunner), so the window never waits; a newer query cancels an older one. While the search
// index is behind, it says how many captures it has still to read.
class SearchBar : public QWidget
{
    Q_OBJECT
public:
    static constexpr int HistorySize = 30;

    explicit SearchBar(RequestListModel *model, QWidget *parent = nullptr);

    void setEndpointProviders(const QHash<QString, QString> &providers);
    QHash<QString, QString> endpointProviders() const { return m_providers; }
    void setIndexProgress(qint64 indexedUpTo, qint64 latestId);
    QLineEdit *edit() const { return m_edit; }
    QCompleter *completer() const { return m_completer; }
    QueryRunner *runner() const { return m_runner; }
    QLabel *status() const { return m_status; }
    bool isValid() const { return m_valid; }
    QString appliedQuery() const { return m_applied; }
    QStringList history() const;
    QStringList savedNames() const;

public Q_SLOTS:
    void apply();                     // the query typed (an invalid one is not applied)
    void saveAs(const QString &name); // the query typed, under this name
    void applySaved(const QString &name);
    void focusQuery();

Q_SIGNALS:
    void applied(const QString &query); // its rows are in the model

private:
    void onEdited(const QString &text);
    void onFinished(const QVector<qint64> &ids, qint64 fromId, qint64 indexedUpTo, qint64 latestId);
    void remember(const QString &query);
    void updateCompletions();
    void showIndexState();
    void paintValidity();
    void catchUpLive();
    void showMenu();

    RequestListModel *m_model;
    QueryRunner *m_runner;
    QLineEdit *m_edit;
    QCompleter *m_completer;
    QStringListModel *m_completions;
    QToolButton *m_menuButton;
    QLabel *m_status;
    QHash<QString, QString> m_providers;
    QString m_applied;
    CaptureQuery m_query; // applied
    bool m_valid = true;
    qint64 m_indexedUpTo = 0;
    qint64 m_latestId = 0;
    qint64 m_seenUpTo = 0;         // the query's result holds the captures up to this id
    CaptureFilter m_pendingFilter; // the combos' filter the running query was given
    QString m_lastStore;
};
