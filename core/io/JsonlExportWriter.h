#pragma once

#include "core/io/ExportFormatWriter.h"

// `--format jsonl`: one CaptureJson::exportLine per capture (the exact bytes as raw_base64, so
// any body, binary or not, comes back byte for byte), plus "redacted" when something was.
class JsonlExportWriter : public ExportFormatWriter
{
public:
    bool begin(QIODevice *out) override;
    bool write(const ExportItem &item) override;
    bool finish() override { return true; }

private:
    QIODevice *m_out = nullptr;
};
