#!/usr/bin/env bash
# Fills a store with 1,000,000 captures (first run only), then measures the app opening it:
# time to the first painted rows and peak memory. Usage: bench/gui_open.sh [BUILD_DIR] [COUNT]
set -euo pipefail
build=${1:-build}
count=${2:-1000000}
store=${HOOKBENCH_BENCH_STORE:-/tmp/hookbench-bench-1m.sqlite}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
"$build/bench/bench_gui_open" "$store" "$count" >/dev/null # fill (a separate process)
"$build/bench/bench_gui_open" "$store" "$count"            # measure
