#pragma once

#include "core/capture/ByteSpan.h"

#include <QMetaType>

// Declared here rather than in core so core stays free of GUI-facing metatype plumbing; every ui
// class that puts a ByteSpan into a QVariant or a signal includes this header.
Q_DECLARE_METATYPE(ByteSpan)
