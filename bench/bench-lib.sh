# Sourced by the bench scripts: calls to a Dynamis endpoint on 127.0.0.1:$PORT with a dummy SigV4 header (open mode).
#   call OPERATION JSON        the answer's body (curl fails on a non-2xx answer)
#   create_table TABLE         creates an on-demand table keyed by pk (a string), as the bench's lua scripts write
#   count_items TABLE          the table's items, counted with Select COUNT scans page by page
#   field PATH                 one value of the JSON on stdin, e.g. field "['Table']['ItemCount']"
#   await_load TABLE N WRK_PID waits until TABLE's ItemCount reaches N, then interrupts wrk (which reports) and
#                              waits for it; fails if wrk ended first
call() { curl -fsS -m 120 "http://127.0.0.1:$PORT/" -H 'Content-Type: application/x-amz-json-1.0' \
  -H "X-Amz-Target: DynamoDB_20120810.$1" -H "X-Amz-Date: 20261123T000000Z" \
  -H "Authorization: AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0" \
  -d "$2"; }

create_table() {
  call CreateTable '{"TableName":"'"$1"'","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}' >/dev/null
}

count_items() {
  local count=0 start_key="" page n
  while :; do
    page=$(call Scan "{\"TableName\":\"$1\",\"Select\":\"COUNT\"${start_key:+,\"ExclusiveStartKey\":$start_key}}")
    read -r n start_key < <(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["Count"], json.dumps(d["LastEvaluatedKey"], separators=(",",":")) if "LastEvaluatedKey" in d else "")' <<< "$page")
    count=$((count + n))
    [ -n "$start_key" ] || break
  done
  echo "$count"
}

field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

await_load() {
  until [ "$(call DescribeTable "{\"TableName\":\"$1\"}" | field "['Table']['ItemCount']")" -ge "$2" ]; do
    kill -0 "$3" 2>/dev/null || return 1
    sleep 2
  done
  kill -INT "$3" 2>/dev/null
  wait "$3" || true
}
