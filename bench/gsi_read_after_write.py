#!/usr/bin/env python3
"""What read after write costs a Query of a global secondary index under write load.

Creates (once) table bench_raw (key pk) with a global index byG on g (ALL), loads --items items, then for
--seconds runs --writers threads that move random items to another index key with UpdateItem and
--readers threads that query the index for a random key, back to back. Prints one line:
RESULT writes_s=.. queries_s=.. query_p50_ms=.. query_p99_ms=.. query_max_ms=..
Run it once with the stack's default (read after write on) and once with the stack started with
DYNAMIS_QUERY_GSI_READ_AFTER_WRITE=false. Stdlib only; loopback endpoints only.
"""
import argparse
import random
import threading
import time

from ddb_http import Endpoint, percentile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("endpoint")
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--buckets", type=int, default=50)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    setup = Endpoint(args.endpoint)
    if "bench_raw" not in setup.call("ListTables", {}).get("TableNames", []):
        setup.call("CreateTable", {
            "TableName": "bench_raw", "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                     {"AttributeName": "g", "AttributeType": "S"}],
            "GlobalSecondaryIndexes": [{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                        "Projection": {"ProjectionType": "ALL"}}]})
        for i in range(args.items):
            setup.call("PutItem", {"TableName": "bench_raw",
                                   "Item": {"pk": {"S": f"item-{i}"}, "g": {"S": f"b{i % args.buckets}"}}})
    stop = time.monotonic() + args.seconds
    writes, latencies = [0], []
    lock = threading.Lock()

    def writer(seed):
        endpoint, rnd, done = Endpoint(args.endpoint), random.Random(seed), 0
        while time.monotonic() < stop:
            endpoint.call("UpdateItem", {"TableName": "bench_raw", "Key": {"pk": {"S": f"item-{rnd.randrange(args.items)}"}},
                                         "UpdateExpression": "SET g = :g",
                                         "ExpressionAttributeValues": {":g": {"S": f"b{rnd.randrange(args.buckets)}"}}})
            done += 1
        with lock:
            writes[0] += done

    def reader(seed):
        endpoint, rnd, mine = Endpoint(args.endpoint), random.Random(seed), []
        while time.monotonic() < stop:
            started = time.monotonic()
            endpoint.call("Query", {"TableName": "bench_raw", "IndexName": "byG", "KeyConditionExpression": "g = :g",
                                    "ExpressionAttributeValues": {":g": {"S": f"b{rnd.randrange(args.buckets)}"}}})
            mine.append((time.monotonic() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(args.writers)]
    threads += [threading.Thread(target=reader, args=(100 + r,)) for r in range(args.readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"RESULT writes_s={writes[0] / args.seconds:.0f} queries_s={len(latencies) / args.seconds:.0f} "
          f"query_p50_ms={percentile(latencies, 50):.1f} query_p99_ms={percentile(latencies, 99):.1f} "
          f"query_max_ms={max(latencies):.1f}")


if __name__ == "__main__":
    main()
