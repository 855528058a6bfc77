#!/usr/bin/env python3
"""Loads ITEMS items (~120 bytes each) into a table through the gateway with BatchWriteItem (25 per call),
from THREADS threads; prints the load rate. Usage: load_items.py <endpoint> <table> <items> [threads]."""
import json
import sys
import threading
import time
import urllib.request

endpoint, table, items = sys.argv[1], sys.argv[2], int(sys.argv[3])
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 8
HEADERS = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.BatchWriteItem",
           "X-Amz-Date": "20261123T000000Z",
           "Authorization": "AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, "
                            "SignedHeaders=host, Signature=0"}


def worker(first, last):
    for start in range(first, last, 25):
        requests = [{"PutRequest": {"Item": {"pk": {"S": "item-%08d" % i}, "n": {"N": str(i)},
                                             "payload": {"S": "x" * 80}}}} for i in range(start, min(start + 25, last))]
        body = json.dumps({"RequestItems": {table: requests}}).encode()
        for attempt in range(10):
            try:
                urllib.request.urlopen(urllib.request.Request(endpoint, body, HEADERS), timeout=60).read()
                break
            except Exception:  # retried: the stack is loaded, never the data
                time.sleep(1)
        else:
            raise SystemExit("BatchWriteItem kept failing")


began = time.time()
per = (items + threads - 1) // threads
pool = [threading.Thread(target=worker, args=(t * per, min(items, (t + 1) * per))) for t in range(threads)]
[t.start() for t in pool]
[t.join() for t in pool]
elapsed = time.time() - began
print("loaded %d items in %.1f s: %.0f items/s" % (items, elapsed, items / elapsed))
