#!/usr/bin/env bash
# desktop-file-validate on the .desktop file, hints included.  Usage: desktop-file.sh FILE
set -euo pipefail
. "$(dirname "$0")/lib.sh"
need desktop-file-validate desktop-file-utils
quiet_pass desktop-file-validate "$1"
