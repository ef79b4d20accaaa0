#!/usr/bin/env bash
# Renders the hicolor PNG icons from the SVG (librsvg2-bin's rsvg-convert). Run after editing
# the SVG and commit the PNGs: the build and the packages use the committed files.
set -euo pipefail
cd "$(dirname "$0")"
id=io.github.hookbench.Hookbench
for size in 16 22 24 32 48 64 128 256; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" "$id.svg" -o "hicolor/${size}x${size}/apps/$id.png"
done

# Windows .ico and macOS .icns, both holding the PNGs above (PNG entries are valid in both).
python3 - "$id" <<'PY'
import struct, sys
app = sys.argv[1]
png = lambda s: open(f"hicolor/{s}x{s}/apps/{app}.png", "rb").read()

sizes = [16, 24, 32, 48, 64, 256]
header = struct.pack("<HHH", 0, 1, len(sizes))
offset = len(header) + 16 * len(sizes)
entries, blobs = b"", b""
for s in sizes:
    data = png(s)
    entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
    blobs += data
open(f"{app}.ico", "wb").write(header + entries + blobs)

chunks = b""
for kind, s in [("icp4", 16), ("icp5", 32), ("ic11", 32), ("icp6", 64), ("ic12", 64),
                ("ic07", 128), ("ic08", 256), ("ic13", 256)]:
    data = png(s)
    chunks += kind.encode() + struct.pack(">I", 8 + len(data)) + data
open(f"{app}.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)
PY
