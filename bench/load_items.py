#!/usr/bin/env python3
"""Loads ITEMS items (~120 bytes each, keys item-00000000...) into an existing table, straight into
item-service with its internal bulk-load call DynamisLoadItems (the call restores use: 1,000 items per
commit of the single writer, logged like puts), from THREADS threads; prints the load rate.
Usage: load_items.py <item-service url> <table> <table id> <items> [threads]."""
import json
import sys
import threading
import time
import urllib.request

endpoint, table, table_id, items = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 4
BATCH = 1000
HEADERS = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.DynamisLoadItems"}


def worker(first, last):
    for start in range(first, last, BATCH):
        batch = [{"pk": {"S": "item-%08d" % i}, "n": {"N": str(i)}, "payload": {"S": "x" * 80}}
                 for i in range(start, min(start + BATCH, last))]
        body = json.dumps({"TableName": table, "TableId": table_id, "Items": batch}).encode()
        for attempt in range(10):
            try:
                urllib.request.urlopen(urllib.request.Request(endpoint, body, HEADERS), timeout=120).read()
                break
            except Exception:  # retried: the machine is loaded; putting the same items again changes nothing
                time.sleep(1)
        else:
            raise SystemExit("DynamisLoadItems kept failing")


began = time.time()
per = (items + threads - 1) // threads
pool = [threading.Thread(target=worker, args=(t * per, min(items, (t + 1) * per))) for t in range(threads)]
[t.start() for t in pool]
[t.join() for t in pool]
elapsed = time.time() - began
print("loaded %d items in %.1f s: %.0f items/s" % (items, elapsed, items / elapsed))
