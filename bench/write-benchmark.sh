#!/usr/bin/env bash
# The write benchmark: PutItem through the gateway at 1, 16 and 64 concurrent clients (wrk, closed
# loop), once with group commit and once with one commit per write. Starts its own stack on the usual
# ports in a fresh data folder, and stops it afterwards. Results: one markdown table on stdout.
#
#   bench/write-benchmark.sh            (needs wrk: apt-get install wrk)
# Settings: DURATION (seconds a measured run, default 15), WARMUP (seconds, default 45: the JIT needs that long on 2 cores),
#           CLIENTS (default "1 16 64"), MODES (default "group per-write").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-45}
CLIENTS=${CLIENTS:-"1 16 64"}
MODES=${MODES:-"group per-write"}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }

export DYNAMIS_DATA="${BENCH_DATA:-$ROOT/target/bench-data}"
trap '"$ROOT/dynamis" stop >/dev/null 2>&1 || true' EXIT

call() { curl -fsS -m 10 http://127.0.0.1:${DYNAMIS_PORT:-8000}/ -H 'Content-Type: application/x-amz-json-1.0' \
  -H "X-Amz-Target: DynamoDB_20120810.$1" -H "X-Amz-Date: 20261123T000000Z" \
  -H "Authorization: AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0" \
  -d "$2" >/dev/null; }

echo "| commit | clients | PutItem/s | p50 ms | p99 ms | errors |"
echo "|---|---:|---:|---:|---:|---:|"
for mode in $MODES; do
  "$ROOT/dynamis" stop >/dev/null 2>&1 || true
  rm -rf "$DYNAMIS_DATA"
  if [ "$mode" = per-write ]; then export DYNAMIS_ITEM_COMMIT_MAX_BATCH=1; else unset DYNAMIS_ITEM_COMMIT_MAX_BATCH; fi
  "$ROOT/dynamis" start >/dev/null
  call CreateTable '{"TableName":"bench_put","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}'
  wrk -t2 -c16 -d"${WARMUP}s" -s "$ROOT/bench/putitem.lua" http://127.0.0.1:${DYNAMIS_PORT:-8000} -- warm >/dev/null
  for c in $CLIENTS; do
    t=$(( c < 2 ? 1 : 2 ))
    line=$(wrk -t$t -c$c -d"${DURATION}s" --latency -s "$ROOT/bench/putitem.lua" \
      http://127.0.0.1:${DYNAMIS_PORT:-8000} -- "$mode$c" | grep '^RESULT')
    eval "${line#RESULT }"
    echo "| $mode | $c | $rps | $p50_ms | $p99_ms | $errors |"
  done
done
