#include "core/io/CloudWatchLogsImportShape.h"

#include "core/io/AwsEventMapper.h"
#include "core/io/HarEntryReader.h"
#include "core/io/ImportShapes.h"
#include "core/io/JsonObjectText.h"

#include <QIODevice>
#include <QJsonObject>

namespace {

// A console.log(JSON.stringify(event, null, 2)) spans lines: read on until its object closes.
constexpr qsizetype MaxEventBytes = 16 * 1024 * 1024;

QByteArray firstLine(const QByteArray &head)
{
    for (const QByteArray &line : head.split('\n')) {
        if (!line.trimmed().isEmpty())
            return line.trimmed();
    }
    return {};
}

QStringList keysOf(const QList<JsonObjectText::Member> &members)
{
    QStringList keys;
    for (const JsonObjectText::Member &m : members)
        keys.append(m.key);
    return keys;
}

// The kind of the object `text`, or of its first member that is one ({"event": {...}}).
AwsEventMapper::Kind findEvent(const QByteArray &text, QByteArray *eventText)
{
    QList<JsonObjectText::Member> members;
    if (!JsonObjectText::members(text, &members))
        return AwsEventMapper::Kind::None;
    AwsEventMapper::Kind kind = AwsEventMapper::classify(keysOf(members));
    if (kind != AwsEventMapper::Kind::None) {
        *eventText = text;
        return kind;
    }
    for (const JsonObjectText::Member &m : members) {
        QList<JsonObjectText::Member> inner;
        if (!m.text.startsWith('{') || !JsonObjectText::members(m.text, &inner))
            continue;
        kind = AwsEventMapper::classify(keysOf(inner));
        if (kind != AwsEventMapper::Kind::None) {
            *eventText = m.text;
            return kind;
        }
    }
    return AwsEventMapper::Kind::None;
}

} // namespace

bool CloudWatchLogsImportShape::detect(const QByteArray &head) const
{
    const QStringList keys = JsonObjectText::leadingKeys(head);
    if (keys.contains("events") || keys.contains("logEvents") || keys.contains("@message") ||
        keys.contains("messageType"))
        return true;
    // Plain lines: a timestamp or other prefix, then an event somewhere on a line.
    const QByteArray line = firstLine(head);
    if (line.isEmpty() || line.startsWith('{') || line.startsWith('['))
        return false;
    for (const QByteArray &l : head.split('\n')) {
        const qsizetype brace = l.indexOf('{');
        if (brace < 0)
            continue;
        const QStringList inner = JsonObjectText::leadingKeys(l.mid(brace));
        if (AwsEventMapper::classify(inner) != AwsEventMapper::Kind::None)
            return true;
    }
    return false;
}

void CloudWatchLogsImportShape::start(QIODevice *input, const QString &)
{
    m_input = input;
    m_line = 0;
    m_messages = 0;
    m_index = 0;
    m_pending.clear();
    m_error.clear();
    m_array.reset();
    const QByteArray head = input->peek(ImportShapes::DetectBytes);
    const QStringList keys = JsonObjectText::leadingKeys(head);
    const QByteArray first = firstLine(head);
    if (keys.contains("events") || keys.contains("logEvents")) {
        m_mode = Mode::EventArray;
        m_array = std::make_unique<JsonArrayStream>(QList<QByteArray>{
            keys.contains("events") ? QByteArray("events") : QByteArray("logEvents")});
        m_array->start(input);
    } else if (first.startsWith('{') || first.startsWith('[')) {
        m_mode = Mode::Objects;
        m_objects.start(input);
    } else {
        m_mode = Mode::Lines;
    }
}

bool CloudWatchLogsImportShape::nextMessage(QByteArray *message, qint64 *timeUs, qint64 *line,
                                            bool *failed)
{
    *failed = false;
    *timeUs = 0;
    if (m_mode == Mode::Lines) {
        if (m_input->atEnd())
            return false;
        QByteArray text = m_input->readLine();
        *line = ++m_line;
        const qsizetype brace = text.indexOf('{');
        while (brace >= 0 && JsonObjectText::valueEnd(text, brace) < 0 && !m_input->atEnd() &&
               text.size() < MaxEventBytes) {
            text += m_input->readLine();
            ++m_line;
        }
        *message = text;
        qsizetype token = 0; // a leading timestamp: up to the first space or tab
        while (token < text.size() && token < 40 && text.at(token) != ' ' && text.at(token) != '\t')
            ++token;
        *timeUs = HarEntryReader::parseTime(QString::fromLatin1(text.left(token)));
        return true;
    }
    QByteArray object;
    if (m_mode == Mode::EventArray) {
        switch (m_array->next(&object, line)) {
        case JsonArrayStream::Next::End:
            return false;
        case JsonArrayStream::Next::Failed:
            m_error = m_array->errorString();
            *failed = true;
            return false;
        case JsonArrayStream::Next::Element:
            break;
        }
    } else {
        switch (m_objects.next(&object, line)) {
        case JsonValueStream::Next::End:
            return false;
        case JsonValueStream::Next::Failed:
            m_error = m_objects.errorString();
            *failed = true;
            return false;
        case JsonValueStream::Next::Object:
            break;
        }
    }
    const QJsonObject o = JsonObjectText::value(object).toObject();
    const QJsonValue text = o.contains("@message") ? o.value("@message") : o.value("message");
    if (!text.isString()) {
        // A bare event among log objects: the object itself.
        *message = object;
        return true;
    }
    *message = text.toString().toUtf8();
    *timeUs = AwsEventMapper::timeUs(o.contains("@timestamp") ? o.value("@timestamp")
                                                              : o.value("timestamp"));
    return true;
}

bool CloudWatchLogsImportShape::readMessage(const QByteArray &message, qint64 timeUs, qint64 line)
{
    ++m_messages;
    qsizetype from = 0;
    for (;;) {
        const qsizetype brace = message.indexOf('{', from);
        if (brace < 0)
            return true;
        const qsizetype end = JsonObjectText::valueEnd(message, brace);
        if (end < 0) {
            from = brace + 1;
            continue;
        }
        QByteArray event;
        const AwsEventMapper::Kind kind = findEvent(message.mid(brace, end - brace), &event);
        if (kind == AwsEventMapper::Kind::None) {
            from = brace + 1;
            continue;
        }
        QList<ImportedRequest> requests;
        QString why;
        if (!AwsEventMapper::map(kind, event, &requests, &why)) {
            m_error = QStringLiteral("line %1: a %2 event: %3")
                          .arg(line)
                          .arg(AwsEventMapper::name(kind), why);
            return false;
        }
        for (ImportedRequest &r : requests) {
            r.line = line;
            if (r.receivedAtUs == 0)
                r.receivedAtUs = timeUs;
            m_pending.append(r);
        }
        from = end;
    }
}

ImportShape::Next CloudWatchLogsImportShape::next(ImportedRequest *request)
{
    while (m_pending.isEmpty()) {
        QByteArray message;
        qint64 timeUs = 0;
        qint64 line = 0;
        bool failed = false;
        if (!nextMessage(&message, &timeUs, &line, &failed)) {
            if (failed)
                return Next::Failed;
            if (m_index == 0)
                return fail(QStringLiteral("no API Gateway, Lambda, SQS or EventBridge event in "
                                           "its %1 log messages")
                                .arg(m_messages));
            return Next::End;
        }
        if (!readMessage(message, timeUs, line))
            return Next::Failed;
    }
    *request = m_pending.takeFirst();
    request->entry = m_index++;
    return Next::Request;
}
