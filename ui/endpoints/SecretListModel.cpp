#include "ui/endpoints/SecretListModel.h"

#include <QFont>

SecretListModel::SecretListModel(QObject *parent) : QAbstractTableModel(parent) {}

SecretListModel::~SecretListModel()
{
    SigningSecret::wipe(m_secrets);
}

void SecretListModel::setSecrets(const QList<SigningSecret> &secrets)
{
    beginResetModel();
    SigningSecret::wipe(m_secrets);
    m_secrets = secrets;
    endResetModel();
}

QString SecretListModel::masked(const QByteArray &value)
{
    const qsizetype shown = qMin<qsizetype>(4, value.size() / 4);
    return QStringLiteral("••••••••") + QString::fromUtf8(value.right(shown));
}

int SecretListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_secrets.size());
}

int SecretListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SecretListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SigningSecret &s = m_secrets.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case LabelColumn:
            return s.label;
        case CreatedColumn:
            return s.created.isValid()
                       ? s.created.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                       : QString();
        case ValueColumn:
            return masked(s.value);
        }
    } else if (role == Qt::FontRole && index.row() == 0) {
        QFont bold;
        bold.setBold(true);
        return bold;
    } else if (role == Qt::ToolTipRole && index.column() == LabelColumn) {
        return index.row() == 0 ? tr("Current: tried first when verifying")
                                : tr("Kept so that requests signed before the rotation verify");
    }
    return {};
}

QVariant SecretListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LabelColumn:
        return tr("Label");
    case CreatedColumn:
        return tr("Created");
    case ValueColumn:
        return tr("Value");
    }
    return {};
}
