#pragma once

#include <QString>
#include <QVector>

class CaptureStore;
class QIODevice;

// Writes stored captures in an export format. Reads one capture at a time, so exporting a large
// store never holds more than one capture in memory.
class CaptureExporter
{
public:
    enum class Format
    {
        Raw,
        Jsonl
    };

    static bool parseFormat(const QString &name, Format *format);
    // An empty id list exports every capture. Returns false with `error` set on an unknown id
    // or a write failure.
    static bool write(const CaptureStore &store, Format format, const QVector<qint64> &ids,
                      QIODevice *out, QString *error);
};
