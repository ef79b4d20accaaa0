#!/usr/bin/env bash
# Import benchmark: a HAR of ENTRIES entries (default 100,000; as a browser or proxy writes them,
# no _hookbench object), half of them Stripe deliveries to /stripe signed with the endpoint's
# secret (verified, then diagnosed, like the listener's), half JSON posts to a path no endpoint
# serves, each with a ~1 KB body; imported with `hookbench-cli import` into a new store under
# /usr/bin/time -v. Prints the HAR size, the wall time, entries per second and the peak RSS.
# Builds nothing.
#
# Usage: bench/import.sh [PATH/TO/hookbench-cli] [ENTRIES]   (default: build/app/hookbench-cli)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cli=${1:-$root/build/app/hookbench-cli}
entries=${2:-100000}
[ -x "$cli" ] || { echo "import.sh: no hookbench-cli at $cli (build target hookbench-cli)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "import.sh: /usr/bin/time is needed (Debian package time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HB_BENCH_IMPORT_SECRET=whsec_bench_import_not_a_real_secret
cat > "$work/config.json" <<'JSON'
{"endpoints": [{"id": "stripe", "path": "/stripe", "provider": "stripe", "tolerance_s": 0}]}
JSON

python3 - "$work/bench.har" "$entries" <<'PY'
import hashlib, hmac, json, os, sys
path, n = sys.argv[1], int(sys.argv[2])
secret = os.environ["HB_BENCH_IMPORT_SECRET"].encode()
t0 = 1746100800
filler = "x" * 700
with open(path, "w", encoding="utf-8") as f:
    f.write('{"log": {"version": "1.2", "creator": {"name": "bench", "version": "1"}, "entries": [\n')
    for i in range(n):
        t = t0 + i // 10
        body = json.dumps({"id": "evt_%08d" % i, "object": "event", "type": "customer.updated",
                           "created": t, "data": {"object": {"id": "cus_%08d" % i, "note": filler}}},
                          indent=2)
        headers = [{"name": "Host", "value": "hooks.example.test"},
                   {"name": "Content-Type", "value": "application/json; charset=utf-8"},
                   {"name": "User-Agent", "value": "Stripe/1.0 (+https://stripe.com/docs/webhooks)"}]
        if i % 2 == 0:
            url = "https://hooks.example.test/stripe"
            mac = hmac.new(secret, b"%d.%s" % (t, body.encode()), hashlib.sha256).hexdigest()
            headers.append({"name": "Stripe-Signature", "value": "t=%d,v1=%s" % (t, mac)})
        else:
            url = "https://hooks.example.test/other?n=%d" % i
        entry = {"startedDateTime": "2025-05-01T12:%02d:%02d.000Z" % ((i // 600) % 60, (i // 10) % 60),
                 "time": 1, "request": {"method": "POST", "url": url, "httpVersion": "HTTP/1.1",
                                        "cookies": [], "headers": headers, "queryString": [],
                                        "postData": {"mimeType": "application/json", "text": body},
                                        "headersSize": -1, "bodySize": len(body)},
                 "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
                              "cookies": [], "headers": [], "content": {"size": 0, "mimeType": ""},
                              "redirectURL": "", "headersSize": -1, "bodySize": 0},
                 "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}}
        f.write(("," if i else "") + json.dumps(entry) + "\n")
    f.write("]}}\n")
PY

size=$(stat -c %s "$work/bench.har")
/usr/bin/time -v -o "$work/time.txt" "$cli" import --store "$work/store.sqlite" \
    --config "$work/config.json" --secret-env stripe=HB_BENCH_IMPORT_SECRET "$work/bench.har" \
    > "$work/out.txt"
cat "$work/out.txt"
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
secs=$(echo "$wall" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
printf 'import_har_entries %d\n' "$entries"
printf 'import_har_bytes %.1f MB\n' "$(awk -v b="$size" 'BEGIN {print b / 1e6}')"
printf 'import_har_wall %.2f s\n' "$secs"
awk -v n="$entries" -v s="$secs" 'BEGIN {printf "import_har_rate %.0f entries/s\n", n / s}'
awk -v k="$rss" 'BEGIN {printf "import_har_peak_rss %.1f MB\n", k / 1024}'
