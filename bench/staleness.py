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
import time

from ddb_http import Endpoint, percentile


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
