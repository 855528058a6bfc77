#!/usr/bin/env bash
# JMH microbenchmarks of the gateway (api-gateway/src/test/java/**/*Benchmark.java; compiled only in the
# api-gateway's jmh profile, never by a default build): compiles them (offline, core in the reactor) and runs
# JMH with the arguments given, e.g.
#   bench/jmh.sh SigV4VerifyBenchmark -prof gc     (ns/op of the wall clock and bytes allocated per op)
#   bench/jmh.sh --cpu [rounds]                      (SigV4VerifyBenchmark by the thread's CPU time: on a shared
#                                                      machine the wall clock measures the wait for a core)
# BENCH_SKIP_BUILD=1 runs what was compiled last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -B -q -o -Pjmh -pl core,api-gateway test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
fi
CLASSPATH="api-gateway/target/test-classes:api-gateway/target/classes:$(cat api-gateway/target/jmh.classpath)"
if [ "${1:-}" = "--cpu" ]; then
  shift
  exec java -Xms256m -Xmx256m -cp "$CLASSPATH" io.dynamis.gateway.auth.SigV4VerifyBenchmark "$@"
fi
exec java -cp "$CLASSPATH" org.openjdk.jmh.Main "$@"
