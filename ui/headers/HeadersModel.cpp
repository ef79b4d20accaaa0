#include "ui/headers/HeadersModel.h"

#include <QFont>
#include <QStringDecoder>

#include <algorithm>

namespace {

// Header bytes are usually ASCII; UTF-8 when it decodes cleanly, otherwise Latin-1 (what HTTP/1.1
// historically meant) so every byte still shows as some character.
QString decodeHeaderBytes(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(bytes);
    return utf8.hasError() ? QString::fromLatin1(bytes) : text;
}

} // namespace

HeadersModel::HeadersModel(QObject *parent) : QAbstractTableModel(parent) {}

void HeadersModel::setHeaders(const QList<HeaderField> &headers)
{
    beginResetModel();
    m_headers = headers;
    m_nameCounts.clear();
    for (const HeaderField &field : std::as_const(m_headers))
        ++m_nameCounts[field.name.toLower()];
    endResetModel();
}

int HeadersModel::rowForOffset(qint64 rawOffset) const
{
    for (int row = 0; row < m_headers.size(); ++row) {
        const ByteSpan &line = m_headers[row].lineSpan;
        // A line owns its CRLF (or bare LF) but never bytes of the line that follows it.
        qint64 end = line.end() + 2;
        if (row + 1 < m_headers.size())
            end = std::min(end, m_headers[row + 1].lineSpan.offset);
        if (rawOffset >= line.offset && rawOffset < end)
            return row;
    }
    return -1;
}

int HeadersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

int HeadersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeadersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HeaderField &field = m_headers[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return decodeHeaderBytes(index.column() == NameColumn ? field.name : field.value);
    case Qt::ToolTipRole:
        return toolTip(index.row());
    case Qt::FontRole:
        if (index.column() == NameColumn && occurrences(index.row()) > 1) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case SpanRole:
        return QVariant::fromValue(field.lineSpan);
    case OccurrencesRole:
        return occurrences(index.row());
    default:
        return {};
    }
}

QVariant HeadersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

int HeadersModel::occurrences(int row) const
{
    return m_nameCounts.value(m_headers[row].name.toLower());
}

int HeadersModel::occurrenceNumber(int row) const
{
    const QByteArray name = m_headers[row].name.toLower();
    int number = 0;
    for (int i = 0; i <= row; ++i)
        if (m_headers[i].name.toLower() == name)
            ++number;
    return number;
}

QString HeadersModel::toolTip(int row) const
{
    const int count = occurrences(row);
    if (count < 2)
        return {};
    return tr("“%1” was sent %2 times; this is occurrence %3 of %2.")
        .arg(decodeHeaderBytes(m_headers[row].name))
        .arg(count)
        .arg(occurrenceNumber(row));
}
