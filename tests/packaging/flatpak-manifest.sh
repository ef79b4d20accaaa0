#!/usr/bin/env bash
# flatpak-builder --show-manifest: the manifest parses, with no warning (an unknown property is
# only a warning there, so any output on stderr fails), and carries the application id.
# Usage: flatpak-manifest.sh MANIFEST APP_ID
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need flatpak-builder flatpak-builder
err=$(mktemp)
state=$(mktemp -d)
trap 'rm -rf "$err" "$state"' EXIT
manifest=$(realpath "$1")
# Run where its state folder (.flatpak-builder) can be thrown away.
json=$(cd "$state" && flatpak-builder --show-manifest "$manifest" 2>"$err") ||
    { echo "FAIL: flatpak-builder --show-manifest $1" >&2; cat "$err" >&2; exit 1; }
[[ ! -s $err ]] || { echo "FAIL (warnings count): flatpak-builder --show-manifest $1" >&2; cat "$err" >&2; exit 1; }
python3 - "$2" "$json" <<'PY'
import json, sys
app_id, manifest = sys.argv[1], json.loads(sys.argv[2])
problems = []
if manifest.get("id") != app_id:
    problems.append(f"id is {manifest.get('id')!r}, expected {app_id!r}")
if not manifest.get("runtime") == "org.kde.Platform" or not str(manifest.get("runtime-version", "")).startswith("6."):
    problems.append("runtime is not org.kde.Platform 6.x")
if "--talk-name=org.freedesktop.secrets" not in manifest.get("finish-args", []):
    problems.append("finish-args lack --talk-name=org.freedesktop.secrets")
if "qtkeychain" not in [m.get("name") for m in manifest.get("modules", []) if isinstance(m, dict)]:
    problems.append("no qtkeychain module")
if problems:
    sys.exit("FAIL: " + "; ".join(problems))
print("ok: flatpak manifest", app_id)
PY
