#!/usr/bin/env bash
# run-all peer: Dynamis in the services topology (Kafka and the five services) in the foreground on the
# gateway port given, fresh data folder. The process id the harness sees is the launcher's, so its CPU and
# RSS columns are not the stack's: measure those with ../shared/bench/cpu-split.sh.
export DYNAMIS_PORT="$1" DYNAMIS_DATA="${BENCH_DATA:-/tmp/bench-dynamis}" DYNAMIS_SKIP_BUILD=1
rm -rf "$DYNAMIS_DATA"
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dynamis" up --services
