#!/usr/bin/env bash
# The bulk-load benchmark: BatchWriteItem through the public API (bench/batchwrite.lua: 25 new ~250-byte items
# a request, from CLIENTS connections) against Dynamis as one process, the local default (durable writes,
# the archive, cache coherence all on), until ITEMS items are acknowledged or DURATION seconds have passed;
# then counts the table with Select COUNT scans, so every acknowledged item is shown to be there.
# Two loads, each reported on its own: the first into bench_put by a freshly started process (whose JIT is still
# compiling the request path: a third of its CPU in the first minute), then the same again into bench_put2 on
# the same server, now running (as a server that has served for a while loads; the first table stays, so the
# store holds twice the items). SECOND_LOAD=0 runs the first only.
# Starts its own process on port PORT (default 40600; the accelerator on PORT+11, Hazelcast on PORT+101) in a
# fresh data folder and stops it afterwards.
#
#   bench/bulk-load-benchmark.sh        (needs wrk and python3)
# Settings: ITEMS (default 1000000), CLIENTS (default 32), DURATION (at most, seconds; default 300; the run ends
# as soon as the table holds every acknowledged item), PORT
# (default 40600), BENCH_DATA (the data folder), SECOND_LOAD (default 1).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITEMS=${ITEMS:-1000000}
CLIENTS=${CLIENTS:-32}
DURATION=${DURATION:-300}
SECOND_LOAD=${SECOND_LOAD:-1}
PORT=${PORT:-40600}
export DYNAMIS_DATA="${BENCH_DATA:-$ROOT/target/bulk-bench-data}" DYNAMIS_PORT=$PORT DYNAMIS_SKIP_BUILD=1
export DYNAMIS_ACCELERATOR_PORT=$((PORT + 11)) DYNAMIS_HAZELCAST_PORT=$((PORT + 101))
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
trap '"$ROOT/dynamis" stop >/dev/null 2>&1 || true' EXIT

. "$ROOT/bench/bench-lib.sh"

"$ROOT/dynamis" stop >/dev/null 2>&1 || true
rm -rf "$DYNAMIS_DATA"
"$ROOT/dynamis" start >/dev/null
PID=$(ss -ltnp "sport = :$PORT" | grep -o "pid=[0-9]*" | head -1 | cut -d= -f2)
cpu() { awk '{print $14+$15}' "/proc/$PID/stat"; }

# load TABLE TITLE: creates TABLE, loads ITEMS into it, counts them back and prints the results under TITLE.
# Each of wrk's two threads stops after its half of ITEMS (25 items a request); wrk itself waits for its whole
# duration, so it is interrupted (and reports) once the table's ItemCount holds every item of those answers
load() {
  local table=$1 title=$2 per_thread wrk_out start c0 c1 wrk_pid out count loaded
  create_table "$table"
  per_thread=$(( (ITEMS / 25 + 1) / 2 ))
  wrk_out=$(mktemp)
  start=$(date +%s.%N); c0=$(cpu)
  BENCH_TABLE=$table BENCH_MAX_REQUESTS=$per_thread wrk -t2 -c"$CLIENTS" -d"${DURATION}s" \
    -s "$ROOT/bench/batchwrite.lua" "http://127.0.0.1:$PORT" -- "bulk$(date +%s)" > "$wrk_out" &
  wrk_pid=$!
  await_load "$table" $(( 2 * per_thread * 25 )) "$wrk_pid" || true # wrk's DURATION ended first: report what it loaded
  c1=$(cpu)
  out=$(cat "$wrk_out"); rm -f "$wrk_out"
  echo "$out" | tail -2

  count=$(count_items "$table")
  loaded=$(echo "$out" | sed -n 's/^loaded in \([0-9.]*\) s$/\1/p')
  python3 - "$title" "$start" "$start + ${loaded:-0}" "$count" "$c0" "$c1" "$(getconf CLK_TCK)" "$(echo "$out" | grep -o 'non-200 answers [0-9]*')" <<'PY'
import sys
title = sys.argv[1]
start, end, count, c0, c1, tck = float(sys.argv[2]), eval(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
secs = end - start
print(f"| {title} | |")
print(f"| items in the table after the load | {count:,} |")
print(f"| load time (first request to last answer) | {secs:.2f} s |")
print(f"| items/s | {count / secs:,.0f} |")
print(f"| server CPU per item (the whole run, counting scans included) | {(c1 - c0) / tck * 1e6 / max(count, 1):.0f} us |")
print(f"| {sys.argv[8]} | |")
PY
}

load bench_put "first load, a freshly started process"
if [ "$SECOND_LOAD" != 0 ]; then
  load bench_put2 "second load, the same server (running)"
fi
