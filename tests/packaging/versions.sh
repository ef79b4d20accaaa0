#!/usr/bin/env bash
# One version everywhere: the newest CHANGELOG.md entry and the Debian changelog carry
# project(VERSION) and the release date the metainfo is made with, and the built binaries say it.
# Usage: versions.sh SOURCE_DIR VERSION DATE DEBIAN_CHANGELOG HOOKBENCH_CLI [HOOKBENCH]
set -euo pipefail
src=$1 version=$2 date=$3 debian=$4 cli=$5 gui=${6:-}
fail() { echo "FAIL: $*" >&2; exit 1; }

first=$(grep -m1 '^## \[' "$src/CHANGELOG.md") || fail "CHANGELOG.md has no '## [VERSION] - DATE' entry"
[[ $first == "## [$version] - $date" ]] ||
    fail "CHANGELOG.md's newest entry is '$first', expected '## [$version] - $date'"
echo "ok: CHANGELOG.md: $first"

head -1 "$debian" | grep -q "^hookbench ($version-[0-9]*) " ||
    fail "$debian: first line is '$(head -1 "$debian")', expected version $version"
stamp=$(grep -m1 '^ -- ' "$debian" | sed 's/.*>  //')
[[ $(date -u -d "$stamp" +%F) == "$date" ]] ||
    fail "$debian: date '$stamp' is not the release date $date"
echo "ok: Debian changelog $version, $stamp"

out=$("$cli" --version)
[[ $out == "hookbench-cli $version" ]] || fail "hookbench-cli --version says '$out'"
echo "ok: $out"
if [[ -n $gui ]]; then
    out=$(QT_QPA_PLATFORM=offscreen "$gui" --version)
    [[ $out == "hookbench $version" ]] || fail "hookbench --version says '$out'"
    echo "ok: $out"
fi
