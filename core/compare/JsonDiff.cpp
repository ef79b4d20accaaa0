#include "core/compare/JsonDiff.h"

#include "core/capture/JsonDocument.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <cstring>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The whitespace between tokens, run by run, each with the bytes on either side of it (a
// structural character, or 'v' for the edge of a value), so that the same spaces in other places
// count as a change of layout and reordered members written alike do not.
class WhitespaceRuns
{
public:
    explicit WhitespaceRuns(const QByteArray &text) : m_text(text) {}

    // The next run as (before, run, after); false at the end.
    bool next(char *before, QByteArray *run, char *after)
    {
        const qsizetype n = m_text.size();
        while (m_pos < n) {
            const char c = m_text[m_pos];
            if (c == '"') {
                skipString();
                continue;
            }
            if (!isSpace(c)) {
                ++m_pos;
                continue;
            }
            const qsizetype start = m_pos;
            while (m_pos < n && isSpace(m_text[m_pos]))
                ++m_pos;
            *before = start > 0 ? kind(m_text[start - 1]) : '^';
            *after = m_pos < n ? kind(m_text[m_pos]) : '$';
            *run = m_text.mid(start, m_pos - start);
            return true;
        }
        return false;
    }

private:
    static char kind(char c) { return std::strchr("{}[]:,", c) && c ? c : 'v'; }
    void skipString()
    {
        ++m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != '"')
            m_pos += m_text[m_pos] == '\\' ? 2 : 1;
        ++m_pos;
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
};

bool sameWhitespace(const QByteArray &left, const QByteArray &right)
{
    WhitespaceRuns l(left), r(right);
    char lb = 0, la = 0, rb = 0, ra = 0;
    QByteArray lr, rr;
    for (;;) {
        const bool hasLeft = l.next(&lb, &lr, &la);
        const bool hasRight = r.next(&rb, &rr, &ra);
        if (hasLeft != hasRight)
            return false;
        if (!hasLeft)
            return true;
        if (lb != rb || la != ra || lr != rr)
            return false;
    }
}

QByteArray preview(const JsonDocument &doc, int node)
{
    const ByteSpan span = doc.node(node).span;
    QByteArray text =
        doc.source().mid(span.offset, qMin<qint64>(span.length, JsonDiff::PreviewBytes));
    if (span.length > JsonDiff::PreviewBytes)
        text += "\xe2\x80\xa6"; // …
    return text;
}

bool sameBytes(const JsonDocument &l, const ByteSpan &ls, const JsonDocument &r, const ByteSpan &rs)
{
    return ls.length == rs.length &&
           std::memcmp(l.source().constData() + ls.offset, r.source().constData() + rs.offset,
                       size_t(ls.length)) == 0;
}

} // namespace

class JsonDiff::Walk
{
public:
    Walk(const JsonDocument &left, const JsonDocument &right, JsonDiff &out,
         const std::atomic<bool> *cancel)
        : m_l(left), m_r(right), m_out(out), m_cancel(cancel)
    {}

    void run()
    {
        const QString root;
        compareValues(m_l.root(), m_r.root(), Path{root, nullptr, -1});
        quint32 steps = 0;
        while (!m_stack.isEmpty()) {
            // a 50 MB body has millions of values: the flag is read every 4096 of them
            if (m_cancel && (steps++ & 0xfff) == 0 && m_cancel->load(std::memory_order_relaxed)) {
                m_out.m_cancelled = true;
                return;
            }
            Frame &f = m_stack.last();
            if (f.next >= f.count) {
                m_stack.removeLast();
                continue;
            }
            const int i = f.next++;
            // may push: neither `f` nor the path is used after that
            if (f.isArray) {
                const int l = i < m_l.node(f.left).childCount ? m_l.child(f.left, i) : -1;
                const int r = i < m_r.node(f.right).childCount ? m_r.child(f.right, i) : -1;
                compareValues(l, r, Path{f.pointer, nullptr, i});
            } else {
                const Member &m = f.members[i];
                compareValues(m.left, m.right, Path{f.pointer, &m.key, -1});
            }
        }
    }

private:
    // A member's JSON Pointer, spelled out only when a difference or a container needs it (most
    // values are equal, and a 50 MB body has millions of them).
    struct Path
    {
        const QString &parent;
        const QString *key; // an object member's key; null for an array element or the root
        int index;          // an array element's index; -1 for the root

        QString text() const
        {
            if (key)
                return parent + QLatin1Char('/') + pointerToken(*key);
            return index < 0 ? parent : parent + QLatin1Char('/') + QString::number(index);
        }
    };
    struct Member
    {
        QString key;
        int left = -1; // the last member with this key, as parsers that keep one take it
        int right = -1;
    };
    struct Frame
    {
        QString pointer;
        bool isArray = false;
        int left = -1;
        int right = -1;
        int count = 0;
        int next = 0;
        QVector<Member> members; // objects: left's keys in order, then the right's own
    };

    struct KeyUse
    {
        QString key;
        int last = -1; // the last member with the key
        int count = 0;
    };
    struct Keys
    {
        QVector<KeyUse> uses;
        QHash<QString, int> index; // filled for large objects only

        int indexOf(const QString &key) const
        {
            if (!index.isEmpty())
                return index.value(key, -1);
            for (int i = 0; i < uses.size(); ++i) {
                if (uses[i].key == key)
                    return i;
            }
            return -1;
        }
        int count(const QString &key) const
        {
            const int i = indexOf(key);
            return i < 0 ? 0 : uses[i].count;
        }
    };
    static constexpr int LinearKeys = 16;

    static Keys keysOf(const JsonDocument &doc, int object)
    {
        Keys keys;
        const int n = doc.node(object).childCount;
        keys.uses.reserve(n);
        for (int i = 0; i < n; ++i) {
            const int c = doc.child(object, i);
            const QString key = doc.key(c);
            if (keys.uses.size() == LinearKeys) {
                for (int u = 0; u < keys.uses.size(); ++u)
                    keys.index.insert(keys.uses[u].key, u);
            }
            const int at = keys.indexOf(key);
            if (at >= 0) {
                keys.uses[at].last = c;
                ++keys.uses[at].count;
                continue;
            }
            if (!keys.index.isEmpty())
                keys.index.insert(key, int(keys.uses.size()));
            keys.uses.append({key, c, 1});
        }
        return keys;
    }

    void report(const QString &pointer, Kind kind, int l, int r)
    {
        Difference d;
        d.pointer = pointer;
        d.kind = kind;
        if (l >= 0) {
            d.left = preview(m_l, l);
            d.leftSpan = m_l.node(l).span;
        }
        if (r >= 0) {
            d.right = preview(m_r, r);
            d.rightSpan = m_r.node(r).span;
        }
        m_out.add(d);
    }

    // Whether a subtree holds a duplicate key anywhere (its nodes follow it in document order).
    static bool hasDuplicates(const JsonDocument &doc, int node)
    {
        const qint64 end = doc.node(node).span.end();
        for (int i = node + 1; i < doc.nodeCount(); ++i) {
            const JsonDocument::Node n = doc.node(i);
            if (n.span.offset >= end)
                break;
            if (n.duplicateKey)
                return true;
        }
        return false;
    }

    void compareValues(int l, int r, const Path &path)
    {
        if (l < 0 || r < 0) {
            report(path.text(), l < 0 ? Kind::Added : Kind::Removed, l, r);
            return;
        }
        const JsonDocument::Node ln = m_l.node(l), rn = m_r.node(r);
        if (ln.type != rn.type) {
            report(path.text(), Kind::TypeChanged, l, r);
            return;
        }
        const bool same = sameBytes(m_l, ln.span, m_r, rn.span);
        switch (ln.type) {
        case JsonDocument::Type::Null:
            return;
        case JsonDocument::Type::Bool:
            if (!same)
                report(path.text(), Kind::ValueChanged, l, r);
            return;
        case JsonDocument::Type::Number:
            if (!same)
                report(path.text(),
                       canonicalNumber(m_l.rawText(l)) == canonicalNumber(m_r.rawText(r))
                           ? Kind::NumberSpelling
                           : Kind::ValueChanged,
                       l, r);
            return;
        case JsonDocument::Type::String:
            if (!same)
                report(path.text(),
                       m_l.stringValue(l) == m_r.stringValue(r) ? Kind::StringEscaping
                                                                : Kind::ValueChanged,
                       l, r);
            return;
        case JsonDocument::Type::Array:
        case JsonDocument::Type::Object:
            if (same && !hasDuplicates(m_l, l))
                return; // the same bytes: the same value and layout
            push(l, r, path.text(), ln.type == JsonDocument::Type::Array);
            return;
        }
    }

    void push(int l, int r, const QString &pointer, bool isArray)
    {
        Frame f;
        f.pointer = pointer;
        f.isArray = isArray;
        f.left = l;
        f.right = r;
        if (isArray) {
            f.count = qMax(m_l.node(l).childCount, m_r.node(r).childCount);
            m_stack.append(std::move(f));
            return;
        }
        // Each side's distinct keys in order of first occurrence, with their last member and
        // how often they occur. Most objects are small: a linear search beats hashing them.
        const Keys left = keysOf(m_l, l), right = keysOf(m_r, r);
        QVector<bool> rightMatched(right.uses.size(), false);
        for (const KeyUse &k : left.uses) {
            const int j = right.indexOf(k.key);
            if (j >= 0)
                rightMatched[j] = true;
            f.members.append({k.key, k.last, j >= 0 ? right.uses[j].last : -1});
        }
        for (int j = 0; j < right.uses.size(); ++j) {
            if (!rightMatched[j])
                f.members.append({right.uses[j].key, -1, right.uses[j].last});
        }
        // The keys both have, in each side's order: differing sequences mean a reorder.
        QStringList leftCommon, rightCommon;
        for (const KeyUse &k : left.uses) {
            if (right.indexOf(k.key) >= 0)
                leftCommon.append(k.key);
        }
        for (int j = 0; j < right.uses.size(); ++j) {
            if (rightMatched[j])
                rightCommon.append(right.uses[j].key);
        }
        if (leftCommon != rightCommon) {
            Difference d;
            d.pointer = pointer;
            d.kind = Kind::KeysReordered;
            d.left = keyList(leftCommon);
            d.right = keyList(rightCommon);
            d.leftSpan = m_l.node(l).span;
            d.rightSpan = m_r.node(r).span;
            m_out.add(d);
        }
        for (const Member &m : std::as_const(f.members)) {
            const int lc = left.count(m.key), rc = right.count(m.key);
            if (lc > 1 || rc > 1) {
                Difference d;
                d.pointer = pointer + QLatin1Char('/') + pointerToken(m.key);
                d.kind = Kind::DuplicateKey;
                d.left = QObject::tr("%n time(s)", nullptr, lc).toUtf8();
                d.right = QObject::tr("%n time(s)", nullptr, rc).toUtf8();
                if (m.left >= 0)
                    d.leftSpan = m_l.node(m.left).span;
                if (m.right >= 0)
                    d.rightSpan = m_r.node(m.right).span;
                m_out.add(d);
            }
        }
        f.count = int(f.members.size());
        m_stack.append(std::move(f));
    }

    static QByteArray keyList(const QStringList &keys)
    {
        QByteArray text = "[";
        for (const QString &key : keys) {
            if (text.size() > PreviewBytes) {
                text += ", \xe2\x80\xa6";
                break;
            }
            text += (text.size() > 1 ? ", \"" : "\"") + key.toUtf8() + '"';
        }
        return text + ']';
    }

    const JsonDocument &m_l;
    const JsonDocument &m_r;
    JsonDiff &m_out;
    QVector<Frame> m_stack; // the path being compared; never deeper than the documents
    const std::atomic<bool> *m_cancel;
};

JsonDiff JsonDiff::compare(const QByteArray &left, const QByteArray &right,
                           const std::atomic<bool> *cancel)
{
    const JsonDocument l = JsonDocument::parse(left);
    if (cancel && *cancel) { // the right one is not parsed
        JsonDiff diff;
        diff.m_cancelled = true;
        return diff;
    }
    return compare(l, JsonDocument::parse(right), cancel);
}

JsonDiff JsonDiff::compare(const JsonDocument &left, const JsonDocument &right,
                           const std::atomic<bool> *cancel)
{
    JsonDiff diff;
    if (cancel && *cancel) {
        diff.m_cancelled = true;
        return diff;
    }
    const auto error = [](const JsonDocument &doc) {
        return doc.isValid()
                   ? QString()
                   : QObject::tr("offset %1: %2").arg(doc.errorOffset()).arg(doc.errorString());
    };
    diff.m_leftError = error(left);
    diff.m_rightError = error(right);
    if (!diff.bothJson())
        return diff;
    diff.m_identicalText = left.source() == right.source();
    diff.m_whitespaceChanged =
        !diff.m_identicalText && !sameWhitespace(left.source(), right.source());
    Walk(left, right, diff, cancel).run();
    return diff;
}

void JsonDiff::add(Difference difference)
{
    const Kind kind = difference.kind;
    ++m_counts[int(kind)];
    if (kind == Kind::ValueChanged || kind == Kind::TypeChanged || kind == Kind::Added ||
        kind == Kind::Removed)
        ++m_valueChanges;
    if (m_differences.size() < MaxDifferences)
        m_differences.append(std::move(difference));
    else
        ++m_unlisted;
}

QString JsonDiff::kindName(Kind kind)
{
    switch (kind) {
    case Kind::ValueChanged:
        return QObject::tr("value changed");
    case Kind::TypeChanged:
        return QObject::tr("type changed");
    case Kind::Added:
        return QObject::tr("added");
    case Kind::Removed:
        return QObject::tr("removed");
    case Kind::NumberSpelling:
        return QObject::tr("same number, written differently");
    case Kind::StringEscaping:
        return QObject::tr("same string, escaped differently");
    case Kind::KeysReordered:
        return QObject::tr("keys reordered");
    case Kind::DuplicateKey:
        return QObject::tr("duplicate key");
    }
    return {};
}

QString JsonDiff::summary() const
{
    if (m_cancelled)
        return QObject::tr("JSON comparison cancelled");
    if (!m_leftError.isEmpty() || !m_rightError.isEmpty()) {
        QStringList parts;
        if (!m_leftError.isEmpty())
            parts.append(QObject::tr("The left body is not JSON (%1)").arg(m_leftError));
        if (!m_rightError.isEmpty())
            parts.append(QObject::tr("The right body is not JSON (%1)").arg(m_rightError));
        return parts.join(QStringLiteral("; "));
    }
    QStringList layout;
    if (keysReordered())
        layout.append(QObject::tr("keys reordered"));
    if (m_whitespaceChanged)
        layout.append(QObject::tr("whitespace changed"));
    if (count(Kind::NumberSpelling) > 0)
        layout.append(QObject::tr("numbers written differently"));
    if (count(Kind::StringEscaping) > 0)
        layout.append(QObject::tr("strings escaped differently"));
    QString joined = layout.join(QStringLiteral(", "));
    const qsizetype lastComma = joined.lastIndexOf(QStringLiteral(", "));
    if (lastComma >= 0)
        joined.replace(lastComma, 2, QObject::tr(" and "));
    QString text;
    if (m_identicalText)
        text = QObject::tr("Identical JSON text");
    else if (sameValue())
        text =
            layout.isEmpty() ? QObject::tr("Same JSON") : QObject::tr("Same JSON, %1").arg(joined);
    else
        text =
            layout.isEmpty()
                ? QObject::tr("%n value(s) differ", nullptr, m_valueChanges)
                : QObject::tr("%n value(s) differ (also %1)", nullptr, m_valueChanges).arg(joined);
    if (count(Kind::DuplicateKey) > 0)
        text += QObject::tr("; %n duplicate key(s)", nullptr, count(Kind::DuplicateKey));
    return text;
}

QByteArray JsonDiff::canonicalNumber(const QByteArray &text)
{
    // sign, digits of the mantissa without its point, and the power of ten that scales them
    qsizetype i = 0;
    const bool negative = text.startsWith('-');
    if (negative)
        ++i;
    QByteArray digits;
    qint64 exponent = 0;
    bool fraction = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.') {
            fraction = true;
        } else if (c >= '0' && c <= '9') {
            digits += c;
            if (fraction)
                --exponent;
        } else {
            break;
        }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool expNegative = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
            expNegative = text[i++] == '-';
        qint64 e = 0;
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i)
            e = qMin<qint64>(e * 10 + (text[i] - '0'), qint64(1) << 40); // beyond any double
        exponent += expNegative ? -e : e;
    }
    qsizetype lead = 0;
    while (lead < digits.size() && digits[lead] == '0')
        ++lead;
    digits.remove(0, lead);
    if (digits.isEmpty())
        return "0"; // -0 is 0
    qsizetype trail = 0;
    while (digits[digits.size() - 1 - trail] == '0')
        ++trail;
    digits.chop(trail);
    exponent += trail;
    return (negative ? "-" : "") + digits + 'e' + QByteArray::number(exponent);
}

QString JsonDiff::pointerToken(const QString &key)
{
    QString token = key;
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return token;
}
