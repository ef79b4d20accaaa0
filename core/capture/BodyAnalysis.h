#pragma once

#include "core/capture/FormFields.h"
#include "core/capture/JsonDocument.h"
#include "core/capture/MultipartBody.h"
#include "core/capture/ParsedRequest.h"

#include <QByteArray>
#include <memory>

// What a request body is and what is in it: transfer framing and Content-Encoding undone, then
// read as JSON, form fields or multipart parts according to its Content-Type (or its look).
// Pure and thread-safe, so the GUI runs it on a worker thread for large bodies.
class BodyAnalysis
{
public:
    enum class Kind
    {
        Empty,
        Json,
        Form,
        Multipart,
        Text,
        Binary
    };

    static constexpr qint64 MaxExpandedBytes = 64ll * 1024 * 1024;
    static BodyAnalysis analyze(const QByteArray &raw, const ParsedRequest &parsed);

    Kind kind = Kind::Empty;
    QByteArray body;             // the bytes the parsers saw
    bool contentDecoded = false; // Content-Encoding was undone: body offsets are not raw offsets
    QString problem;             // why the body could not be decoded or parsed, if so
    std::shared_ptr<const JsonDocument> json;
    QList<FormFields::Field> form;
    MultipartBody multipart;
};
