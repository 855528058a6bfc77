#!/usr/bin/env python3
"""Index lag probe: how long after a PutItem is acknowledged a Query on a global secondary index sees it.

Writes one probe item at a time whose index key is unique (tag = "probe-<n>"), then queries the index
for that key without pause until the item is there; the lag is the time from the PutItem's answer to
the first Query that returns it (so it includes up to one Query's round trip). Runs for --seconds,
bounded also by --probes. Prints one line: RESULT probes=.. p50_ms=.. p99_ms=.. max_ms=.. timeouts=..

Stdlib only; loopback endpoints only.
"""
import argparse
import http.client
import json
import statistics
import time
from urllib.parse import urlparse

HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Date": "20261123T000000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000",
}


def call(conn, op, body):
    headers = dict(HEADERS)
    headers["X-Amz-Target"] = "DynamoDB_20120810." + op
    conn.request("POST", "/", json.dumps(body), headers)
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise RuntimeError(f"{op}: {response.status} {data[:200]!r}")
    return json.loads(data)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("endpoint")
    parser.add_argument("--table", default="bench_lag")
    parser.add_argument("--index", default="byTag")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--probes", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=10, help="seconds a probe waits before it counts as lost")
    args = parser.parse_args()
    url = urlparse(args.endpoint)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback endpoints only")
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    lags, timeouts = [], 0
    stop = time.monotonic() + args.seconds
    nonce = int(time.time())
    for n in range(args.probes):
        if time.monotonic() > stop:
            break
        tag = f"probe-{nonce}-{n}"
        call(conn, "PutItem", {"TableName": args.table, "Item": {"pk": {"S": tag}, "tag": {"S": tag}}})
        acked = time.monotonic()
        query = {"TableName": args.table, "IndexName": args.index, "KeyConditionExpression": "tag = :t",
                 "ExpressionAttributeValues": {":t": {"S": tag}}}
        while True:
            if call(conn, "Query", query)["Count"] == 1:
                lags.append((time.monotonic() - acked) * 1000)
                break
            if time.monotonic() - acked > args.timeout:
                timeouts += 1
                break
    if not lags:
        raise SystemExit("no probe completed")
    print(f"RESULT probes={len(lags)} p50_ms={statistics.median(lags):.1f} p99_ms={percentile(lags, 99):.1f}"
          f" max_ms={max(lags):.1f} timeouts={timeouts}")


if __name__ == "__main__":
    main()
