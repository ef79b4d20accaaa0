#pragma once

#include "core/io/ExportItem.h"

#include <QString>

class QIODevice;

// One export format, written entry by entry to a device: begin(), write() per capture, finish().
// Nothing is held between entries but what the format's framing needs.
class ExportFormatWriter
{
public:
    virtual ~ExportFormatWriter() = default;
    // False with errorString() set when the device refuses a write (or a body file cannot be
    // written).
    virtual bool begin(QIODevice *out) = 0;
    virtual bool write(const ExportItem &item) = 0;
    virtual bool finish() = 0;
    QString errorString() const { return m_error; }

protected:
    bool fail(const QString &error)
    {
        m_error = error;
        return false;
    }
    QString m_error;
};
