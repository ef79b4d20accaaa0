#pragma once

#include "core/capture/ByteSpan.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// multipart/form-data (and other multipart/*) parts with their spans in the body.
class MultipartBody
{
public:
    struct Part
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        QString name;     // from Content-Disposition
        QString fileName; // from Content-Disposition; empty when not a file
        QByteArray contentType;
        ByteSpan headerSpan;
        ByteSpan bodySpan;
    };

    // `contentType` is the request's Content-Type header value; the boundary is taken from it.
    static MultipartBody parse(const QByteArray &body, const QByteArray &contentType);

    QList<Part> parts;
    QString error; // e.g. "no closing boundary"; parts found before the problem are kept
};
