#!/usr/bin/env bash
# The cost of capacity accounting: GetItem and PutItem through one process (./dynamis run), with
# dynamis.capacity.enforce off and on, alternating (off, on, off, on, ...) so that a busy machine's drift
# falls on both. The table is PROVISIONED with 40,000 RCU / 40,000 WCU, more than these runs consume, so
# nothing is throttled: what differs is only the accounting. Results: one markdown table on stdout.
#
#   bench/capacity-benchmark.sh         (needs wrk)
# Settings: DURATION (seconds a measured run, default 10), WARMUP (seconds, default 20), ROUNDS (default 2),
#           PORT (default 47000; the accelerator and Hazelcast take PORT+111 and PORT+701).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-20}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-47000}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
export DYNAMIS_PORT=$PORT DYNAMIS_ACCELERATOR_PORT=$((PORT + 111)) DYNAMIS_HAZELCAST_PORT=$((PORT + 701))
export DYNAMIS_DATA="${BENCH_DATA:-$ROOT/target/bench-capacity}" DYNAMIS_SKIP_BUILD=1
URL=http://127.0.0.1:$PORT
trap '"$ROOT/dynamis" stop >/dev/null 2>&1 || true' EXIT

call() { curl -fsS -m 10 "$URL/" -H 'Content-Type: application/x-amz-json-1.0' \
  -H "X-Amz-Target: DynamoDB_20120810.$1" -H "X-Amz-Date: 20261123T000000Z" \
  -H "Authorization: AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0" \
  -d "$2" >/dev/null; }
run() { # script clients -> "rps p50"
  local line
  line=$(wrk -t2 -c"$2" -d"${DURATION}s" --latency -s "$ROOT/bench/$1" "$URL" -- "r$RANDOM" | grep '^RESULT')
  eval "${line#RESULT }"
  echo "$rps $p50_ms $errors"
}

echo "| round | enforce | GetItem/s (c16) | p50 ms | PutItem/s (c16) | p50 ms | errors |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for round in $(seq 1 "$ROUNDS"); do
  for enforce in false true; do
    "$ROOT/dynamis" stop >/dev/null 2>&1 || true
    rm -rf "$DYNAMIS_DATA"
    DYNAMIS_CAPACITY_ENFORCE=$enforce "$ROOT/dynamis" start >/dev/null
    call CreateTable '{"TableName":"bench_put","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":40000,"WriteCapacityUnits":40000}}'
    payload=$(printf 'x%.0s' $(seq 1 150))
    for b in $(seq 0 39); do # the 1,000 items getitem.lua reads, 25 a BatchWriteItem
      items=""
      for i in $(seq $((b * 25)) $((b * 25 + 24))); do
        items="$items${items:+,}{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"k$i\"},\"payload\":{\"S\":\"$payload\"}}}}"
      done
      call BatchWriteItem "{\"RequestItems\":{\"bench_put\":[$items]}}"
    done
    wrk -t2 -c16 -d"${WARMUP}s" -s "$ROOT/bench/getitem.lua" "$URL" >/dev/null
    wrk -t2 -c16 -d"$((WARMUP / 2))s" -s "$ROOT/bench/putitem.lua" "$URL" -- warm >/dev/null
    read -r get_rps get_p50 get_err <<<"$(run getitem.lua 16)"
    read -r put_rps put_p50 put_err <<<"$(run putitem.lua 16)"
    echo "| $round | $enforce | $get_rps | $get_p50 | $put_rps | $put_p50 | $((get_err + put_err)) |"
  done
done
