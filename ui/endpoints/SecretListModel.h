#pragma once

#include "core/secrets/SigningSecret.h"

#include <QAbstractTableModel>
#include <QList>

// One endpoint's secrets as the editor lists them, current first. No role ever returns a value:
// the Value column is masked, so nothing a view, tooltip or accessibility tool reads can leak it.
class SecretListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        LabelColumn,
        CreatedColumn,
        ValueColumn,
        ColumnCount
    };

    explicit SecretListModel(QObject *parent = nullptr);
    ~SecretListModel() override;

    void setSecrets(const QList<SigningSecret> &secrets);
    const QList<SigningSecret> &secrets() const { return m_secrets; }

    // "••••••••" and at most the last 4 characters, fewer for short values so that a short
    // secret is never shown whole.
    static QString masked(const QByteArray &value);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<SigningSecret> m_secrets;
};
