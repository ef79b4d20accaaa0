#include "core/io/RawImportShape.h"

#include <QIODevice>
#include <QRegularExpression>

namespace {

constexpr qint64 ReadBytes = 1024 * 1024;

FramingLimits unbounded()
{
    FramingLimits limits;
    limits.maxHeaderBytes = 1024 * 1024;
    limits.maxBodyBytes = std::numeric_limits<qint64>::max() / 2;
    return limits;
}

} // namespace

bool RawImportShape::detect(const QByteArray &head) const
{
    static const QRegularExpression re(
        QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+ [^ \\r\\n]+ HTTP/1\\.[01]\\r?\\n"));
    return re.match(QString::fromLatin1(head.left(8192))).hasMatch();
}

void RawImportShape::start(QIODevice *input, const QString &)
{
    m_input = input;
    m_buf.clear();
    m_offset = 0;
    m_line = 1;
    m_index = 0;
    m_error.clear();
}

ImportShape::Next RawImportShape::next(ImportedRequest *request)
{
    RequestFramer framer(unbounded());
    for (;;) {
        const bool atEnd = m_input->atEnd();
        if (m_buf.isEmpty() && atEnd)
            return Next::End;
        RequestFramer::State state = RequestFramer::State::NeedMore;
        if (!m_buf.isEmpty()) {
            do {
                state = framer.advance(m_buf);
            } while (state == RequestFramer::State::HeadersComplete);
        }
        if (state == RequestFramer::State::MessageComplete) {
            const qint64 end = framer.messageEnd();
            *request = ImportedRequest();
            request->raw = m_buf.left(end);
            request->entry = m_index++;
            request->line = m_line;
            m_line += request->raw.count('\n');
            m_offset += end;
            m_buf.remove(0, end);
            return Next::Request;
        }
        const QString where =
            QStringLiteral("request %1 (byte %2, line %3)").arg(m_index).arg(m_offset).arg(m_line);
        if (state == RequestFramer::State::Failed)
            return fail(QStringLiteral("%1: %2 at byte %3")
                            .arg(where, framer.request().error)
                            .arg(m_offset + framer.request().errorOffset));
        if (atEnd)
            return fail(QStringLiteral("%1: the file ends before the request does").arg(where));
        m_buf += m_input->read(ReadBytes);
    }
}
