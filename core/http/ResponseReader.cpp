#include "core/http/ResponseReader.h"

#include <llhttp.h>

struct ResponseReader::Parser
{
    llhttp_t parser;
    llhttp_settings_t settings;
};

struct ResponseReader::Callbacks
{
    static ResponseReader *self(llhttp_t *p) { return static_cast<ResponseReader *>(p->data); }

    static int onStatus(llhttp_t *p, const char *at, size_t len)
    {
        self(p)->m_reason.append(at, qsizetype(len));
        return HPE_OK;
    }
    static int onHeaderField(llhttp_t *p, const char *at, size_t len)
    {
        self(p)->m_field.append(at, qsizetype(len));
        return HPE_OK;
    }
    static int onHeaderValue(llhttp_t *p, const char *at, size_t len)
    {
        self(p)->m_value.append(at, qsizetype(len));
        return HPE_OK;
    }
    static int onHeaderValueComplete(llhttp_t *p)
    {
        ResponseReader *r = self(p);
        r->m_headers.append({r->m_field, r->m_value.trimmed()});
        r->m_field.clear();
        r->m_value.clear();
        return HPE_OK;
    }
    static int onHeadersComplete(llhttp_t *p)
    {
        self(p)->m_status = int(p->status_code);
        return HPE_OK;
    }
    static int onBody(llhttp_t *p, const char *at, size_t len)
    {
        ResponseReader *r = self(p);
        r->m_bodySize += qint64(len);
        const qint64 room = r->m_maxBodyBytes - r->m_body.size();
        if (room > 0)
            r->m_body.append(at, qsizetype(qMin<qint64>(room, qint64(len))));
        return HPE_OK;
    }
    static int onMessageComplete(llhttp_t *p)
    {
        ResponseReader *r = self(p);
        if (r->m_status == 100) { // an interim answer: the real one follows
            r->m_status = 0;
            r->m_reason.clear();
            r->m_headers.clear();
            return HPE_OK;
        }
        r->m_complete = true;
        return HPE_PAUSED; // anything after it is not ours
    }
};

ResponseReader::ResponseReader(qint64 maxBodyBytes)
    : m_parser(std::make_unique<Parser>()), m_maxBodyBytes(maxBodyBytes)
{
    llhttp_settings_init(&m_parser->settings);
    m_parser->settings.on_status = &Callbacks::onStatus;
    m_parser->settings.on_header_field = &Callbacks::onHeaderField;
    m_parser->settings.on_header_value = &Callbacks::onHeaderValue;
    m_parser->settings.on_header_value_complete = &Callbacks::onHeaderValueComplete;
    m_parser->settings.on_headers_complete = &Callbacks::onHeadersComplete;
    m_parser->settings.on_body = &Callbacks::onBody;
    m_parser->settings.on_message_complete = &Callbacks::onMessageComplete;
    llhttp_init(&m_parser->parser, HTTP_RESPONSE, &m_parser->settings);
    m_parser->parser.data = this;
}

ResponseReader::~ResponseReader() = default;

void ResponseReader::expectNoBody()
{
    // llhttp's way of saying "the request was HEAD": a response with no body to read.
    m_parser->parser.method = HTTP_HEAD;
}

bool ResponseReader::feed(const char *data, qint64 size)
{
    if (m_complete || !m_error.isEmpty())
        return m_error.isEmpty();
    const llhttp_errno_t err = llhttp_execute(&m_parser->parser, data, size_t(size));
    if (err == HPE_OK || err == HPE_PAUSED)
        return true;
    m_error = QStringLiteral("malformed HTTP response: %1")
                  .arg(QString::fromUtf8(llhttp_get_error_reason(&m_parser->parser)));
    return false;
}

void ResponseReader::finish()
{
    if (m_complete || !m_error.isEmpty())
        return;
    if (llhttp_finish(&m_parser->parser) == HPE_OK && m_status != 0)
        m_complete = true; // a body that runs to the connection's end
    else
        m_error = m_status == 0 ? QStringLiteral("the connection closed before an answer")
                                : QStringLiteral("the connection closed in the middle of the "
                                                 "answer");
}

QByteArray ResponseReader::head() const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(m_status) + ' ' + m_reason + "\r\n";
    for (const auto &h : m_headers)
        out += h.first + ": " + h.second + "\r\n";
    return out + "\r\n";
}
