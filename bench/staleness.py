#!/usr/bin/env python3
"""Staleness bound of the accelerator: from an acknowledged write on the DynamoDB endpoint to the
accelerator no longer serving the old value.

  staleness.py GATEWAY_URL ACCELERATOR_URL [--trials N] [--table T]

Each trial caches an item through the accelerator (two GetItems: the second one is a hit), overwrites
it through the gateway, and from the moment the PutItem is acknowledged polls GetItem on the
accelerator until it answers the new value (bounded: 10 s a trial). Prints one line:
`STALENESS trials=N p50_ms=.. p99_ms=.. max_ms=.. timeouts=..`. The resolution is one GetItem round
trip. Loopback URLs only; stdlib only.
"""
import argparse
import http.client
import json
import sys
import time
import urllib.parse

AUTH = ("AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


class Endpoint:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        if u.hostname not in ("127.0.0.1", "localhost"):
            sys.exit("refusing a non-loopback endpoint: " + url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)

    def call(self, op, body):
        self.conn.request("POST", "/", json.dumps(body), {
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810." + op,
            "X-Amz-Date": "20261123T000000Z", "Authorization": AUTH})
        response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{op}: {response.status} {data[:200]!r}")
        return json.loads(data)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gateway")
    ap.add_argument("accelerator")
    ap.add_argument("--trials", type=int, default=200)
    ap.add_argument("--table", default="bench_kv")
    args = ap.parse_args()
    gateway, accelerator = Endpoint(args.gateway), Endpoint(args.accelerator)
    lags, timeouts = [], 0
    for trial in range(args.trials):
        key = {"pk": {"S": f"stale{trial % 50:03d}"}}
        gateway.call("PutItem", {"TableName": args.table, "Item": dict(key, v={"S": f"old{trial}"})})
        deadline = time.monotonic() + 10
        while accelerator.call("GetItem", {"TableName": args.table, "Key": key}).get("Item", {}).get("v") != {"S": f"old{trial}"}:
            if time.monotonic() > deadline:
                break
        accelerator.call("GetItem", {"TableName": args.table, "Key": key})  # a hit: the old value is cached
        gateway.call("PutItem", {"TableName": args.table, "Item": dict(key, v={"S": f"new{trial}"})})
        acknowledged = time.monotonic()
        while True:
            item = accelerator.call("GetItem", {"TableName": args.table, "Key": key}).get("Item", {})
            now = time.monotonic()
            if item.get("v") == {"S": f"new{trial}"}:
                lags.append((now - acknowledged) * 1000)
                break
            if now - acknowledged > 10:
                timeouts += 1
                break
    print(f"STALENESS trials={len(lags)} p50_ms={percentile(lags, 50):.1f} p99_ms={percentile(lags, 99):.1f} "
          f"max_ms={max(lags):.1f} timeouts={timeouts}")


if __name__ == "__main__":
    main()
