#!/usr/bin/env bash
# run-all peer: Dynamis as one process (the local default) in the foreground on the port given, a fresh
# data folder, the server's own process id (./dynamis run execs java), so the harness can read its CPU and RSS.
#   ../shared/bench/run-all.sh OUT ddblocal-mem "dynamis=bench/one-process-peer.sh {PORT}"
export DYNAMIS_PORT="$1" DYNAMIS_DATA="${BENCH_DATA:-/tmp/bench-dynamis-one}" DYNAMIS_SKIP_BUILD=1
export DYNAMIS_ACCELERATOR_PORT="${DYNAMIS_ACCELERATOR_PORT:-$(($1 + 111))}"
rm -rf "$DYNAMIS_DATA"
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dynamis" run
