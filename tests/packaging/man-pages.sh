#!/usr/bin/env bash
# Man pages format without a groff warning, as lintian checks them.  Usage: man-pages.sh PAGE...
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need man man-db
for page in "$@"; do
    grep -q '^\.SH NAME' "$page" || { echo "FAIL: $page has no NAME section" >&2; exit 1; }
    warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
        man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null) ||
        { echo "FAIL: man could not format $page: $warnings" >&2; exit 1; }
    [[ -z $warnings ]] || { printf 'FAIL: %s:\n%s\n' "$page" "$warnings" >&2; exit 1; }
    echo "ok: $page"
done
