#!/usr/bin/env bash
# Kills a MapDB writer (MapDbCrashLoop) with kill -9 at random moments and reopens its file, CYCLES times:
# does MapDB 3.1.0 with transactionEnable() open every file a kill -9 leaves? (2026-12-05: no — every
# volume kind and both node layouts failed to reopen within 3-12 cycles; see docs/architecture.md.)
#   VOL=mmap-noclear|mmap|channel|raf bench/storage-crash/crash-loop.sh OUTSIDE(true|false) CYCLES
# Needs a built checkout (item-service/target/quarkus-app/lib/main holds MapDB and its dependencies).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CP=$(ls "$ROOT"/item-service/target/quarkus-app/lib/main/*.jar | tr '\n' ':')
VOL=${VOL:-mmap-noclear}
WORK=$(mktemp -d)
javac -d "$WORK/classes" -cp "$CP" "$HERE/MapDbCrashLoop.java"
run() { java -Dvol="$VOL" -Xmx256m -cp "$CP:$WORK/classes" MapDbCrashLoop "$WORK/data" "$1" "$2"; }
mkdir -p "$WORK/data"
for i in $(seq 1 "${2:-20}"); do
  run "$1" write > /dev/null 2>&1 &
  pid=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(1.5, 4.0), 2))')"
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  out=$(timeout 60 java -Dvol="$VOL" -Xmx256m -cp "$CP:$WORK/classes" MapDbCrashLoop "$WORK/data" "$1" check 2>&1)
  if ! grep -q '^OK' <<< "$out"; then
    echo "cycle $i: the file does not open after kill -9 (vol=$VOL, values outside nodes=$1):"
    grep -m3 -E 'Exception|Error' <<< "$out"
    exit 1
  fi
done
echo "vol=$VOL outside=$1: ${2:-20} cycles, every reopen fine"
