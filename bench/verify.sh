#!/usr/bin/env bash
# Verification benchmark: bench_verify (plain verification of a 1 MB Stripe event, and the full
# diagnosis of a failing one) and, in the same run, `openssl speed -hmac sha256` on 16384-byte
# blocks, the reference rate plain verification is compared with (target: >= 2/3 of it).
# Builds nothing.
#
# Usage: bench/verify.sh [PATH/TO/bench_verify] [ROUNDS]   (default: build/bench/bench_verify, 41)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${1:-$root/build/bench/bench_verify}
rounds=${2:-41}

[ -x "$bin" ] || { echo "verify.sh: no benchmark binary at $bin (build target bench_verify)" >&2; exit 2; }

ours=$("$bin" "$rounds")
echo "$ours"
ssl=$(openssl speed -bytes 16384 -seconds 3 -hmac sha256 2>/dev/null | grep -i '^hmac(sha256)' | tail -1)
# The figure is in thousands of bytes per second ("123456.78k").
ssl_kbs=$(echo "$ssl" | awk '{print $NF}' | tr -d 'k')
ssl_mbs=$(awk -v k="$ssl_kbs" 'BEGIN {printf "%.1f", k / 1000}')
rate=$(echo "$ours" | awk '$1 == "verify_rate" {print $2}')
echo "openssl_hmac_sha256_16k $ssl_mbs MB/s"
awk -v a="$rate" -v b="$ssl_mbs" 'BEGIN {r = a / b; ok = (r >= 0.67) ? "met" : "NOT met"; printf "verify_vs_openssl %.2f ratio (target >= 0.67: %s)\n", r, ok}'
diag=$(echo "$ours" | awk '$1 == "diagnosis_1mb_ms" {print $2}')
awk -v d="$diag" 'BEGIN {ok = (d < 100) ? "met" : "NOT met"; printf "diagnosis_target %s (%.1f ms, target < 100 ms)\n", ok, d}'
# The same in CPU time: on a shared machine the wall time includes waiting for a core.
cpu=$(echo "$ours" | awk '$1 == "diagnosis_1mb_cpu_ms" {print $2}')
[ -n "$cpu" ] && awk -v d="$cpu" 'BEGIN {ok = (d < 100) ? "met" : "NOT met"; printf "diagnosis_target_cpu %s (%.1f ms CPU, target < 100 ms)\n", ok, d}'
