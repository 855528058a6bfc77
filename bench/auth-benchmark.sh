#!/usr/bin/env bash
# The cost of verify mode: GetItem and PutItem (the same request, signed once with the root key) through
# the gateway at 16 concurrent clients, in open mode and in verify mode, one stack after the other on the
# same port, in one run (wrk, closed loop). Verify mode checks every request's signature (the root
# principal skips policy evaluation: this is verification's cost).
#   bench/auth-benchmark.sh             (needs wrk and python3 with botocore, as the AWS CLI brings)
# Settings: BENCH_PORT (default 18000), BENCH_DURATION seconds per run (default 15), BENCH_MODES (default
# "open verify": the order the two stacks run in).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${BENCH_PORT:-18000}"
DURATION="${BENCH_DURATION:-15}"
KEY=AKIABENCHROOT0000001
SECRET=bench-root-secret
URL="http://127.0.0.1:$PORT/"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
export DYNAMIS_PORT="$PORT" DYNAMIS_ACCELERATOR_PORT=$((PORT + 111)) DYNAMIS_HAZELCAST_PORT=$((PORT + 701))
export DYNAMIS_DATA="${BENCH_DATA:-/tmp/bench-dynamis-auth}" DYNAMIS_SKIP_BUILD=1 DYNAMIS_JAVA_OPTS="-Xms256m -Xmx512m"
export DYNAMIS_ROOT_ACCESS_KEY_ID="$KEY" DYNAMIS_ROOT_SECRET_ACCESS_KEY="$SECRET" DYNAMIS_GATEWAY_ADMIN_PASSWORD=bench
trap '"$ROOT/dynamis" stop >/dev/null 2>&1 || true' EXIT

call() { # target body: one signed request with curl
  local signed
  signed=$(python3 "$ROOT/bench/sigv4_headers.py" "$URL" "DynamoDB_20120810.$1" "$2" "$KEY" "$SECRET")
  curl -fsS -o /dev/null "$URL" -H "Content-Type: application/x-amz-json-1.0" -H "X-Amz-Target: DynamoDB_20120810.$1" \
    -H "X-Amz-Date: $(sed -n 1p <<< "$signed")" -H "Authorization: $(sed -n 2p <<< "$signed")" -d "$2"
}

run() { # mode operation body
  local signed
  signed=$(python3 "$ROOT/bench/sigv4_headers.py" "$URL" "DynamoDB_20120810.$2" "$3" "$KEY" "$SECRET")
  BENCH_TARGET="DynamoDB_20120810.$2" BENCH_BODY="$3" BENCH_DATE="$(sed -n 1p <<< "$signed")" \
    BENCH_AUTH="$(sed -n 2p <<< "$signed")" wrk -t2 -c16 -d5s -s "$ROOT/bench/signed.lua" "$URL" >/dev/null
  local line
  line=$(BENCH_TARGET="DynamoDB_20120810.$2" BENCH_BODY="$3" BENCH_DATE="$(sed -n 1p <<< "$signed")" \
    BENCH_AUTH="$(sed -n 2p <<< "$signed")" wrk -t2 -c16 -d"${DURATION}s" --latency -s "$ROOT/bench/signed.lua" "$URL" \
    | grep RESULT)
  printf '%-7s %-8s %s\n' "$1" "$2" "${line#RESULT }"
}

GET='{"TableName":"bench_auth","Key":{"pk":{"S":"k1"}}}'
PUT='{"TableName":"bench_auth","Item":{"pk":{"S":"k2"},"payload":{"S":"'"$(printf 'x%.0s' {1..150})"'"}}}'
for mode in ${BENCH_MODES:-open verify}; do
  rm -rf "$DYNAMIS_DATA"
  DYNAMIS_AUTH="$mode" "$ROOT/dynamis" start >/dev/null
  call CreateTable '{"TableName":"bench_auth","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}'
  call PutItem '{"TableName":"bench_auth","Item":{"pk":{"S":"k1"},"payload":{"S":"hello"}}}'
  run "$mode" GetItem "$GET"
  run "$mode" PutItem "$PUT"
  "$ROOT/dynamis" stop >/dev/null
done
