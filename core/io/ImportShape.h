#pragma once

#include "core/io/ImportedRequest.h"

#include <QByteArray>
#include <QString>

class QIODevice;

// One input shape `hookbench-cli import` reads (HAR, raw request files, ...): it recognises its
// inputs from their first bytes and reads them request by request, so a large input is never
// held whole. A new shape (e.g. an AWS event) is one subclass registered in ImportShapes.
class ImportShape
{
public:
    enum class Next
    {
        Request, // *request is filled
        End,     // the input is read to its end
        Failed   // errorString() names the entry or line and the problem
    };

    virtual ~ImportShape() = default;
    virtual QString name() const = 0; // the --format value: "har", "raw", ...
    // Whether `head` (the input's first bytes, up to ImportShapes::DetectBytes) is this shape.
    virtual bool detect(const QByteArray &head) const = 0;
    // Starts reading `input` (open, readable, owned by the caller); `source` is its name.
    virtual void start(QIODevice *input, const QString &source) = 0;
    virtual Next next(ImportedRequest *request) = 0;
    QString errorString() const { return m_error; }

protected:
    Next fail(const QString &error)
    {
        m_error = error;
        return Next::Failed;
    }
    QString m_error;
};
