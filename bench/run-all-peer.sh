#!/usr/bin/env bash
# run-all peer: the whole Dynamis stack in the foreground on the gateway port given, fresh data folder.
export DYNAMIS_PORT="$1" DYNAMIS_DATA="${BENCH_DATA:-/tmp/bench-dynamis}" DYNAMIS_SKIP_BUILD=1
rm -rf "$DYNAMIS_DATA"
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dynamis" up
