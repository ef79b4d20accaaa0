#include "core/io/JsonArrayStream.h"

#include <QIODevice>

namespace {

constexpr qint64 ReadBytes = 1024 * 1024;
constexpr qsizetype MaxKeyBytes = 64;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

JsonArrayStream::JsonArrayStream(QList<QByteArray> path) : m_path(std::move(path)) {}

void JsonArrayStream::start(QIODevice *input)
{
    *this = JsonArrayStream(m_path);
    m_input = input;
}

bool JsonArrayStream::fill()
{
    const QByteArray more = m_input->read(ReadBytes);
    if (more.isEmpty())
        return false;
    m_buf += more;
    return true;
}

JsonArrayStream::Next JsonArrayStream::fail(const QString &problem)
{
    m_error = QStringLiteral("line %1: %2").arg(m_line).arg(problem);
    return Next::Failed;
}

JsonArrayStream::Next JsonArrayStream::next(QByteArray *element, qint64 *line)
{
    qint64 start = -1; // offset in m_buf of the element being read
    qint64 startLine = 0;
    for (;;) {
        if (m_pos >= m_buf.size()) {
            // Keep only the element being read (or nothing) before reading on.
            const qint64 keep = start >= 0 ? start : m_pos;
            m_buf.remove(0, keep);
            m_consumed += keep;
            m_pos -= keep;
            if (start >= 0)
                start = 0;
            if (!fill()) {
                if (m_arrayDone && m_depth == 0)
                    return Next::End;
                if (m_depth > 0 || m_inString)
                    return fail(QStringLiteral("the JSON ends before its last %1 is closed")
                                    .arg(m_inString ? QStringLiteral("string")
                                                    : QStringLiteral("object or array")));
                return fail(QStringLiteral("no %1 array: not a HAR file")
                                .arg(QString::fromUtf8(m_path.join('.'))));
            }
        }
        const char c = m_buf.at(m_pos++);
        if (c == '\n')
            ++m_line;
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            if (m_inString && m_string.size() < MaxKeyBytes && start < 0)
                m_string += c;
            continue;
        }
        if (isSpace(c))
            continue;
        switch (c) {
        case '"':
            m_inString = true;
            m_escape = false;
            m_string.clear();
            break;
        case ':':
            m_pendingKey = m_string;
            break;
        case '{':
        case '[': {
            if (m_depth == 0 && c != '{')
                return fail(QStringLiteral("the document is not a JSON object"));
            if (m_arrayDepth >= 0 && m_depth == m_arrayDepth && start < 0) {
                if (c != '{')
                    return fail(QStringLiteral("entry %1 is not an object").arg(m_elements));
                start = m_pos - 1;
                startLine = m_line;
            }
            m_keys.append(m_pendingKey);
            m_pendingKey.clear();
            ++m_depth;
            // The target array: entered by the path's keys from the root object.
            if (c == '[' && m_arrayDepth < 0 && !m_arrayDone && m_depth == m_path.size() + 1 &&
                m_keys.mid(1) == m_path)
                m_arrayDepth = m_depth;
            break;
        }
        case '}':
        case ']':
            if (m_depth == 0)
                return fail(QStringLiteral("unexpected '%1'").arg(QLatin1Char(c)));
            if (m_depth == m_arrayDepth) { // the array closes
                m_arrayDepth = -1;
                m_arrayDone = true;
            }
            --m_depth;
            m_keys.removeLast();
            if (start >= 0 && m_depth == m_arrayDepth) {
                *element = m_buf.mid(start, m_pos - start);
                *line = startLine;
                ++m_elements;
                return Next::Element;
            }
            break;
        default:
            if (c == ',')
                m_pendingKey.clear();
            if (m_arrayDepth >= 0 && m_depth == m_arrayDepth && start < 0 && c != ',')
                return fail(QStringLiteral("entry %1 is not an object").arg(m_elements));
            break; // numbers, literals and commas need no tracking here
        }
    }
}
