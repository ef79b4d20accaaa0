#include "ui/raw/Utf8CellDecoder.h"

#include <QChar>

#include <algorithm>
#include <iterator>

namespace {

struct Range
{
    char32_t first;
    char32_t last;
};

// Wide (two-cell) code points: East Asian Wide/Fullwidth and the emoji presentation blocks.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4},
    {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
    {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

bool isContinuation(uchar byte)
{
    return (byte & 0xC0) == 0x80;
}

constexpr char32_t kZeroWidthJoiner = 0x200D;
constexpr char32_t kEmojiVariation = 0xFE0F;

// Code points that belong to the character before them rather than starting a cell.
bool extendsPrevious(char32_t cp)
{
    if (cp == kZeroWidthJoiner || (cp >= 0xFE00 && cp <= 0xFE0F) ||
        (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
        (cp >= 0xE0020 && cp <= 0xE007F))
        return true;
    switch (QChar::category(cp)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return true;
    default:
        return false;
    }
}

TextCell::Kind asciiKind(uchar byte)
{
    switch (byte) {
    case '\t':
        return TextCell::Kind::Tab;
    case '\r':
        return TextCell::Kind::CarriageReturn;
    case '\n':
        return TextCell::Kind::LineFeed;
    default:
        return byte < 0x20 || byte == 0x7f ? TextCell::Kind::Control : TextCell::Kind::Ascii;
    }
}

} // namespace

int Utf8CellDecoder::decode(const char *data, qint64 size, qint64 offset, char32_t *codePoint)
{
    const auto *b = reinterpret_cast<const uchar *>(data) + offset;
    const qint64 left = size - offset;
    const uchar lead = b[0];
    if (lead < 0x80) {
        *codePoint = lead;
        return 1;
    }
    int length = 0;
    uchar low = 0x80; // allowed range of the second byte (rules out overlongs, surrogates, >10FFFF)
    uchar high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0)
            low = 0xA0;
        else if (lead == 0xED)
            high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0)
            low = 0x90;
        else if (lead == 0xF4)
            high = 0x8F;
    } else {
        return 0;
    }
    if (left < length || b[1] < low || b[1] > high)
        return 0;
    char32_t cp = lead & (0x7F >> length);
    for (int i = 1; i < length; ++i) {
        if (!isContinuation(b[i]))
            return 0;
        cp = (cp << 6) | (b[i] & 0x3F);
    }
    *codePoint = cp;
    return length;
}

int Utf8CellDecoder::columnsOf(char32_t cp)
{
    if (cp < 0x1100)
        return 1;
    const auto after = std::upper_bound(std::begin(kWide), std::end(kWide), cp,
                                        [](char32_t v, const Range &r) { return v < r.first; });
    return after != std::begin(kWide) && cp <= std::prev(after)->last ? 2 : 1;
}

TextCell Utf8CellDecoder::cellAt(const char *data, qint64 size, qint64 offset)
{
    TextCell cell;
    cell.offset = offset;
    const uchar lead = uchar(data[offset]);
    char32_t cp = 0;
    const int length = decode(data, size, offset, &cp);
    if (length == 0) {
        cell.length = 1;
        cell.columns = kInvalidColumns;
        cell.kind = TextCell::Kind::Invalid;
        return cell;
    }
    cell.length = length;
    cell.codePoint = cp;
    cell.columns = 1;
    if (lead < 0x80) {
        cell.kind = asciiKind(lead);
        if (cell.kind != TextCell::Kind::Ascii)
            return cell;
    } else if (cp < 0xA0) {
        cell.kind = TextCell::Kind::Control; // C1 controls
        return cell;
    } else if (QChar::category(cp) == QChar::Other_Format && cp != kZeroWidthJoiner) {
        cell.kind = TextCell::Kind::Format;
        return cell;
    } else {
        cell.kind = TextCell::Kind::Char;
        cell.columns = columnsOf(cp);
    }

    // Marks, variation selectors and joined code points stay with their base character.
    bool joined = false;
    for (int count = 1; count < kMaxCodePointsPerCell && cell.end() < size; ++count) {
        char32_t next = 0;
        const int nextLength = decode(data, size, cell.end(), &next);
        if (nextLength == 0 || next < 0x300) // nothing below U+0300 attaches to a character
            break;
        if (!joined && !extendsPrevious(next))
            break;
        if (joined && (next < 0xA0 || QChar::category(next) == QChar::Other_Format))
            break;
        joined = next == kZeroWidthJoiner;
        if (next == kEmojiVariation && cell.codePoint >= 0x2000)
            cell.columns = 2;
        cell.length += nextLength;
        cell.kind = TextCell::Kind::Char;
    }
    return cell;
}
