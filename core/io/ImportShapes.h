#pragma once

#include "core/io/ImportShape.h"

#include <QStringList>
#include <memory>
#include <vector>

// The import shapes `hookbench-cli import` knows, in the order detection tries them.
class ImportShapes
{
public:
    static constexpr qint64 DetectBytes = 64 * 1024;

    static QStringList names();
    static std::unique_ptr<ImportShape> create(const QString &name); // null when unknown
    // The shape `head` (an input's first bytes) is, or null when none recognises it.
    static std::unique_ptr<ImportShape> detect(const QByteArray &head);
};
