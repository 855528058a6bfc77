#!/usr/bin/env bash
# The restore benchmark: loads ITEMS new ~250-byte items with BatchWriteItem through the public API
# (bench/batchwrite.lua, CLIENTS connections) into a table with point-in-time recovery, against Dynamis as
# one process (the local default: durable writes, the archive, cache coherence all on), waits until the
# archive holds them (the latest restorable time passes the end of the load), restores the table to its
# latest restorable time through the admin API (POST /admin/restores), polls GET /admin/restores/{id}
# until it is COMPLETED, and counts the restored table with Select COUNT scans. The restore's speed is its
# own figure: items loaded / (finish - start), the reading of the archive included.
# Starts its own process on port PORT (default 40700; the accelerator on PORT+11, Hazelcast on PORT+71) in a
# fresh data folder and stops it afterwards.
#
#   bench/restore-benchmark.sh        (needs wrk and python3)
# Settings: ITEMS (default 1000000), CLIENTS (default 32), PORT (default 40700), BENCH_DATA (the data folder).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITEMS=${ITEMS:-1000000}
CLIENTS=${CLIENTS:-32}
PORT=${PORT:-40700}
export DYNAMIS_DATA="${BENCH_DATA:-$ROOT/target/restore-bench-data}" DYNAMIS_PORT=$PORT DYNAMIS_SKIP_BUILD=1
export DYNAMIS_ACCELERATOR_PORT=$((PORT + 11)) DYNAMIS_HAZELCAST_PORT=$((PORT + 71))
GATEWAY="http://127.0.0.1:$PORT"
ADMIN="admin:admin"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
trap '"$ROOT/dynamis" stop >/dev/null 2>&1 || true' EXIT

. "$ROOT/bench/bench-lib.sh"

"$ROOT/dynamis" stop >/dev/null 2>&1 || true
rm -rf "$DYNAMIS_DATA"
"$ROOT/dynamis" start >/dev/null
create_table bench_restore
call UpdateContinuousBackups '{"TableName":"bench_restore","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}' >/dev/null

# each of wrk's two threads stops after its half of ITEMS (25 items a request); wrk itself waits for its whole
# duration, so it is interrupted (and reports) once the table holds them all
wrk_out=$(mktemp)
BENCH_TABLE=bench_restore BENCH_MAX_REQUESTS=$(( (ITEMS / 25 + 1) / 2 )) wrk -t2 -c"$CLIENTS" -d3600s \
  -s "$ROOT/bench/batchwrite.lua" "$GATEWAY" -- "restore$(date +%s)" > "$wrk_out" &
wrk_pid=$!
await_load bench_restore "$ITEMS" "$wrk_pid" || { cat "$wrk_out"; echo "the load ended early" >&2; exit 1; }
echo "load: $(tail -2 "$wrk_out" | tr '\n' ' ')"
rm -f "$wrk_out"
loaded_at=$(date -u +%Y-%m-%dT%H:%M:%S)
source_count=$(count_items bench_restore)
# the restore waits for nothing: the latest restorable time is whatever the archive holds by then
waited=0
until [ "$(curl -fsS -u "$ADMIN" "$GATEWAY/admin/tables/bench_restore/restore-window" | field "['latestRestorableDateTime']")" \
    \> "$loaded_at" ]; do sleep 1; waited=$((waited + 1)); done
echo "the archive held the load ${waited} s after its last answer (and the count)"

restore=$(curl -fsS -u "$ADMIN" -H 'Content-Type: application/json' "$GATEWAY/admin/restores" \
  -d '{"sourceTableName":"bench_restore","targetTableName":"bench_restored","useLatestRestorableTime":true}')
id=$(echo "$restore" | field "['restore']['RestoreId']")
while true; do
  state=$(curl -fsS -u "$ADMIN" "$GATEWAY/admin/restores/$id")
  status=$(echo "$state" | field "['restore']['Status']")
  [ "$status" = IN_PROGRESS ] || break
  sleep 1
done
restored_count=$(count_items bench_restored)
echo "$state" | python3 -c "
import json,sys
r=json.load(sys.stdin)['restore']
secs=(r['FinishedMillis']-r['StartedMillis'])/1000
print('| items in the source table | {:,} |'.format($source_count))
print('| restore ({}) | {:,} items in {:.1f} s |'.format(r['Status'], r['ItemsLoaded'], secs))
print('| items/s | {:,.0f} |'.format(r['ItemsLoaded']/secs))
print('| items in the restored table (Select COUNT scans) | {:,} |'.format($restored_count))"
