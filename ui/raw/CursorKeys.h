#pragma once

#include "core/capture/ByteSpan.h"

#include <Qt>

#include <functional>

// Where a cursor key takes a ByteView's cursor: Left/Right step one unit (a byte, or a character
// in Text mode), Up/Down and PageUp/PageDown keep the column, Home/End go to the row's ends and
// with Ctrl to the data's ends.
class CursorKeys
{
public:
    struct Place
    {
        qint64 cursor = 0;    // the unit's first byte
        qint64 cursorEnd = 1; // just past the unit's last byte
        qint64 row = 0;
        ByteSpan rowBytes;
        qint64 column = 0; // byte column (Hex) or character column (Text)
        qint64 lastRow = 0;
        qint64 pageRows = 1;
        qint64 dataSize = 0;
        std::function<qint64(qint64 row, qint64 column)> offsetInRow;
    };

    // The offset the key moves the cursor to (clamped to the data), or -1 for other keys.
    static qint64 target(int key, Qt::KeyboardModifiers modifiers, const Place &place);
};
