#!/usr/bin/env bash
# The issue-16 benchmark: DynamoDB Local (in memory), Dynamis as one process and Dynamis as services,
# back to back in one run of ../shared/bench/run-all.sh (same cases, same settings), then the CPU per
# request of each Dynamis process in both topologies (../shared/bench/cpu-split.sh), startup to healthy
# and idle RSS. Needs ../shared/bench/peers.sh prepare (wrk, DynamoDB Local) and a built checkout.
#   bench/topologies-benchmark.sh OUTDIR
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
OUT=${1:?usage: bench/topologies-benchmark.sh OUTDIR}
mkdir -p "$OUT"
export GLOBAL_WARMUP=${GLOBAL_WARMUP:-30} WARMUP=${WARMUP:-5} DURATION=${DURATION:-10} RUNS=${RUNS:-1}
export STARTUP_TRIALS=${STARTUP_TRIALS:-1}
"$BENCH/run-all.sh" "$OUT" ddblocal-mem \
  "dynamis-one=$ROOT/bench/one-process-peer.sh {PORT}" \
  "dynamis-services=$ROOT/bench/run-all-peer.sh {PORT}"

# CPU per request per process, and idle RSS, in each topology (port 8000 must be free)
cd "$ROOT"
for topology in one services; do
  export DYNAMIS_DATA=/tmp/bench-cpu-$topology DYNAMIS_SKIP_BUILD=1
  rm -rf "$DYNAMIS_DATA"
  started=$(date +%s%N)
  ./dynamis start --$topology > "$OUT/start-$topology.txt"
  echo "startup to healthy ($topology): $(( ($(date +%s%N) - started) / 1000000 )) ms" | tee -a "$OUT/startup-rss.txt"
  sleep 20
  for pid in $(./dynamis status | awk '{for (i=1;i<NF;i++) if ($i=="pid" && $(i+1) ~ /^[0-9]+$/) print $(i+1)}'); do
    awk -v p="$pid" '/VmRSS/ {print "idle RSS pid " p ": " $2/1024 " MiB"}' "/proc/$pid/status"
  done | tee -a "$OUT/startup-rss.txt"
  "$BENCH/cpu-split.sh" > "$OUT/cpu-split-$topology.txt" 2>&1 || true
  ./dynamis stop > /dev/null
done
echo "results in $OUT"
