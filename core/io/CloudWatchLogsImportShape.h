#pragma once

#include "core/io/ImportShape.h"
#include "core/io/JsonArrayStream.h"
#include "core/io/JsonValueStream.h"

#include <QList>
#include <memory>

// CloudWatch Logs where a function printed the events it received, one per log event: the output
// of `aws logs filter-log-events` / `get-log-events` ({"events": [...]}), a subscription's
// {"logEvents": [...]}, a Logs Insights export ([{"@timestamp", "@message"}]), or plain lines
// (an S3 export, `aws logs tail`, the console) where each event may follow a timestamp and
// Lambda's request-id / level prefix, and may span several lines. Each message's first JSON
// object that is an API Gateway, Lambda, SQS or EventBridge event (or holds one as a member,
// {"event": ...}) is read by that kind's mapper; other lines (START, END, REPORT, the function's
// own output) are passed over. The log event's time stands in when the event has none.
class CloudWatchLogsImportShape : public ImportShape
{
public:
    QString name() const override { return QStringLiteral("cwlogs"); }
    bool detect(const QByteArray &head) const override;
    void start(QIODevice *input, const QString &source) override;
    Next next(ImportedRequest *request) override;

private:
    enum class Mode
    {
        Lines,
        EventArray, // {"events": [...]} or {"logEvents": [...]}
        Objects,    // [{"@message": ...}], or such objects one per line
    };
    // The next log message, its time (µs, 0 unknown) and line; false at the end or on failure.
    bool nextMessage(QByteArray *message, qint64 *timeUs, qint64 *line, bool *failed);
    // Appends the requests of the events `message` holds; false with m_error set.
    bool readMessage(const QByteArray &message, qint64 timeUs, qint64 line);

    Mode m_mode = Mode::Lines;
    QIODevice *m_input = nullptr;
    std::unique_ptr<JsonArrayStream> m_array;
    JsonValueStream m_objects;
    qint64 m_line = 0;
    qint64 m_messages = 0;
    qint64 m_index = 0;
    QList<ImportedRequest> m_pending;
};
