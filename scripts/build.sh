#!/usr/bin/env bash
# Configures and builds Hookbench into build/ (incremental; ccache when present).
#
#   scripts/build.sh [-DOPTION=VALUE]... [TARGET]...
#
# -D/-U options go to CMake's configure step, anything else is a target to build (default: all).
# Configure output is kept short but nothing that matters is hidden: CMake's warnings and errors
# (stderr) are shown whole, and so are status lines saying something is left out ("... not
# registered", "... not found"); when configuring fails, all of its output is shown.
set -euo pipefail
cd "$(dirname "$0")/.."

configure_args=()
build_args=()
for arg in "$@"; do
    case "$arg" in
    -D* | -U*) configure_args+=("$arg") ;;
    -*)
        echo "build.sh: unknown option $arg (expected -DOPTION=VALUE, -UOPTION or a target)" >&2
        exit 2
        ;;
    *) build_args+=(--target "$arg") ;;
    esac
done

out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
if ! cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    ${configure_args[@]+"${configure_args[@]}"} >"$out" 2>"$err"; then
    cat "$out" "$err" >&2
    echo "build.sh: configuring build/ failed (output above)" >&2
    exit 1
fi
cat "$err" >&2
grep -iE 'warning|not registered|not found|skipped|disabled' "$out" >&2 || true
cmake --build build -j"$(nproc)" ${build_args[@]+"${build_args[@]}"}
