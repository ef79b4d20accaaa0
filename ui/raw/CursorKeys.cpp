#include "ui/raw/CursorKeys.h"

#include <algorithm>

qint64 CursorKeys::target(int key, Qt::KeyboardModifiers modifiers, const Place &p)
{
    const bool control = modifiers & Qt::ControlModifier;
    qint64 target = p.cursor;
    switch (key) {
    case Qt::Key_Left:
        target = p.cursor - 1;
        break;
    case Qt::Key_Right:
        target = p.cursorEnd;
        break;
    case Qt::Key_Up:
        target = p.row > 0 ? p.offsetInRow(p.row - 1, p.column) : p.cursor;
        break;
    case Qt::Key_Down:
        target = p.row < p.lastRow ? p.offsetInRow(p.row + 1, p.column) : p.cursor;
        break;
    case Qt::Key_PageUp:
        target = p.offsetInRow(std::max<qint64>(0, p.row - p.pageRows), p.column);
        break;
    case Qt::Key_PageDown:
        target = p.offsetInRow(std::min(p.lastRow, p.row + p.pageRows), p.column);
        break;
    case Qt::Key_Home:
        target = control ? 0 : p.rowBytes.offset;
        break;
    case Qt::Key_End:
        target = control ? p.dataSize - 1 : p.rowBytes.end() - 1;
        break;
    default:
        return -1;
    }
    return std::clamp<qint64>(target, 0, p.dataSize - 1);
}
