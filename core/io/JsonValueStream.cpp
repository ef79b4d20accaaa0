#include "core/io/JsonValueStream.h"

#include "core/io/JsonObjectText.h"

#include <QIODevice>

namespace {

constexpr qint64 ReadBytes = 1024 * 1024;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

void JsonValueStream::start(QIODevice *input)
{
    *this = JsonValueStream();
    m_input = input;
}

JsonValueStream::Next JsonValueStream::fail(const QString &problem)
{
    m_error = QStringLiteral("line %1: %2").arg(m_line).arg(problem);
    return Next::Failed;
}

void JsonValueStream::drop(qsizetype n)
{
    m_line += m_buf.left(n).count('\n');
    m_buf.remove(0, n);
}

JsonValueStream::Next JsonValueStream::next(QByteArray *object, qint64 *line)
{
    bool atEnd = false;
    for (;;) {
        if (!atEnd && m_buf.size() < 64 * 1024) {
            const QByteArray more = m_input->read(ReadBytes);
            atEnd = more.isEmpty();
            m_buf += more;
        }
        if (!m_started && m_buf.startsWith("\xEF\xBB\xBF"))
            m_buf.remove(0, 3);
        qsizetype i = 0;
        while (i < m_buf.size() && (isSpace(m_buf.at(i)) || (m_inArray && m_buf.at(i) == ',')))
            ++i;
        drop(i);
        if (m_buf.isEmpty()) {
            if (!atEnd)
                continue;
            if (m_inArray && !m_arrayDone)
                return fail(QStringLiteral("the JSON ends before its array is closed"));
            return Next::End;
        }
        const char c = m_buf.at(0);
        if (!m_started && c == '[') {
            m_started = m_inArray = true;
            drop(1);
            continue;
        }
        m_started = true;
        if (m_inArray && c == ']') {
            m_arrayDone = true;
            m_inArray = false;
            drop(1);
            continue;
        }
        if (c != '{')
            return fail(QStringLiteral("expected a JSON object, found '%1'")
                            .arg(QString::fromUtf8(m_buf.left(20))));
        const qsizetype end = JsonObjectText::valueEnd(m_buf, 0);
        if (end < 0) {
            if (atEnd)
                return fail(QStringLiteral("the JSON ends before its object is closed"));
            const QByteArray more = m_input->read(ReadBytes);
            atEnd = more.isEmpty();
            m_buf += more;
            continue;
        }
        *object = m_buf.left(end);
        *line = m_line;
        drop(end);
        return Next::Object;
    }
}
