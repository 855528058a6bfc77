#!/usr/bin/env bash
# The accelerator benchmark: GetItem and Query through the accelerator (:8111, cache hits after a
# warm-up) against the same through the DynamoDB endpoint (:8000), in one run on one stack; then the
# staleness bound (acknowledged write on :8000 -> the accelerator no longer serves the old value)
# while the accelerator serves GetItem load. Starts its own stack in a fresh data folder (on the ports
# of the DYNAMIS_* variables, see ./dynamis) and stops it afterwards. Results: markdown on stdout.
#
#   bench/accelerator-benchmark.sh     (needs wrk, python3, and the shared harness's loader and wrk
#                                       scripts: BENCH_HARNESS, default ../shared/bench)
# Settings: DURATION (seconds a measured run, default 15), WARMUP (seconds of each warm-up run, default 15),
#           CLIENTS (default "16 64"), TRIALS (staleness trials, default 200),
#           ADMIN_CREDENTIALS (the gateway's admin user:password, default admin:admin).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HARNESS="${BENCH_HARNESS:-$ROOT/../shared/bench}"
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-15}
CLIENTS=${CLIENTS:-"16 64"}
TRIALS=${TRIALS:-200}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
[ -f "$HARNESS/loader.py" ] || { echo "the load harness is missing: $HARNESS (set BENCH_HARNESS)" >&2; exit 1; }

export DYNAMIS_DATA="${BENCH_DATA:-$ROOT/target/bench-data}"
GATEWAY="http://127.0.0.1:${DYNAMIS_PORT:-8000}"
ACCELERATOR="http://127.0.0.1:${DYNAMIS_ACCELERATOR_PORT:-8111}"
trap '"$ROOT/dynamis" stop >/dev/null 2>&1 || true' EXIT
"$ROOT/dynamis" stop >/dev/null 2>&1 || true
rm -rf "$DYNAMIS_DATA"
"$ROOT/dynamis" start >/dev/null
python3 "$HARNESS/loader.py" setup "$GATEWAY" --items 10000 --parts 1000 --per 10 >/dev/null

# one wrk run; prints "rps p50_ms p99_ms non2xx bad"
run() {
  local url="$1" script="$2" clients="$3" seconds="$4" threads
  threads=$(( clients < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$clients" -d"${seconds}s" --latency -s "$HARNESS/lua/$script.lua" "$url" \
    | python3 -c '
import json, sys
for line in sys.stdin:
    if line.startswith("BENCH "):
        r = json.loads(line[6:])
        non2xx = sum(v for k, v in r.get("status", {}).items() if not str(k).startswith("2"))
        print("%.0f %.2f %.2f %d %d" % (r["rps"], r["p50_us"] / 1000, r["p99_us"] / 1000, non2xx, max(0, r.get("bad", 0))))
'
}

# every preloaded item cached (for 5 minutes) by BatchGetItems through the accelerator, then the JIT
# warmed on both paths and at both client counts (a path measured cold mostly measures the compiler)
PYTHONPATH="$ROOT/bench" python3 -c '
import sys
from ddb_http import Endpoint
accelerator = Endpoint(sys.argv[1])
for start in range(0, 10000, 100):
    keys = [{"pk": {"S": "k%08d" % i}} for i in range(start, start + 100)]
    while keys:
        answer = accelerator.call("BatchGetItem", {"RequestItems": {"bench_kv": {"Keys": keys}}})
        keys = answer.get("UnprocessedKeys", {}).get("bench_kv", {}).get("Keys", [])
' "$ACCELERATOR"
for c in $CLIENTS; do
  run "$ACCELERATOR" getitem "$c" "$WARMUP" >/dev/null
  run "$ACCELERATOR" query "$c" "$WARMUP" >/dev/null
  run "$GATEWAY" getitem "$c" "$WARMUP" >/dev/null
  run "$GATEWAY" query "$c" "$WARMUP" >/dev/null
done

echo "| operation | endpoint | clients | req/s | p50 ms | p99 ms | errors |"
echo "|---|---|---:|---:|---:|---:|---:|"
for op in getitem query; do
  for c in $CLIENTS; do
    for endpoint in gateway accelerator; do
      url=$GATEWAY; [ $endpoint = accelerator ] && url=$ACCELERATOR
      read -r rps p50 p99 non2xx bad <<< "$(run "$url" $op "$c" "$DURATION")"
      label=":8000"; [ $endpoint = accelerator ] && label=":8111"
      echo "| $op | $label | $c | $rps | $p50 | $p99 | $((non2xx + bad)) |"
    done
  done
done
echo
curl -s -u "${ADMIN_CREDENTIALS:-admin:admin}" "$GATEWAY/admin/cache/stats" | python3 -c '
import json, sys
stats = json.load(sys.stdin)
m, gateway = stats["members"][0], stats["gateway"]
item, query = m["item"], m["query"]
hits = item["hits"] + gateway["itemHits"]
print("Cache after the runs: item hit ratio %.4f (%d hits, %d of them answered by the gateway itself, %d misses), "
      "query hit ratio %.4f (%d hits, %d misses)."
      % (hits / max(1, hits + item["misses"]), hits, gateway["itemHits"], item["misses"],
         query["hitRatio"], query["hits"], query["misses"]))'
echo
# staleness under load: 16 clients of GetItem on the accelerator meanwhile
wrk -t2 -c16 -d"$(( TRIALS / 4 + 60 ))s" -s "$HARNESS/lua/getitem.lua" "$ACCELERATOR" >/dev/null &
LOAD=$!
sleep 2
python3 "$ROOT/bench/staleness.py" "$GATEWAY" "$ACCELERATOR" --trials "$TRIALS"
kill "$LOAD" 2>/dev/null || true
wait "$LOAD" 2>/dev/null || true
curl -s -u "${ADMIN_CREDENTIALS:-admin:admin}" "$GATEWAY/admin/cache/stats" | python3 -c '
import json, sys
lag = json.load(sys.stdin)["members"][0]["invalidationLag"]
print("cache-service invalidation lag (commit -> applied, last minute): p50 %.1f ms, p99 %.1f ms, max %.1f ms"
      % (lag.get("p50Millis", 0), lag.get("p99Millis", 0), lag["maxMillis"]))'
