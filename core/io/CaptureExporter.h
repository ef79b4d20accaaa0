#pragma once

#include <QString>
#include <QVector>
#include <functional>

class CaptureRedactor;
class CaptureStore;
class QIODevice;

// Writes stored captures in an export format. Reads one capture at a time and writes it before
// reading the next, so exporting a large store never holds more than one capture in memory.
class CaptureExporter
{
public:
    enum class Format
    {
        Raw,
        Jsonl,
        Har,
        Curl
    };

    struct Options
    {
        Format format = Format::Raw;
        QVector<qint64> ids;  // empty: every capture
        bool onlyIds = false; // ids is the whole selection even when empty (export --filter)
        const CaptureRedactor *redactor = nullptr; // set: --redact-secrets
        QString creatorVersion;                    // HAR's log.creator.version
        QString bodyDir;                           // curl: body files go here
        QString bodyDirFromScript;                 // curl: that folder, relative to the script
        // Called after each capture; returning false stops the export (cancelled).
        std::function<bool(qint64 done, qint64 total)> progress;
    };

    static bool parseFormat(const QString &name, Format *format);
    static QString formatNames(); // "har, jsonl, raw or curl"
    // Returns false with `error` set on an unknown id, a write failure or cancellation.
    // `redactedCount` (optional) gets how many captures had something redacted.
    static bool write(const CaptureStore &store, const Options &options, QIODevice *out,
                      QString *error, qint64 *redactedCount = nullptr);
};
