#include "core/verify/JsonReformatter.h"

#include "core/capture/HexDigits.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void appendUtf8(QByteArray &out, uint cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// Index just past the string starting at the quote at `i`; -1 when unterminated.
qsizetype stringEnd(const char *s, qsizetype n, qsizetype i)
{
    for (++i; i < n; ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return -1;
}

} // namespace

JsonReformatter::Outcome JsonReformatter::layout(const QByteArray &json, Style style,
                                                 QByteArray *out, qint64 maxOutput)
{
    const char *s = json.constData();
    const qsizetype n = json.size();
    const int indent = style == Style::Indent2 ? 2 : style == Style::Indent4 ? 4 : 0;
    const qint64 limit = maxOutput < 0 ? std::numeric_limits<qint64>::max() : maxOutput;
    QByteArray o;
    o.reserve(qsizetype(std::min<qint64>(indent ? n + n / 2 : n, limit)));
    QByteArray stack; // open brackets, to check balance; its size is the depth
    auto newline = [&] {
        o += '\n';
        o.append(stack.size() * indent, ' ');
    };
    qsizetype i = 0;
    while (i < n && isSpace(s[i]))
        ++i;
    if (i >= n || (s[i] != '{' && s[i] != '['))
        return Outcome::NotJson;
    bool done = false;
    while (i < n) {
        // Each step adds at most one token (input bytes) and one indented line (depth bounded).
        if (o.size() > limit)
            return Outcome::TooLarge;
        const char c = s[i];
        if (isSpace(c)) {
            ++i;
            continue;
        }
        if (done)
            return Outcome::NotJson; // something after the closing bracket
        if (c == '"') {
            const qsizetype end = stringEnd(s, n, i);
            if (end < 0)
                return Outcome::NotJson;
            o.append(s + i, end - i);
            i = end;
        } else if (c == '{' || c == '[') {
            if (stack.size() >= MaxDepth)
                return Outcome::TooDeep;
            qsizetype j = i + 1;
            while (j < n && isSpace(s[j]))
                ++j;
            const char close = c == '{' ? '}' : ']';
            o += c;
            if (j < n && s[j] == close) {
                o += close;
                i = j + 1;
                done = stack.isEmpty();
                continue;
            }
            stack += c;
            if (indent)
                newline();
            ++i;
        } else if (c == '}' || c == ']') {
            if (stack.isEmpty() || (c == '}') != (stack.back() == '{'))
                return Outcome::NotJson;
            stack.chop(1);
            if (indent)
                newline();
            o += c;
            ++i;
            done = stack.isEmpty();
        } else if (c == ',') {
            o += ',';
            if (indent)
                newline();
            else if (style == Style::Spaced)
                o += ' ';
            ++i;
        } else if (c == ':') {
            o += ':';
            if (style != Style::Compact)
                o += ' ';
            ++i;
        } else {
            const qsizetype start = i;
            while (i < n && !isSpace(s[i]) && s[i] != ',' && s[i] != ':' && s[i] != '}' &&
                   s[i] != ']' && s[i] != '"' && s[i] != '{' && s[i] != '[')
                ++i;
            o.append(s + start, i - start);
        }
    }
    if (!stack.isEmpty())
        return Outcome::NotJson;
    if (o.size() > limit)
        return Outcome::TooLarge;
    *out = std::move(o);
    return Outcome::Done;
}

QByteArray JsonReformatter::unescapeNonAscii(const QByteArray &json)
{
    const char *s = json.constData();
    const char *end = s + json.size();
    QByteArray o;
    o.reserve(json.size());
    bool inString = false;
    while (s < end) {
        const char c = *s;
        if (!inString) {
            if (c == '"')
                inString = true;
            o += c;
            ++s;
            continue;
        }
        if (c == '"') {
            inString = false;
            o += c;
            ++s;
            continue;
        }
        if (c != '\\' || s + 1 >= end) {
            o += c;
            ++s;
            continue;
        }
        if (s[1] != 'u') {
            o.append(s, 2);
            s += 2;
            continue;
        }
        int cp = HexDigits::quad(s + 2, end);
        if (cp < 0x80) { // ASCII escapes (\u0022, controls) stay as they were
            o.append(s, 2);
            s += 2;
            continue;
        }
        qsizetype used = 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            const int low =
                (end - s >= 12 && s[6] == '\\' && s[7] == 'u') ? HexDigits::quad(s + 8, end) : -1;
            if (low < 0xDC00 || low > 0xDFFF) {
                o.append(s, 6);
                s += 6;
                continue;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            used = 12;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            o.append(s, 6);
            s += 6;
            continue;
        }
        appendUtf8(o, uint(cp));
        s += used;
    }
    return o;
}

QByteArray JsonReformatter::escapeNonAscii(const QByteArray &json, bool upperCaseHex)
{
    const auto *s = reinterpret_cast<const unsigned char *>(json.constData());
    const qsizetype n = json.size();
    // The length of a multi-byte sequence starting with `c` (1: not UTF-8, left alone).
    const auto sequence = [&](qsizetype i) -> int {
        const unsigned char c = s[i];
        const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return i + len > n ? 1 : len;
    };
    // First pass: the exact size, so the output is written once with no reallocation.
    qsizetype size = 0;
    for (qsizetype i = 0; i < n;) {
        if (s[i] < 0x80) {
            ++size;
            ++i;
            continue;
        }
        const int len = sequence(i);
        size += len == 1 ? 1 : len == 4 ? 12 : 6;
        i += len;
    }
    if (size == n)
        return json; // nothing to escape
    QByteArray o(size, Qt::Uninitialized);
    char *out = o.data();
    const char *digits = upperCaseHex ? "0123456789ABCDEF" : "0123456789abcdef";
    const auto escape = [&](uint u) {
        out[0] = '\\';
        out[1] = 'u';
        out[2] = digits[(u >> 12) & 0xF];
        out[3] = digits[(u >> 8) & 0xF];
        out[4] = digits[(u >> 4) & 0xF];
        out[5] = digits[u & 0xF];
        out += 6;
    };
    for (qsizetype i = 0; i < n;) {
        if (s[i] < 0x80) { // a run of ASCII, copied at once
            qsizetype end = i + 1;
            while (end < n && s[end] < 0x80)
                ++end;
            std::memcpy(out, s + i, size_t(end - i));
            out += end - i;
            i = end;
            continue;
        }
        const int len = sequence(i);
        if (len == 1) {
            *out++ = char(s[i++]);
            continue;
        }
        uint cp = s[i] & (0xFF >> (len + 1));
        for (int k = 1; k < len; ++k)
            cp = (cp << 6) | (s[i + k] & 0x3F);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            escape(0xD800 + (cp >> 10));
            escape(0xDC00 + (cp & 0x3FF));
        } else {
            escape(cp);
        }
        i += len;
    }
    return o;
}
