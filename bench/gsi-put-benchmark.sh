#!/usr/bin/env bash
# PutItem into a table with a global secondary index, side by side with DynamoDB Local in one run: the shared
# harness' putitem case (../shared/bench, -t1 -c16 and -t2 -c64) after a GSI `by_tag` (partition key `tag`, a
# string with 1,000 values; projection ALL) is added to bench_put with UpdateTable, against DynamoDB Local in
# memory and Dynamis as one process (durable writes, the archive, cache coherence, the index kept by the change
# log). Writes OUT/<peer>.md and OUT/SUMMARY.md.
#
#   bench/gsi-put-benchmark.sh OUT      (needs wrk and python3; DynamoDB Local prepared by peers.sh prepare)
# Settings: everything ../shared/bench/bench.sh reads (DURATION, WARMUP, RUNS, CONNS); BASE_PORT (default 18100).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="${BENCH_HOME:-$ROOT/../shared/bench}"
OUT=${1:?usage: bench/gsi-put-benchmark.sh OUTDIR}
BASE_PORT=${BASE_PORT:-18100}
mkdir -p "$OUT"
export DYNAMIS_HAZELCAST_PORT=${DYNAMIS_HAZELCAST_PORT:-18171}

call() { curl -fsS -m 60 "http://127.0.0.1:$1/" -H 'Content-Type: application/x-amz-json-1.0' \
  -H "X-Amz-Target: DynamoDB_20120810.$2" -H "X-Amz-Date: 20261123T000000Z" \
  -H "Authorization: AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0" \
  -d "$3"; }

current=""
trap '[ -n "$current" ] && "$BENCH/peers.sh" stop "$current" >&2 || true' EXIT
tsvs=()
i=0
for peer in ddblocal-mem "dynamis-one=$ROOT/bench/one-process-peer.sh {PORT}"; do
  name=${peer%%=*}
  port=$((BASE_PORT + i))
  i=$((i + 1))
  read -r pid ms < <("$BENCH/peers.sh" start "$peer" "$port")
  current=$peer
  python3 "$BENCH/loader.py" setup "http://127.0.0.1:$port" >&2
  call "$port" UpdateTable '{"TableName":"bench_put","AttributeDefinitions":[{"AttributeName":"tag","AttributeType":"S"}],
    "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"by_tag","KeySchema":[{"AttributeName":"tag","KeyType":"HASH"}],
    "Projection":{"ProjectionType":"ALL"}}}]}' >/dev/null
  until call "$port" DescribeTable '{"TableName":"bench_put"}' | grep -q '"IndexStatus":"ACTIVE"'; do sleep 0.5; done
  echo "[gsi-put] $name: by_tag ACTIVE on bench_put" >&2
  SETUP=0 CASES=putitem PEER_NAME="$name" PEER_PID=$pid PEER_STARTUP_MS=$ms "$BENCH/bench.sh" "http://127.0.0.1:$port" "$OUT/$name.md"
  # the index holds what was written (a Query of one tag value answers)
  call "$port" Query '{"TableName":"bench_put","IndexName":"by_tag","KeyConditionExpression":"tag = :t","ExpressionAttributeValues":{":t":{"S":"t001"}},"Select":"COUNT"}' \
    | python3 -c 'import json,sys; print("[gsi-put] items of tag t001 in the index:", json.load(sys.stdin)["Count"])' >&2
  "$BENCH/peers.sh" stop "$peer" >&2
  current=""
  tsvs+=("$OUT/$name.tsv")
done
python3 "$BENCH/report.py" compare "${tsvs[@]}" > "$OUT/SUMMARY.md"
cat "$OUT/SUMMARY.md"
