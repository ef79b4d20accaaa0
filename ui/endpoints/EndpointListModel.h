#pragma once

#include "core/config/EndpointConfig.h"

#include <QAbstractTableModel>
#include <QList>

// The endpoints being edited, in memory until the editor is accepted. Besides its config each
// row remembers the id it was loaded with (its secrets are stored under that id in the keychain)
// and a key that stays the same while ids, paths and row numbers change.
class EndpointListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        PathColumn,
        ProviderColumn,
        ColumnCount
    };
    enum Role
    {
        ProblemRole = Qt::UserRole + 1, // first validation problem of the row; empty when none
        KeyRole                         // quint64 row key
    };

    explicit EndpointListModel(QObject *parent = nullptr);

    // The endpoints of a loaded config: each remembers its id as originalId().
    void setEndpoints(const QList<EndpointConfig> &endpoints);
    const QList<EndpointConfig> &endpoints() const { return m_endpoints; }
    const EndpointConfig &endpoint(int row) const { return m_endpoints.at(row); }
    void setEndpoint(int row, const EndpointConfig &endpoint);
    // A new endpoint (no original id); returns its row.
    int insertEndpoint(int row, const EndpointConfig &endpoint);
    void removeEndpoint(int row);

    QString originalId(int row) const { return m_rows.at(row).originalId; }
    quint64 key(int row) const { return m_rows.at(row).key; }
    int rowOfKey(quint64 key) const;
    int rowOfId(const QString &id) const;
    bool isValid() const; // every row passes EndpointValidator

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct RowInfo
    {
        quint64 key = 0;
        QString originalId;
    };

    // A change to one row's id or path can make or clear a duplicate in any other row.
    void problemsMayHaveChanged();

    QList<EndpointConfig> m_endpoints;
    QList<RowInfo> m_rows; // parallel to m_endpoints
    quint64 m_nextKey = 1;
};
