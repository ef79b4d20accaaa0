#pragma once

#include "core/config/ForwardConfig.h"

#include <QAbstractTableModel>

// The local apps an endpoint forwards to (`forward.http`), one row each, edited in a table:
// URL, event-type globs (comma-separated), proxy, re-sign, keep Host and timeout. The URL is
// kept as typed, so that a half-typed one is shown as it is, with its problem.
class HttpTargetsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Url,
        Types,
        Proxy,
        Resign,
        KeepHost,
        Timeout,
        ColumnCount
    };

    explicit HttpTargetsModel(QObject *parent = nullptr);

    void setTargets(const QList<HttpForwardTarget> &targets);
    QList<HttpForwardTarget> targets() const;
    int appendTarget(); // a new row with the defaults; returns its row
    QString urlText(int row) const { return m_rows.at(row).urlText; }
    // The first row's URL problem in ForwardConfigJson's words, with the row; empty when fine.
    QString problem() const;
    // A typed URL as the config gets it, and ForwardConfigJson's problem with that (the editor's
    // EventBridge endpoint URL is read the same way).
    static QUrl urlOf(const QString &text);
    static QString urlProblem(const QString &text);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

private:
    struct Row
    {
        QString urlText;
        HttpForwardTarget target;
    };
    static bool *flag(Row &row, int column);
    QList<Row> m_rows;
};
