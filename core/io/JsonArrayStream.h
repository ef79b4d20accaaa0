#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

// Reads the elements of one array inside a large JSON document (HAR's log.entries) one at a time
// from a device, holding only the element being read: the document around it is scanned, never
// parsed whole, so a 1 GB HAR costs the size of its largest entry. Each element is handed out as
// its JSON text, to be parsed on its own. Only objects are accepted as elements.
class JsonArrayStream
{
public:
    enum class Next
    {
        Element,
        End,
        Failed
    };

    // `path`: the keys from the root object to the array, e.g. {"log", "entries"}.
    explicit JsonArrayStream(QList<QByteArray> path);
    void start(QIODevice *input);
    // The next element's text and the 1-based line it starts on.
    Next next(QByteArray *element, qint64 *line);
    QString errorString() const { return m_error; }
    qint64 bytesRead() const { return m_consumed + m_pos; }

private:
    bool fill(); // reads more; false at the end of the input
    Next fail(const QString &problem);

    QList<QByteArray> m_path;
    QIODevice *m_input = nullptr;
    QByteArray m_buf;
    qint64 m_pos = 0;      // next byte of m_buf to scan
    qint64 m_consumed = 0; // bytes dropped from the front of m_buf
    qint64 m_line = 1;
    int m_depth = 0;
    int m_arrayDepth = -1; // depth inside the target array once found
    bool m_arrayDone = false;
    bool m_inString = false;
    bool m_escape = false;
    QByteArray m_string;      // the last string (first bytes only), a key candidate
    QList<QByteArray> m_keys; // the key each open object level was entered by
    QByteArray m_pendingKey;  // key of the value about to start
    qint64 m_elements = 0;
    QString m_error;
};
