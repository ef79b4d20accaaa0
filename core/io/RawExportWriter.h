#pragma once

#include "core/io/ExportFormatWriter.h"

// `--format raw`: each capture's exact bytes, one after another (CONTRACT.md, raw request files).
class RawExportWriter : public ExportFormatWriter
{
public:
    bool begin(QIODevice *out) override;
    bool write(const ExportItem &item) override;
    bool finish() override { return true; }

private:
    QIODevice *m_out = nullptr;
};
