#pragma once

#include <QMetaType>
#include <QString>

// A capture's bookmark and note (table capture_marks, CaptureMarks): rows beside the capture,
// which itself never changes.
struct CaptureMark
{
    qint64 captureId = 0;
    bool bookmarked = false;
    QString note;         // empty: none
    qint64 updatedAt = 0; // microseconds since the epoch, strictly increasing over the table

    bool isEmpty() const { return !bookmarked && note.isEmpty(); }
};

Q_DECLARE_METATYPE(CaptureMark)
