#include "ui/raw/HexRow.h"

#include <QByteArray>
#include <QPainter>
#include <QPalette>
#include <QString>

#include <algorithm>

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

bool isPrintableAscii(uchar byte)
{
    return byte >= 0x20 && byte < 0x7f;
}

} // namespace

HexRow::HexRow(qint64 dataSize)
{
    for (quint64 rest = quint64(std::max<qint64>(0, dataSize - 1)) >> 32; rest; rest >>= 4)
        ++m_digits;
}

int HexRow::cellOfColumn(int column) const
{
    return hexStartCell() + column * 3 + (column >= kBytesPerRow / 2 ? 1 : 0);
}

HexRow::Hit HexRow::hit(int cell) const
{
    const int half = kBytesPerRow / 2;
    const int hexCell = cell - hexStartCell();
    if (hexCell >= 0 && hexCell < half * 3)
        return {hexCell / 3, true};
    if (hexCell > half * 3 && hexCell <= kBytesPerRow * 3)
        return {half + (hexCell - half * 3 - 1) / 3, true};
    if (cell >= asciiStartCell() && cell < endCell())
        return {cell - asciiStartCell(), false};
    return {};
}

int HexRow::nearestColumn(int cell, bool inHex) const
{
    if (!inHex)
        return cell - asciiStartCell();
    const int hexCell = cell - hexStartCell();
    return hexCell < kBytesPerRow / 2 * 3 ? hexCell / 3 : (hexCell - 1) / 3;
}

void HexRow::paint(QPainter &painter, const QByteArray &data, ByteSpan rowBytes, qreal originX,
                   qreal baseline, qreal charWidth, const QPalette &palette) const
{
    const uchar *bytes = reinterpret_cast<const uchar *>(data.constData()) + rowBytes.offset;
    QString offsetText(m_digits, QLatin1Char('0'));
    for (int i = m_digits - 1, shift = 0; i >= 0; --i, shift += 4)
        offsetText[i] = QLatin1Char(kHexDigits[(quint64(rowBytes.offset) >> shift) & 0xf]);

    QString hexText(kBytesPerRow * 3 + 1, QLatin1Char(' '));
    QString asciiText(int(rowBytes.length), QLatin1Char('.'));
    for (int i = 0; i < rowBytes.length; ++i) {
        const int cell = cellOfColumn(i) - hexStartCell();
        hexText[cell] = QLatin1Char(kHexDigits[bytes[i] >> 4]);
        hexText[cell + 1] = QLatin1Char(kHexDigits[bytes[i] & 0xf]);
        if (isPrintableAscii(bytes[i]))
            asciiText[i] = QLatin1Char(char(bytes[i]));
    }

    painter.setPen(palette.color(QPalette::PlaceholderText));
    painter.drawText(QPointF(originX, baseline), offsetText);
    painter.setPen(palette.color(QPalette::Text));
    painter.drawText(QPointF(originX + hexStartCell() * charWidth, baseline), hexText);
    painter.drawText(QPointF(originX + asciiStartCell() * charWidth, baseline), asciiText);
}
