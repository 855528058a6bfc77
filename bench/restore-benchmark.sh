#!/usr/bin/env bash
# The restore benchmark: loads ITEMS items (default 1,000,000) into a table with point-in-time recovery
# (straight into item-service with the restores' own bulk-load call, to save time), waits until the
# archive has caught up,
# restores it to the latest restorable time through the admin API, and reports the restore's speed
# (items per second, from the restore's own start and finish times). Then measures the cost of
# archiving on writes: PutItem through the gateway (wrk, CLIENTS clients, DURATION seconds) with
# backup-service running, and again with it stopped. Starts its own stack on ports 40500-40504 and
# Kafka on 40592/40593, in a fresh data folder, and stops it afterwards.
#
#   bench/restore-benchmark.sh        (needs wrk and python3)
# Settings: ITEMS (default 1000000), CLIENTS (default 16), DURATION (default 15),
#           WRITES_ONLY=1 (only the write-cost part, on a fresh stack: no restore backlog in the consumers).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ITEMS=${ITEMS:-1000000}
CLIENTS=${CLIENTS:-16}
DURATION=${DURATION:-15}
export DYNAMIS_DATA="${BENCH_DATA:-$ROOT/target/restore-bench-data}"
export DYNAMIS_PORT=40500 DYNAMIS_ITEM_PORT=40501 DYNAMIS_QUERY_PORT=40502 DYNAMIS_CACHE_PORT=40503
export DYNAMIS_BACKUP_PORT=40504 DYNAMIS_KAFKA_PORT=40592 DYNAMIS_KAFKA_CONTROLLER_PORT=40593
export DYNAMIS_SKIP_BUILD=1
GATEWAY="http://127.0.0.1:$DYNAMIS_PORT"
ADMIN="admin:admin"
trap '"$ROOT/dynamis" stop >/dev/null 2>&1 || true' EXIT

call() { curl -fsS -m 60 "$GATEWAY/" -H 'Content-Type: application/x-amz-json-1.0' \
  -H "X-Amz-Target: DynamoDB_20120810.$1" -H "X-Amz-Date: 20261123T000000Z" \
  -H "Authorization: AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0" \
  -d "$2"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

"$ROOT/dynamis" stop >/dev/null 2>&1 || true
rm -rf "$DYNAMIS_DATA"
"$ROOT/dynamis" start >/dev/null
if [ "${WRITES_ONLY:-0}" != 1 ]; then
table_id=$(call CreateTable '{"TableName":"bench_restore","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}' \
  | field "['TableDescription']['TableId']")
call UpdateContinuousBackups '{"TableName":"bench_restore","PointInTimeRecoverySpecification":{"PointInTimeRecoveryEnabled":true}}' >/dev/null
python3 "$ROOT/bench/load_items.py" "http://127.0.0.1:$DYNAMIS_ITEM_PORT/" bench_restore "$table_id" "$ITEMS" 4
# the restore waits for nothing: the latest restorable time is whatever the archive holds by then
until [ "$(curl -fsS -u "$ADMIN" "$GATEWAY/admin/tables/bench_restore/restore-window" | field "['latestRestorableDateTime']")" \
    \> "$(date -u +%Y-%m-%dT%H:%M:%S)" ]; do sleep 5; done
restore=$(curl -fsS -u "$ADMIN" -H 'Content-Type: application/json' "$GATEWAY/admin/restores" \
  -d '{"sourceTableName":"bench_restore","targetTableName":"bench_restored","useLatestRestorableTime":true}')
id=$(echo "$restore" | field "['restore']['RestoreId']")
while true; do
  state=$(curl -fsS -u "$ADMIN" "$GATEWAY/admin/restores/$id")
  status=$(echo "$state" | field "['restore']['Status']")
  [ "$status" = IN_PROGRESS ] || break
  sleep 5
done
echo "$state" | python3 -c "
import json,sys
r=json.load(sys.stdin)['restore']
secs=(r['FinishedMillis']-r['StartedMillis'])/1000
print('restore %s: %d items in %.1f s: %.0f items/s' % (r['Status'], r['ItemsLoaded'], secs, r['ItemsLoaded']/secs))"

sleep 30 # let the restore's own change records drain through the consumers (not always enough)
fi
call CreateTable '{"TableName":"bench_put","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}' >/dev/null
wrk -t2 -c"$CLIENTS" -d10s -s "$ROOT/bench/putitem.lua" "$GATEWAY" -- warm >/dev/null # JIT warm-up
for backup in running stopped; do
  if [ "$backup" = stopped ]; then "$ROOT/dynamis" stop backup-service >/dev/null; fi
  line=$(wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --latency -s "$ROOT/bench/putitem.lua" "$GATEWAY" -- "arch-$backup" | grep '^RESULT')
  eval "${line#RESULT }"
  echo "PutItem with backup-service $backup: $rps/s, p50 $p50_ms ms, p99 $p99_ms ms, errors $errors"
done
