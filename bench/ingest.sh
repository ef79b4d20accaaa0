#!/usr/bin/env bash
# Ingest benchmark: keep-alive POSTs of a 2 KB JSON body against `hookbench-cli listen` (every
# request durably stored in SQLite before it is answered), and the same load against a minimal
# nginx that answers `return 200` with access_log off. The two are measured in alternating rounds
# (the median of each is reported, which matters on a shared machine), then the store is counted
# to show that every answered request was stored. Builds nothing.
#
# Usage: bench/ingest.sh [PATH/TO/hookbench-cli]      (default: build/app/hookbench-cli)
# Environment (all optional):
#   THREADS=1 CONNECTIONS=32 DURATION=10s   wrk -t/-c/-d for each measured run
#   ROUNDS=3                                measured runs of each server, alternating
#   WARMUP=2s                               one wrk run against each server first (0: none)
#   BODY_BYTES=2048                         request body size
#   DURABILITY=process                      listen.durability in the listener's config:
#                                           process (synchronous=NORMAL) or power (FULL)
#   NGINX_WORKERS=1                         nginx worker_processes (1: one core, like
#                                           Hookbench's single capture thread)
#   BENCH_DIR=DIR                           where the store and the nginx prefix go, kept
#                                           afterwards (default: a temp dir, removed)
#   NGINX=/usr/sbin/nginx WRK=wrk
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cli=${1:-$root/build/app/hookbench-cli}
threads=${THREADS:-1}
connections=${CONNECTIONS:-32}
duration=${DURATION:-10s}
rounds=${ROUNDS:-3}
warmup=${WARMUP:-2s}
body_bytes=${BODY_BYTES:-2048}
durability=${DURABILITY:-process}
nginx_workers=${NGINX_WORKERS:-1}
nginx_bin=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
wrk_bin=${WRK:-wrk}
export BODY_BYTES=$body_bytes

die() { echo "ingest.sh: $*" >&2; exit 1; }
[[ $durability == process || $durability == power ]] ||
    die "DURABILITY expects process or power, found $durability"
[[ -x $cli ]] || die "no hookbench-cli at $cli (build it, or pass its path)"
command -v "$wrk_bin" >/dev/null || die "wrk is not installed"
[[ -x $nginx_bin ]] || die "nginx is not installed ($nginx_bin)"
command -v python3 >/dev/null || die "python3 is needed to find a free port"
command -v curl >/dev/null || die "curl is needed to wait for nginx"

if [[ -n ${BENCH_DIR:-} ]]; then
    work=$BENCH_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/hookbench-bench.XXXXXX")
fi
hb_pid=
nginx_pid=
drain_pid=
wal_pid=
cleanup() {
    set +e # best effort: a process may be gone already
    if [[ -n $hb_pid ]]; then kill "$hb_pid" 2>/dev/null; wait "$hb_pid" 2>/dev/null; fi
    if [[ -n $nginx_pid ]]; then kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; fi
    if [[ -n $drain_pid ]]; then kill "$drain_pid" 2>/dev/null; fi
    if [[ -n $wal_pid ]]; then kill "$wal_pid" 2>/dev/null; fi
    exec 3<&- 2>/dev/null
    if [[ -z ${BENCH_DIR:-} ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

# run_wrk DURATION URL -> wrk's report on stdout
run_wrk() {
    "$wrk_bin" -t"$threads" -c"$connections" -d"$1" --latency -s "$here/post.lua" "$2"
}
field_rate() { awk '/^Requests\/sec:/ {print $2}'; }
field_count() { awk '/ requests in / {print $1}'; }
check_errors() { # LABEL < report
    if grep -q -e 'Non-2xx' -e 'Socket errors' -e 'Connection refused'; then
        echo "ingest.sh: warning: $1 had errors (see its report)" >&2
    fi
}
median() {
    printf '%s\n' "$@" | sort -g |
        awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "machine: $(nproc) cores ($cpu), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "store: $work ($(df -T "$work" | awk 'NR==2 {print $2}'))"
echo "wrk: -t$threads -c$connections -d$duration x $rounds rounds per server, alternating" \
     "(warm-up $warmup), keep-alive POST, $body_bytes-byte JSON body," \
     "Content-Type: application/json"
echo "hookbench: listen.durability \"$durability\""
echo

# --- start Hookbench ---------------------------------------------------------------------------
store=$work/ingest.sqlite
rm -f "$store" "$store-wal" "$store-shm"
# hermetic: not the user's config
printf '{"listen": {"durability": "%s"}}\n' "$durability" >"$work/hookbench.json"
fifo=$work/hookbench.stderr
rm -f "$fifo"
mkfifo "$fifo"
"$cli" listen --port 0 --store "$store" --config "$work/hookbench.json" 2>"$fifo" &
hb_pid=$!
exec 3<"$fifo"
line=
read -r -t 30 -u 3 line || die "hookbench-cli did not start"
cat <&3 >&2 &
drain_pid=$!
[[ $line =~ listening\ on\ (http://[^,]+), ]] ||
    die "unexpected first line from hookbench-cli: $line"
hb_url=${BASH_REMATCH[1]}/bench

# --- start nginx -------------------------------------------------------------------------------
nginx_port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
prefix=$work/nginx
mkdir -p "$prefix"
sed -e "s|@PREFIX@|$prefix|g" -e "s|@PORT@|$nginx_port|g" -e "s|@WORKERS@|$nginx_workers|g" \
    "$here/nginx.conf.in" >"$prefix/nginx.conf"
"$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
nginx_pid=$!
nginx_url=http://127.0.0.1:$nginx_port/bench
for _ in $(seq 200); do # nginx prints nothing when it is ready: poll it
    curl -s -o /dev/null --max-time 1 "$nginx_url" && break
    sleep 0.05
done
curl -s -o /dev/null --max-time 1 "$nginx_url" || die "nginx does not answer at $nginx_url"

# --- measure -----------------------------------------------------------------------------------
# The -wal file's size while the listener runs (checkpoints keep it bounded), sampled 5 times a
# second into a file: the largest seen is reported.
wal_max=$work/wal.max
echo 0 >"$wal_max"
(
    max=0
    while kill -0 "$hb_pid" 2>/dev/null; do
        size=$(stat -c %s "$store-wal" 2>/dev/null || echo 0)
        if ((size > max)); then max=$size; echo "$max" >"$wal_max"; fi
        sleep 0.2
    done
) &
wal_pid=$!
hb_answered=0
if [[ $warmup != 0 ]]; then
    out=$(run_wrk "$warmup" "$hb_url")
    hb_answered=$(field_count <<<"$out")
    run_wrk "$warmup" "$nginx_url" >/dev/null
fi
hb_rates=()
nginx_rates=()
for ((r = 1; r <= rounds; r++)); do
    out=$(run_wrk "$duration" "$hb_url")
    echo "--- round $r: hookbench-cli listen ($hb_url) ---"
    echo "$out"
    check_errors "hookbench round $r" <<<"$out"
    hb_rates+=("$(field_rate <<<"$out")")
    hb_answered=$((hb_answered + $(field_count <<<"$out")))

    out=$(run_wrk "$duration" "$nginx_url")
    echo "--- round $r: nginx return 200 ($nginx_url, worker_processes $nginx_workers) ---"
    echo "$out"
    check_errors "nginx round $r" <<<"$out"
    nginx_rates+=("$(field_rate <<<"$out")")
done

# --- stop, count the store ---------------------------------------------------------------------
kill -QUIT "$nginx_pid"
wait "$nginx_pid" 2>/dev/null || true
nginx_pid=
kill -TERM "$hb_pid"
hb_exit=0
wait "$hb_pid" || hb_exit=$?
hb_pid=
[[ $hb_exit == 0 ]] || echo "ingest.sh: warning: hookbench-cli exited with $hb_exit" >&2
wait "$wal_pid" 2>/dev/null || true
wal_pid=
captures=$("$cli" export --store "$store" --format jsonl | wc -l)
store_size=$(du -sh "$store" | cut -f1)

hb_median=$(median "${hb_rates[@]}")
nginx_median=$(median "${nginx_rates[@]}")
ratio=$(awk -v a="$hb_median" -v b="$nginx_median" 'BEGIN {printf "%.2f", a / b}')
echo
echo "=== Ingest ==="
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
fmt='%-21s: median %8.0f requests/s   rounds: %s\n'
printf "$fmt" "hookbench-cli listen" "$hb_median" "${hb_rates[*]}"
printf "$fmt" "nginx return 200" "$nginx_median" "${nginx_rates[*]}"
echo "ratio hookbench/nginx: $ratio (target >= 0.5)"
echo "listen.durability: $durability; largest -wal file seen while running:" \
     "$(awk '{printf "%.1f MiB", $1 / 1048576}' "$wal_max")"
echo "captures in the store: $captures; wrk counted $hb_answered answered requests to" \
     "Hookbench (warm-up included; requests in flight when a run ends are stored but not" \
     "counted); store $store_size"
if ((captures < hb_answered)); then
    echo "ingest.sh: ERROR: fewer captures than answered requests" >&2
    exit 1
fi
if awk -v r="$ratio" 'BEGIN {exit !(r >= 0.5)}'; then
    echo "result: target met"
else
    echo "result: below target"
fi
