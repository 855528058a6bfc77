#!/usr/bin/env python3
"""Index lag probe: how long after a PutItem is acknowledged a Query on a global secondary index sees it.

Writes one probe item at a time whose index key is unique (tag = "probe-<n>"), then queries the index
for that key without pause until the item is there; the lag is the time from the PutItem's answer to
the first Query that returns it (so it includes up to one Query's round trip). Runs for --seconds,
bounded also by --probes. Prints one line: RESULT probes=.. p50_ms=.. p99_ms=.. max_ms=.. timeouts=..

Stdlib only; loopback endpoints only.
"""
import argparse
import statistics
import time

from ddb_http import Endpoint, percentile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("endpoint")
    parser.add_argument("--table", default="bench_lag")
    parser.add_argument("--index", default="byTag")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--probes", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=10, help="seconds a probe waits before it counts as lost")
    args = parser.parse_args()
    endpoint = Endpoint(args.endpoint)
    lags, timeouts = [], 0
    stop = time.monotonic() + args.seconds
    nonce = int(time.time())
    for n in range(args.probes):
        if time.monotonic() > stop:
            break
        tag = f"probe-{nonce}-{n}"
        endpoint.call("PutItem", {"TableName": args.table, "Item": {"pk": {"S": tag}, "tag": {"S": tag}}})
        acked = time.monotonic()
        query = {"TableName": args.table, "IndexName": args.index, "KeyConditionExpression": "tag = :t",
                 "ExpressionAttributeValues": {":t": {"S": tag}}}
        while True:
            if endpoint.call("Query", query)["Count"] == 1:
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
