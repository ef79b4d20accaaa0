#pragma once

#include <QByteArray>
#include <QString>

class QIODevice;

// Reads the JSON objects of an input one at a time, whichever way they were saved: one object
// (pretty-printed or not), objects one per line (JSONL) or back to back, or a top-level array of
// objects. Each is handed out as its exact text, so a large file is never held whole.
class JsonValueStream
{
public:
    enum class Next
    {
        Object,
        End,
        Failed
    };

    void start(QIODevice *input);
    // The next object's text and the 1-based line it starts on.
    Next next(QByteArray *object, qint64 *line);
    QString errorString() const { return m_error; }

private:
    Next fail(const QString &problem);
    void drop(qsizetype n); // consumes n bytes of m_buf, counting lines

    QIODevice *m_input = nullptr;
    QByteArray m_buf;
    qint64 m_line = 1;
    bool m_started = false;
    bool m_inArray = false;
    bool m_arrayDone = false;
    QString m_error;
};
