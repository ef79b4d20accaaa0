#pragma once

#include <QtGlobal>

// One visual cell of the text view: a character (a code point with the combining marks, variation
// selectors and zero-width-joined code points that follow it), a control byte shown as a mark, or
// one byte that is not part of valid UTF-8. Every byte of a buffer belongs to exactly one cell,
// and cells follow each other in byte order.
struct TextCell
{
    enum class Kind : quint8
    {
        Ascii,          // one printable ASCII byte, no marks attached
        Char,           // a decoded character (possibly with marks), drawn from its UTF-8
        Tab,            // '\t'
        CarriageReturn, // '\r'
        LineFeed,       // '\n'
        Control,        // another C0/C1 control or DEL
        Format,         // an invisible format character (zero-width space, bidi control, BOM)
        Invalid         // one byte outside valid UTF-8, shown as \xNN
    };
    qint64 offset = 0;
    int length = 0;  // bytes
    int columns = 0; // fixed-pitch cells it takes: 1, 2 for wide characters, 4 for \xNN
    Kind kind = Kind::Ascii;
    char32_t codePoint = 0; // the first code point (0 for Invalid)

    qint64 end() const { return offset + length; }
};

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF): a byte that does not
// start a complete valid sequence is a cell of its own, and decoding resumes at the next byte, so
// invalid input never swallows the valid text after it.
class Utf8CellDecoder
{
public:
    static constexpr int kInvalidColumns = 4;        // "\xNN"
    static constexpr int kMaxCodePointsPerCell = 32; // bounds a cell of stacked combining marks

    // The cell starting at `offset`, which must be a cell boundary (0, or the end of a cell);
    // offset < size.
    static TextCell cellAt(const char *data, qint64 size, qint64 offset);
    // Length of the valid UTF-8 sequence at `offset` and its code point; 0 when invalid.
    static int decode(const char *data, qint64 size, qint64 offset, char32_t *codePoint);
    // 2 for East Asian wide and fullwidth characters and emoji, else 1.
    static int columnsOf(char32_t codePoint);
};
