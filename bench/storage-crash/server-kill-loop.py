#!/usr/bin/env python3
"""kill -9 of the whole one-process server under a write load, CYCLES times: after each restart every
write it acknowledged must read back whole (the store file reopens, the redo log replays).

  python3 bench/storage-crash/server-kill-loop.py [CYCLES] [PORT]

Needs a built checkout (./dynamis run with DYNAMIS_SKIP_BUILD=1). Data in a temporary folder; loopback only;
each cycle writes for 2-6 s with 4 threads, then kills and restarts. Checkpoints (commits of the store
file) every 300 ms instead of 10 s, so that many kills land in the middle of one."""
import os, random, signal, subprocess, sys, tempfile, threading, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from ddb_http import Endpoint

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CYCLES = int(sys.argv[1]) if len(sys.argv) > 1 else 10
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 18400
URL = f"http://127.0.0.1:{PORT}"
DATA = tempfile.mkdtemp(prefix="dynamis-kill-")


def start():
    env = dict(os.environ, DYNAMIS_PORT=str(PORT), DYNAMIS_ACCELERATOR_PORT=str(PORT + 111), DYNAMIS_DATA=DATA,
               DYNAMIS_SKIP_BUILD="1", DYNAMIS_ITEM_COMMIT_CHECKPOINT_INTERVAL="PT0.3S")
    log = open(os.path.join(DATA, "server.log"), "ab")
    proc = subprocess.Popen([os.path.join(ROOT, "dynamis"), "run"], env=env, stdout=log, stderr=log,
                            start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            Endpoint(URL).call("ListTables", {})
            return proc
        except Exception:
            if proc.poll() is not None:
                sys.exit(f"the server exited while starting (code {proc.returncode}); see {DATA}/server.log")
            time.sleep(0.3)
    sys.exit("the server did not start in 120 s")


def kill(proc):
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def writer(name, acknowledged, stop):
    endpoint, n = Endpoint(URL), 0
    while not stop.is_set():
        n += 1
        pk = f"{name}-{n}"
        try:
            endpoint.call("PutItem", {"TableName": "crash", "Item": {"pk": {"S": pk}, "v": {"S": "x" * 100 + pk}}})
            acknowledged.append(pk)
        except Exception:
            return  # the server went away: this write was never acknowledged


proc = start()
Endpoint(URL).call("CreateTable", {"TableName": "crash", "BillingMode": "PAY_PER_REQUEST",
                                   "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                                   "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})
all_acknowledged = []
for cycle in range(1, CYCLES + 1):
    acknowledged, stop = [], threading.Event()
    threads = [threading.Thread(target=writer, args=(f"c{cycle}t{t}", acknowledged, stop)) for t in range(4)]
    for t in threads:
        t.start()
    time.sleep(random.uniform(2, 6))
    kill(proc)
    stop.set()
    for t in threads:
        t.join()
    all_acknowledged += acknowledged
    proc = start()
    endpoint, missing = Endpoint(URL), []
    for pk in all_acknowledged:
        item = endpoint.call("GetItem", {"TableName": "crash", "Key": {"pk": {"S": pk}}, "ConsistentRead": True})
        if item.get("Item", {}).get("v", {}).get("S") != "x" * 100 + pk:
            missing.append(pk)
    print(f"cycle {cycle}: {len(acknowledged)} writes acknowledged before the kill, "
          f"{len(all_acknowledged)} in all, {len(missing)} missing", flush=True)
    if missing:
        kill(proc)
        sys.exit(f"lost acknowledged writes, e.g. {missing[:5]}; data kept in {DATA}")
kill(proc)
print(f"{CYCLES} kills of the whole server, every acknowledged write read back ({DATA})")
