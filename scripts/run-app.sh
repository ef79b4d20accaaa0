#!/usr/bin/env bash
# Quick start 1: set up, build and launch the desktop app (listener on 127.0.0.1:8787,
# captures in the user's data folder).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh -DHOOKBENCH_BUILD_TESTS=OFF
exec build/app/hookbench "$@"
