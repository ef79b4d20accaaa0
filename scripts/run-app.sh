#!/usr/bin/env bash
# Quick start 1: set up, build and launch the desktop app (listener on 127.0.0.1:8787,
# captures in the user's data folder).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Only the app's target: the build's options (tests included) stay as they are, so a later ctest
# does not list tests whose binaries were left stale.
scripts/build.sh hookbench
exec build/app/hookbench "$@"
