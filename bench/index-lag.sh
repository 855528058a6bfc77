#!/usr/bin/env bash
# Index lag: after a PutItem is acknowledged, how long until a Query on a global secondary index sees
# it (bench/index_lag.py), with no other load and under a PutItem load (wrk, bench/putitem.lua) on the
# same table, whose every write is also an index write. Starts its own stack on the usual ports in a
# fresh data folder and stops it afterwards. Results: one markdown table on stdout.
#
#   bench/index-lag.sh                  (needs wrk and python3)
# Settings: DURATION (seconds a probe run, default 20), WARMUP (seconds of load first, default 45),
#           CLIENTS (load connections, default "0 16 64"; 0 = no load).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-45}
CLIENTS=${CLIENTS:-"0 16 64"}
PORT=${DYNAMIS_PORT:-8000}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }

export DYNAMIS_DATA="${BENCH_DATA:-$ROOT/target/bench-lag-data}"
trap '"$ROOT/dynamis" stop >/dev/null 2>&1 || true' EXIT
"$ROOT/dynamis" stop >/dev/null 2>&1 || true
rm -rf "$DYNAMIS_DATA"
"$ROOT/dynamis" start >/dev/null

curl -fsS -m 10 "http://127.0.0.1:$PORT/" -H 'Content-Type: application/x-amz-json-1.0' \
  -H "X-Amz-Target: DynamoDB_20120810.CreateTable" -H "X-Amz-Date: 20261123T000000Z" \
  -H "Authorization: AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0" \
  -d '{"TableName":"bench_lag","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"tag","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"GlobalSecondaryIndexes":[{"IndexName":"byTag","KeySchema":[{"AttributeName":"tag","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],"BillingMode":"PAY_PER_REQUEST"}' >/dev/null

export BENCH_TABLE=bench_lag
wrk -t2 -c16 -d"${WARMUP}s" -s "$ROOT/bench/putitem.lua" "http://127.0.0.1:$PORT" -- warm >/dev/null

echo "| load (PutItem clients) | load PutItem/s | probes | lag p50 ms | lag p99 ms | lag max ms | lost |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for c in $CLIENTS; do
  load_rps="-"
  if [ "$c" -gt 0 ]; then
    t=$(( c < 2 ? 1 : 2 ))
    wrk -t$t -c"$c" -d"$((DURATION + 4))s" -s "$ROOT/bench/putitem.lua" "http://127.0.0.1:$PORT" -- "lag$c" \
      > "$DYNAMIS_DATA/wrk-$c.txt" &
    wrk_pid=$!
    sleep 2
  fi
  line=$(python3 "$ROOT/bench/index_lag.py" "http://127.0.0.1:$PORT" --seconds "$DURATION" | grep '^RESULT')
  eval "${line#RESULT }"
  if [ "$c" -gt 0 ]; then
    wait "$wrk_pid"
    load_rps=$(grep '^RESULT' "$DYNAMIS_DATA/wrk-$c.txt" | sed 's/.*rps=\([0-9]*\).*/\1/')
  fi
  echo "| $c | $load_rps | $probes | $p50_ms | $p99_ms | $max_ms | $timeouts |"
done
