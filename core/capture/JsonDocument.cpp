#include "core/capture/JsonDocument.h"
#include "core/capture/HexDigits.h"
#include "core/capture/Utf8Check.h"

// This file is built with -O2 even in Debug (see CMakeLists.txt), which would switch off
// simdjson's checks of how its API is used; keep them wherever asserts are on.
#if !defined(NDEBUG) && !defined(SIMDJSON_DEVELOPMENT_CHECKS)
#define SIMDJSON_DEVELOPMENT_CHECKS 1
#endif
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string_view>
#include <vector>

namespace {

namespace od = simdjson::ondemand;
using Type = JsonDocument::Type;

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// RFC 8259 number grammar. simdjson refuses numbers that do not fit a double (1e400), which are
// still valid JSON; an inspector has to show them, so they get this second opinion.
bool isJsonNumber(const char *p, const char *end)
{
    if (p < end && *p == '-')
        ++p;
    if (p == end)
        return false;
    if (*p == '0') {
        ++p;
    } else if (*p >= '1' && *p <= '9') {
        while (p < end && isDigit(*p))
            ++p;
    } else {
        return false;
    }
    if (p < end && *p == '.') {
        ++p;
        if (p == end || !isDigit(*p))
            return false;
        while (p < end && isDigit(*p))
            ++p;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        if (p == end || !isDigit(*p))
            return false;
        while (p < end && isDigit(*p))
            ++p;
    }
    return p == end;
}

// Where a string token that simdjson refused goes wrong, for the error location only.
const char *firstBadEscape(const char *p, const char *end)
{
    for (; p < end; ++p) {
        if (*p != '\\')
            continue;
        if (end - p < 2)
            return p;
        const char n = p[1];
        if (n == 'u') {
            const int unit = HexDigits::quad(p + 2, end);
            if (unit < 0)
                return p;
            if (unit >= 0xD800 && unit < 0xDC00) {
                const bool pairFollows = end - p >= 12 && p[6] == '\\' && p[7] == 'u';
                const int low = pairFollows ? HexDigits::quad(p + 8, end) : -1;
                if (low < 0xDC00 || low > 0xDFFF)
                    return p;
                p += 6;
            }
            p += 5;
        } else if (std::string_view("\"\\/bfnrt").find(n) != std::string_view::npos) {
            ++p;
        } else {
            return p;
        }
    }
    return nullptr;
}

QString decodeJsonString(const char *p, const char *end, qsizetype maxChars)
{
    const qsizetype limit = maxChars < 0 ? std::numeric_limits<qsizetype>::max() : maxChars;
    QString out;
    out.reserve(std::min<qsizetype>(end - p, limit));
    while (p < end && out.size() < limit) {
        // A run without escapes; a UTF-16 unit takes at most 3 bytes of UTF-8.
        const qsizetype room = limit - out.size();
        const char *runEnd = p;
        const char *runCap = maxChars >= 0 && (end - p) / 3 > room ? p + room * 3 + 3 : end;
        while (runEnd < runCap && *runEnd != '\\')
            ++runEnd;
        if (runEnd > p) {
            out.append(QString::fromUtf8(p, runEnd - p));
            p = runEnd;
            continue;
        }
        const char n = p + 1 < end ? p[1] : '\\';
        p += 2;
        switch (n) {
        case 'b':
            out.append(QChar(u'\b'));
            break;
        case 'f':
            out.append(QChar(u'\f'));
            break;
        case 'n':
            out.append(QChar(u'\n'));
            break;
        case 'r':
            out.append(QChar(u'\r'));
            break;
        case 't':
            out.append(QChar(u'\t'));
            break;
        case 'u': {
            // A surrogate pair arrives as two escapes; appending both UTF-16 units rebuilds it.
            const int unit = HexDigits::quad(p, end);
            if (unit >= 0) {
                out.append(QChar(char16_t(unit)));
                p += 4;
            }
            break;
        }
        default:
            out.append(QLatin1Char(n));
            break;
        }
    }
    if (out.size() > limit)
        out.truncate(limit);
    return out;
}

} // namespace

// Walks a document with simdjson On-Demand, keeping an explicit stack instead of recursing.
// simdjson validates every token it hands out; this class records where each value sits and,
// when simdjson refuses something, works out where and why in words a person can act on.
//
// The text is parsed wrapped in "[...]": that way the root is never a root scalar (which
// On-Demand treats differently), content after the value shows up as a second element, and an
// unclosed container meets the wrapper's ']' at offset len instead of running off the input.
class JsonDocument::Builder
{
public:
    explicit Builder(const QByteArray &text) : m_text(text), m_len(text.size()) {}

    bool run();

    QVector<Slot> table;
    QString error;
    qint64 errorOffset = -1;

private:
    struct Frame
    {
        qint32 node = -1;
        qint32 lastChild = -1;
        bool isObject = false;
        bool started = false;
        od::array_iterator arrayIt, arrayEnd;
        od::object_iterator objectIt, objectEnd;
        size_t keysStart = 0; // this object's entries in m_keys
    };
    struct KeyRef
    {
        std::string_view key; // unescaped; lives in the parser's string buffer until parse ends
        qint32 node;
    };

    bool step();
    bool nextArrayElement(Frame &f, qint64 commaAt);
    bool nextObjectMember(Frame &f, qint64 commaAt);
    // commaAt: the ',' before an array element, to name a trailing comma; -1 otherwise.
    bool addValue(od::value &value, qint32 parent, qint64 commaAt);
    bool openContainer(qint32 node, bool isObject, od::value &value, std::string_view token);
    bool closeContainer(qint64 closeAt);
    void flagDuplicateKeys(size_t from);
    bool lexicalError(simdjson::error_code code);
    bool fail(qint64 offset, const QString &message);
    bool failAtEnd(const QString &expected);

    qint64 offsetOf(const char *p) const { return p - m_base; }
    char charAt(qint64 offset) const { return offset < m_len ? m_text.at(offset) : ']'; }
    qint64 endOf(qint32 node) const { return qint64(table[node].offset) + table[node].length; }
    qint64 skipSpace(qint64 offset) const;
    qint64 stringEnd(qint64 quoteAt) const; // just past the closing quote
    qint64 trimmedEnd(std::string_view token) const;
    QString describeOpen(qint32 node) const;

    const QByteArray &m_text;
    const qint64 m_len;
    const char *m_base = nullptr; // the text inside the padded wrapper buffer
    std::vector<Frame> m_frames;
    std::vector<KeyRef> m_keys;
};

bool JsonDocument::Builder::run()
{
    // simdjson indexes with 32-bit offsets.
    if (m_len > qint64(0xFFFFFFFFu) - 64)
        return fail(0, QStringLiteral("document too large to parse (over 4 GiB)"));

    simdjson::padded_string buffer(size_t(m_len) + 2);
    if (!buffer.data())
        return fail(0, QStringLiteral("out of memory while parsing"));
    buffer.data()[0] = '[';
    if (m_len > 0)
        memcpy(buffer.data() + 1, m_text.constData(), size_t(m_len));
    buffer.data()[m_len + 1] = ']';
    m_base = buffer.data() + 1;

    od::parser parser;
    // Depth can never exceed the byte count; the wrapper and scalars add a few levels.
    const size_t maxDepth = size_t(std::min<qint64>(m_len, JsonDocument::MaxDepth)) + 8;
    if (parser.allocate(size_t(m_len) + 2, maxDepth) != simdjson::SUCCESS)
        return fail(0, QStringLiteral("out of memory while parsing"));

    od::document doc;
    if (const auto code = parser.iterate(buffer).get(doc))
        return lexicalError(code);

    od::array wrapper;
    od::array_iterator it, end;
    if (doc.get_array().get(wrapper) != simdjson::SUCCESS ||
        wrapper.begin().get(it) != simdjson::SUCCESS || wrapper.end().get(end) != simdjson::SUCCESS)
        return fail(0, QStringLiteral("could not read the document"));
    if (!(it != end)) {
        const qint64 first = skipSpace(0);
        if (first >= m_len)
            return fail(m_len, QStringLiteral("empty input: expected a JSON value"));
        return fail(first, QStringLiteral("expected a JSON value"));
    }
    od::value rootValue;
    if ((*it).get(rootValue) != simdjson::SUCCESS)
        return fail(0, QStringLiteral("could not read the document"));
    if (!addValue(rootValue, -1, -1))
        return false;
    while (!m_frames.empty()) {
        if (!step())
            return false;
    }
    // Positions are taken from the spans, not simdjson's cursor: a number simdjson refused but
    // the grammar accepted (1e400) is never consumed, and the iterators skip it on their own.
    const qint64 after = skipSpace(endOf(0));
    if (after < m_len)
        return fail(after, QStringLiteral("unexpected content after the JSON value"));
    return true;
}

bool JsonDocument::Builder::step()
{
    Frame &f = m_frames.back();
    if (!f.started) {
        f.started = true;
        return f.isObject ? nextObjectMember(f, -1) : nextArrayElement(f, -1);
    }
    // What follows the previous child: ',' or the closing bracket.
    const qint64 at = skipSpace(endOf(f.lastChild));
    bool open;
    if (f.isObject) {
        ++f.objectIt;
        open = f.objectIt != f.objectEnd;
    } else {
        ++f.arrayIt;
        open = f.arrayIt != f.arrayEnd;
    }
    if (!open)
        return closeContainer(at);
    return f.isObject ? nextObjectMember(f, at) : nextArrayElement(f, at);
}

bool JsonDocument::Builder::nextArrayElement(Frame &f, qint64 commaAt)
{
    od::value value;
    if ((*f.arrayIt).get(value) != simdjson::SUCCESS) {
        // Only the step onto this element can have failed: the separator was not a comma.
        if (commaAt >= m_len)
            return failAtEnd(QStringLiteral("',' or ']'; ") + describeOpen(f.node));
        return fail(commaAt, QStringLiteral("expected ',' or ']' after array element"));
    }
    return addValue(value, f.node, commaAt);
}

bool JsonDocument::Builder::nextObjectMember(Frame &f, qint64 commaAt)
{
    od::field field;
    if ((*f.objectIt).get(field) != simdjson::SUCCESS) {
        if (commaAt >= 0 && charAt(commaAt) != ',') {
            if (commaAt >= m_len)
                return failAtEnd(QStringLiteral("',' or '}'; ") + describeOpen(f.node));
            return fail(commaAt, QStringLiteral("expected ',' or '}' after object member"));
        }
        const qint64 keyAt = skipSpace((commaAt >= 0 ? commaAt : table[f.node].offset) + 1);
        if (keyAt >= m_len)
            return failAtEnd(QStringLiteral("an object key; ") + describeOpen(f.node));
        if (charAt(keyAt) != '"') {
            if (commaAt >= 0 && charAt(keyAt) == '}')
                return fail(commaAt, QStringLiteral("trailing comma before '}'"));
            return fail(keyAt, QStringLiteral("expected a string key"));
        }
        const qint64 colonAt = skipSpace(stringEnd(keyAt));
        if (colonAt >= m_len)
            return failAtEnd(QStringLiteral("':' after object key"));
        return fail(colonAt, QStringLiteral("expected ':' after object key"));
    }
    // key() must come before unescaped_key(), which consumes it.
    const qint64 keyStart = offsetOf(field.key().raw()) - 1;
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) {
        const char *bad = firstBadEscape(m_base + keyStart + 1, m_base + stringEnd(keyStart) - 1);
        return fail(bad ? offsetOf(bad) : keyStart, QStringLiteral("invalid escape in object key"));
    }
    m_keys.push_back({key, qint32(table.size())});
    return addValue(field.value(), f.node, -1);
}

bool JsonDocument::Builder::addValue(od::value &value, qint32 parent, qint64 commaAt)
{
    const std::string_view token = value.raw_json_token();
    const qint64 start = offsetOf(token.data());
    if (start >= m_len)
        return failAtEnd(QStringLiteral("a value"));
    od::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS) {
        if (commaAt >= 0 && charAt(start) == ']')
            return fail(commaAt, QStringLiteral("trailing comma before ']'"));
        return fail(start, QStringLiteral("expected a JSON value"));
    }

    const qint32 index = qint32(table.size());
    if (parent >= 0)
        m_frames.back().lastChild = index;
    Slot slot;
    slot.offset = quint32(start);
    slot.parent = parent;
    switch (type) {
    case od::json_type::array:
    case od::json_type::object:
        slot.type = type == od::json_type::object ? Type::Object : Type::Array;
        table.append(slot);
        return openContainer(index, type == od::json_type::object, value, token);
    case od::json_type::string: {
        slot.type = Type::String;
        std::string_view unescaped;
        if (value.get_string().get(unescaped) != simdjson::SUCCESS) {
            const char *bad = firstBadEscape(token.data() + 1, m_base + trimmedEnd(token) - 1);
            return fail(bad ? offsetOf(bad) : start, QStringLiteral("invalid escape in string"));
        }
        break;
    }
    case od::json_type::number: {
        slot.type = Type::Number;
        double ignored;
        if (value.get_double().get(ignored) != simdjson::SUCCESS &&
            !isJsonNumber(token.data(), m_base + trimmedEnd(token)))
            return fail(start, QStringLiteral("invalid number"));
        break;
    }
    case od::json_type::boolean: {
        slot.type = Type::Bool;
        bool ignored;
        if (value.get_bool().get(ignored) != simdjson::SUCCESS)
            return fail(start, QStringLiteral("invalid literal (expected true or false)"));
        break;
    }
    case od::json_type::null: {
        slot.type = Type::Null;
        bool isNull = false;
        if (value.is_null().get(isNull) != simdjson::SUCCESS || !isNull)
            return fail(start, QStringLiteral("invalid literal (expected null)"));
        break;
    }
    }
    slot.length = quint32(trimmedEnd(token) - start);
    table.append(slot);
    return true;
}

bool JsonDocument::Builder::openContainer(qint32 node, bool isObject, od::value &value,
                                          std::string_view token)
{
    if (m_frames.size() >= size_t(JsonDocument::MaxDepth))
        return fail(table[node].offset,
                    QStringLiteral("nesting deeper than %1 levels").arg(JsonDocument::MaxDepth));
    Frame f;
    f.node = node;
    f.isObject = isObject;
    bool empty;
    if (isObject) {
        od::object object;
        if (value.get_object().get(object) != simdjson::SUCCESS ||
            object.begin().get(f.objectIt) != simdjson::SUCCESS ||
            object.end().get(f.objectEnd) != simdjson::SUCCESS)
            return fail(table[node].offset, QStringLiteral("could not read the object"));
        f.keysStart = m_keys.size();
        empty = !(f.objectIt != f.objectEnd);
    } else {
        od::array array;
        if (value.get_array().get(array) != simdjson::SUCCESS ||
            array.begin().get(f.arrayIt) != simdjson::SUCCESS ||
            array.end().get(f.arrayEnd) != simdjson::SUCCESS)
            return fail(table[node].offset, QStringLiteral("could not read the array"));
        empty = !(f.arrayIt != f.arrayEnd);
    }
    m_frames.push_back(f);
    // An empty container was consumed whole; its closing bracket is the token after the opening.
    if (empty)
        return closeContainer(offsetOf(token.data()) + qint64(token.size()));
    return true;
}

bool JsonDocument::Builder::closeContainer(qint64 closeAt)
{
    const Frame &f = m_frames.back();
    if (closeAt >= m_len)
        return failAtEnd(QStringLiteral("'%1'; ").arg(QLatin1Char(f.isObject ? '}' : ']')) +
                         describeOpen(f.node));
    Slot &s = table[f.node];
    s.length = quint32(closeAt + 1 - s.offset);
    if (f.isObject) {
        flagDuplicateKeys(f.keysStart);
        m_keys.resize(f.keysStart);
    }
    m_frames.pop_back();
    return true;
}

void JsonDocument::Builder::flagDuplicateKeys(size_t from)
{
    const auto begin = m_keys.begin() + qsizetype(from);
    const auto end = m_keys.end();
    if (end - begin < 2)
        return;
    // Most objects are small; sorting only pays off for the big ones.
    if (end - begin <= 16) {
        for (auto a = begin; a != end; ++a) {
            for (auto b = a + 1; b != end; ++b) {
                if (a->key == b->key) {
                    table[a->node].duplicateKey = true;
                    table[b->node].duplicateKey = true;
                }
            }
        }
        return;
    }
    std::sort(begin, end, [](const KeyRef &a, const KeyRef &b) { return a.key < b.key; });
    for (auto a = begin; a + 1 != end; ++a) {
        if (a->key == (a + 1)->key) {
            table[a->node].duplicateKey = true;
            table[(a + 1)->node].duplicateKey = true;
        }
    }
}

// simdjson's first pass reports these without a location; find it with a plain scan.
bool JsonDocument::Builder::lexicalError(simdjson::error_code code)
{
    const char *s = m_text.constData();
    if (code == simdjson::UTF8_ERROR) {
        const qint64 at =
            Utf8Check::firstInvalidOffset(QByteArray::fromRawData(s, qsizetype(m_len)));
        return fail(at < 0 ? 0 : at, QStringLiteral("invalid UTF-8"));
    }
    if (code == simdjson::UNCLOSED_STRING || code == simdjson::UNESCAPED_CHARS) {
        qint64 stringStart = -1;
        for (qint64 i = 0; i < m_len; ++i) {
            const char c = s[i];
            if (stringStart < 0) {
                if (c == '"')
                    stringStart = i;
            } else if (c == '\\') {
                ++i;
            } else if (c == '"') {
                stringStart = -1;
            } else if (uchar(c) < 0x20 && code == simdjson::UNESCAPED_CHARS) {
                return fail(i, QStringLiteral("control character in string must be escaped"));
            }
        }
        if (code == simdjson::UNCLOSED_STRING)
            return fail(stringStart < 0 ? m_len : stringStart,
                        QStringLiteral("string is never closed"));
        return fail(0, QStringLiteral("control character in string must be escaped"));
    }
    return fail(0, QString::fromUtf8(simdjson::error_message(code)));
}

bool JsonDocument::Builder::fail(qint64 offset, const QString &message)
{
    error = message;
    errorOffset = std::min(offset, m_len);
    return false;
}

bool JsonDocument::Builder::failAtEnd(const QString &expected)
{
    return fail(m_len, QStringLiteral("unexpected end of input: expected ") + expected);
}

qint64 JsonDocument::Builder::skipSpace(qint64 offset) const
{
    const char *s = m_text.constData();
    while (offset < m_len && isJsonSpace(s[offset]))
        ++offset;
    return offset;
}

qint64 JsonDocument::Builder::stringEnd(qint64 quoteAt) const
{
    const char *s = m_text.constData();
    for (qint64 i = quoteAt + 1; i < m_len; ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return m_len;
}

// A token runs up to the next structural character, whitespace included.
qint64 JsonDocument::Builder::trimmedEnd(std::string_view token) const
{
    const char *b = token.data();
    const char *e = b + token.size();
    while (e > b && isJsonSpace(e[-1]))
        --e;
    return std::min(offsetOf(e), m_len);
}

QString JsonDocument::Builder::describeOpen(qint32 node) const
{
    return QStringLiteral("'%1' at offset %2 is not closed")
        .arg(QLatin1Char(table[node].type == Type::Object ? '{' : '['))
        .arg(table[node].offset);
}

JsonDocument JsonDocument::parse(const QByteArray &text)
{
    JsonDocument doc;
    doc.m_source = text;
    Builder builder(text);
    if (!builder.run()) {
        doc.m_error = builder.error;
        doc.m_errorOffset = builder.errorOffset;
        return doc;
    }
    doc.m_slots = std::move(builder.table);
    doc.m_slots.squeeze();
    doc.buildChildTable();
    return doc;
}

void JsonDocument::buildChildTable()
{
    // Counting sort by parent. Counts go two places up so that, after the prefix sum, filling
    // moves each entry from "start of my range" to "start of the next node's range".
    const qsizetype n = m_slots.size();
    m_childStart.fill(0, n + 2);
    for (qsizetype i = 1; i < n; ++i)
        ++m_childStart[m_slots[i].parent + 2];
    for (qsizetype i = 2; i < n + 2; ++i)
        m_childStart[i] += m_childStart[i - 1];
    m_childList.resize(n > 0 ? n - 1 : 0);
    // Document order means each parent's children arrive in source order.
    for (qsizetype i = 1; i < n; ++i)
        m_childList[m_childStart[m_slots[i].parent + 1]++] = qint32(i);
    m_childStart.resize(n + 1);
    m_childStart.squeeze();
}

JsonDocument::Node JsonDocument::node(int index) const
{
    Node n;
    if (index < 0 || index >= m_slots.size())
        return n;
    const Slot &s = m_slots[index];
    n.span = {qint64(s.offset), qint64(s.length)};
    n.keySpan = keySpanOf(index);
    n.parent = s.parent;
    n.childCount = childCountOf(index);
    n.firstChild = n.childCount > 0 ? index + 1 : -1;
    if (s.parent >= 0) {
        const qint32 *first = m_childList.constData() + m_childStart[s.parent];
        const qint32 *last = m_childList.constData() + m_childStart[s.parent + 1];
        const qint32 *self = std::lower_bound(first, last, qint32(index));
        if (self + 1 < last)
            n.nextSibling = self[1];
    }
    n.type = s.type;
    n.duplicateKey = s.duplicateKey;
    return n;
}

int JsonDocument::child(int parent, int n) const
{
    if (parent < 0 || parent >= m_slots.size() || n < 0 || n >= childCountOf(parent))
        return -1;
    return m_childList[m_childStart[parent] + n];
}

// The key is not stored: walk back from the value over ':' and whitespace to the key's closing
// quote, then to the first quote not escaped by an odd run of backslashes.
ByteSpan JsonDocument::keySpanOf(int index) const
{
    const Slot &s = m_slots[index];
    if (s.parent < 0 || m_slots[s.parent].type != Type::Object)
        return {};
    const char *src = m_source.constData();
    qint64 p = qint64(s.offset) - 1;
    while (p >= 0 && (isJsonSpace(src[p]) || src[p] == ':'))
        --p;
    const qint64 close = p;
    for (--p; p >= 0; --p) {
        if (src[p] != '"')
            continue;
        qint64 backslashes = 0;
        while (p - 1 - backslashes >= 0 && src[p - 1 - backslashes] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return {p, close + 1 - p};
    }
    return {};
}

qint64 JsonDocument::startOf(int index) const
{
    const ByteSpan key = keySpanOf(index);
    return key.isEmpty() ? qint64(m_slots[index].offset) : key.offset;
}

QString JsonDocument::key(int index, qsizetype maxChars) const
{
    if (index < 0 || index >= m_slots.size())
        return {};
    const ByteSpan k = keySpanOf(index);
    if (k.length < 2)
        return {};
    const char *p = m_source.constData() + k.offset;
    return decodeJsonString(p + 1, p + k.length - 1, maxChars);
}

QString JsonDocument::stringValue(int index, qsizetype maxChars) const
{
    if (index < 0 || index >= m_slots.size() || m_slots[index].type != Type::String)
        return {};
    const Slot &s = m_slots[index];
    const char *p = m_source.constData() + s.offset;
    return decodeJsonString(p + 1, p + s.length - 1, maxChars);
}

QByteArray JsonDocument::rawText(int index) const
{
    if (index < 0 || index >= m_slots.size())
        return {};
    return m_source.mid(m_slots[index].offset, m_slots[index].length);
}

int JsonDocument::nodeAt(qint64 offset) const
{
    if (m_slots.isEmpty() || offset < m_slots[0].offset ||
        offset >= qint64(m_slots[0].offset) + m_slots[0].length)
        return -1;
    int current = 0;
    for (;;) {
        const qint32 *kids = m_childList.constData() + m_childStart[current];
        const qint32 *kidsEnd = m_childList.constData() + m_childStart[current + 1];
        // Children sit in source order: find the last one starting at or before the offset.
        const qint32 *hit = std::upper_bound(
            kids, kidsEnd, offset, [this](qint64 off, qint32 c) { return off < startOf(c); });
        if (hit == kids)
            return current;
        const qint32 c = hit[-1];
        const Slot &s = m_slots[c];
        if (offset >= qint64(s.offset) + s.length)
            return current;
        if (offset >= qint64(s.offset))
            current = c;
        else if (keySpanOf(c).contains(offset))
            return c;
        else
            return current; // between the key and the value: ':' or whitespace
    }
}
