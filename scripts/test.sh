#!/usr/bin/env bash
# Quick start 2: set up, build and run every test (unit, GUI offscreen, end-to-end), then run
# each fuzzer for a short while. HOOKBENCH_FUZZ_SECONDS=0 skips the fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
# The providers' official SDKs, from npm (exact versions); 77: no Node.js >= 20.19, skipped
tests/e2e/sdk/setup.sh || [[ $? -eq 77 ]]
scripts/build.sh -DHOOKBENCH_BUILD_TESTS=ON -DHOOKBENCH_WERROR=ON
ctest --test-dir build --output-on-failure -j2 --timeout 600

fuzz_seconds=${HOOKBENCH_FUZZ_SECONDS:-20}
if [[ "$fuzz_seconds" -gt 0 ]]; then
    CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DHOOKBENCH_FUZZ=ON -DHOOKBENCH_BUILD_GUI=OFF -DHOOKBENCH_BUILD_TESTS=OFF \
        -DHOOKBENCH_BUILD_BENCH=OFF >/dev/null
    targets=$(cd fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
    cmake --build build-fuzz -j"$(nproc)" --target $targets
    for fuzzer in build-fuzz/fuzz/fuzz_*; do
        [[ -f "$fuzzer" && -x "$fuzzer" ]] || continue
        name=$(basename "$fuzzer")
        corpus=$(mktemp -d)
        [[ -d "fuzz/corpus/${name#fuzz_}" ]] && cp -r "fuzz/corpus/${name#fuzz_}/." "$corpus/"
        echo "fuzzing $name for ${fuzz_seconds}s"
        "$fuzzer" -max_total_time="$fuzz_seconds" -max_len=65536 "$corpus" 2>&1 | tail -n 3
        rm -rf "$corpus"
    done
fi
