#pragma once

#include "core/capture/Capture.h"
#include "core/store/CaptureOrigin.h"

#include <QByteArray>
#include <QJsonObject>

// JSON forms of a capture: the `listen --jsonl` line and the lossless `export --format jsonl` line.
class CaptureJson
{
public:
    static QString rfc3339(qint64 microsSinceEpoch); // 2026-11-22T10:15:30.123456Z
    // {"id","received_at","method","target","endpoint","provider","verdict","status"}
    static QJsonObject listenLine(const CaptureSummary &summary, const QString &provider);
    // the listen fields plus peer, sizes, content type, parse error and the raw bytes (base64)
    static QJsonObject exportLine(const Capture &capture);
    // {"source","format","entry","imported_at","not_rebuilt"}
    static QJsonObject origin(const CaptureOrigin &origin);
    static QByteArray compact(const QJsonObject &object); // one line, newline-terminated
};
