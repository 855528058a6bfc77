#!/usr/bin/env bash
# The cost of verify mode: GetItem and PutItem (the same request, signed once with the root key) through
# the gateway at 16 concurrent clients (wrk, closed loop), in open mode and in verify mode, alternated
# BENCH_ROUNDS times in one run (open, verify, open, verify, ...: a fresh one-process stack each time, on
# the same port), so that the order and the machine's drift weigh on both modes alike. Verify mode checks
# every request's signature (the root principal skips policy evaluation: this is verification's cost).
# Prints each run as it ends (throughput, latency and the server's CPU µs per request, cpu_us: on a shared machine
# the CPU per request moves far less than throughput), then a summary: every run, each round's verify/open ratio and the ratio of
# the medians.
#   bench/auth-benchmark.sh             (needs wrk and python3 with botocore, as the AWS CLI brings)
# Settings: BENCH_PORT (default 18000; the accelerator takes BENCH_ACCELERATOR_PORT, default +111, Hazelcast
# BENCH_HAZELCAST_PORT, default +701), BENCH_DURATION seconds per measurement (default 15), BENCH_WARMUP seconds of
# warm-up per operation (default 20), BENCH_ROUNDS (default 3), BENCH_MODES (default "open verify": the order within
# a round). Each server is warmed up with both operations before either is measured: a fresh JVM's C2 compiler
# works through one queue, and verify mode's ~60 more hot methods (the verifier, SHA-256, HMAC) delay the
# compilation of the request path both modes share; measuring GetItem right after its own warm-up measured that
# delay in verify mode, not verification (docs/benchmarks.md).
# BENCH_JFR=DIR records each server with JFR from its launch (-XX:StartFlightRecording; settings BENCH_JFR_SETTINGS,
# default profile) into DIR/ROUND-MODE.jfr, dumped before it stops, and prints each measurement's window (epoch seconds)
# to cut the recording with. Do not start JFR with jcmd in the middle of a run: enabling its JDK events then
# retransforms classes, and the JVM recompiles its hot code (C2 used 10-30x the CPU of the requests themselves for
# the next minute on the shared machine, docs/benchmarks.md 2026-12-06 (17:40)).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${BENCH_PORT:-18000}"
DURATION="${BENCH_DURATION:-15}"
WARMUP="${BENCH_WARMUP:-20}" # per operation and server: both modes compile the same paths before they are measured
ROUNDS="${BENCH_ROUNDS:-3}"
KEY=AKIABENCHROOT0000001
SECRET=bench-root-secret
URL="http://127.0.0.1:$PORT/"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
export DYNAMIS_PORT="$PORT" DYNAMIS_ACCELERATOR_PORT="${BENCH_ACCELERATOR_PORT:-$((PORT + 111))}"
export DYNAMIS_HAZELCAST_PORT="${BENCH_HAZELCAST_PORT:-$((PORT + 701))}"
export DYNAMIS_DATA="${BENCH_DATA:-/tmp/bench-dynamis-auth}" DYNAMIS_SKIP_BUILD=1 DYNAMIS_JAVA_OPTS="-Xms256m -Xmx512m"
export DYNAMIS_ROOT_ACCESS_KEY_ID="$KEY" DYNAMIS_ROOT_SECRET_ACCESS_KEY="$SECRET" DYNAMIS_GATEWAY_ADMIN_PASSWORD=bench
RESULTS="$(mktemp)"
trap '"$ROOT/dynamis" stop >/dev/null 2>&1 || true; rm -f "$RESULTS"' EXIT

call() { # target body: one signed request with curl
  local signed
  signed=$(python3 "$ROOT/bench/sigv4_headers.py" "$URL" "DynamoDB_20120810.$1" "$2" "$KEY" "$SECRET")
  curl -fsS -o /dev/null "$URL" -H "Content-Type: application/x-amz-json-1.0" -H "X-Amz-Target: DynamoDB_20120810.$1" \
    -H "X-Amz-Date: $(sed -n 1p <<< "$signed")" -H "Authorization: $(sed -n 2p <<< "$signed")" -d "$2"
}

signed_env() { # operation body: the wrk script's environment, the request signed once
  local signed
  signed=$(python3 "$ROOT/bench/sigv4_headers.py" "$URL" "DynamoDB_20120810.$1" "$2" "$KEY" "$SECRET")
  export BENCH_TARGET="DynamoDB_20120810.$1" BENCH_BODY="$2" BENCH_DATE="$(sed -n 1p <<< "$signed")" \
    BENCH_AUTH="$(sed -n 2p <<< "$signed")"
}

warm() { # operation body: WARMUP seconds of load, not measured
  signed_env "$1" "$2"
  wrk -t2 -c16 -d"${WARMUP}s" -s "$ROOT/bench/signed.lua" "$URL" >/dev/null
}

jfr_opts() { # the JVM options that record a server from its launch (BENCH_JFR), else none
  [ -n "${BENCH_JFR:-}" ] || return 0
  mkdir -p "$BENCH_JFR"
  printf -- '-XX:StartFlightRecording=name=bench,settings=%s' "${BENCH_JFR_SETTINGS:-profile}"
}

server_ticks() { # the one process's CPU time so far (utime + stime, clock ticks)
  awk '{print $14 + $15}' "/proc/$(cat "$DYNAMIS_DATA/run/dynamis.pid")/stat"
}

run() { # round mode operation body: DURATION seconds measured (the server warmed up before)
  local line before after rps
  signed_env "$3" "$4"
  before=$(server_ticks)
  local from; from=$(date +%s.%N)
  line=$(wrk -t2 -c16 -d"${DURATION}s" --latency -s "$ROOT/bench/signed.lua" "$URL" | grep RESULT)
  after=$(server_ticks)
  [ -z "${BENCH_JFR:-}" ] || echo "jfr window $1 $2 $3: $from $(date +%s.%N)" >&2
  rps=$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<< "$line")
  # the server's CPU per request (µs): a shared machine's other load moves it far less than throughput
  printf '%s %s %s %s cpu_us=%.1f\n' "$1" "$2" "$3" "${line#RESULT }" \
    "$(python3 -c "print(($after - $before) * 1e6 / $(getconf CLK_TCK) / ($rps * $DURATION))")" | tee -a "$RESULTS"
}

GET='{"TableName":"bench_auth","Key":{"pk":{"S":"k1"}}}'
PUT='{"TableName":"bench_auth","Item":{"pk":{"S":"k2"},"payload":{"S":"'"$(printf 'x%.0s' {1..150})"'"}}}'
echo "round mode operation result (load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
for round in $(seq 1 "$ROUNDS"); do
  for mode in ${BENCH_MODES:-open verify}; do
    rm -rf "$DYNAMIS_DATA"
    DYNAMIS_AUTH="$mode" DYNAMIS_JAVA_OPTS="$DYNAMIS_JAVA_OPTS $(jfr_opts)" "$ROOT/dynamis" start >/dev/null
    call CreateTable '{"TableName":"bench_auth","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}'
    call PutItem '{"TableName":"bench_auth","Item":{"pk":{"S":"k1"},"payload":{"S":"hello"}}}'
    warm GetItem "$GET"
    warm PutItem "$PUT"
    warm GetItem "$GET"
    run "$round" "$mode" GetItem "$GET"
    run "$round" "$mode" PutItem "$PUT"
    [ -z "${BENCH_JFR:-}" ] || jcmd "$(cat "$DYNAMIS_DATA/run/dynamis.pid")" JFR.dump name=bench \
      filename="$BENCH_JFR/$round-$mode.jfr" >/dev/null
    "$ROOT/dynamis" stop >/dev/null
  done
done

python3 - "$RESULTS" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import statistics, sys
runs = {}  # (operation, mode) -> {round: (rps, p50, errors, cpu µs per request)}
for line in open(sys.argv[1]):
    round_, mode, operation, *fields = line.split()
    values = dict(field.split("=") for field in fields)
    runs.setdefault((operation, mode), {})[int(round_)] = (float(values["rps"]), float(values["p50_ms"]),
                                                          int(values["errors"]), float(values["cpu_us"]))
print(f"\nSummary (load average at the end: {sys.argv[2]}; cpu: the server's CPU µs per request)")
print(f"{'operation':<9} {'round':>5} {'open/s':>9} {'p50 ms':>7} {'cpu':>6} {'verify/s':>9} {'p50 ms':>7} {'cpu':>6}"
      f" {'verify/open':>11} {'cpu +µs':>7}")
for operation in ("GetItem", "PutItem"):
    opened = runs.get((operation, "open"), {})
    verified = runs.get((operation, "verify"), {})
    ratios, extra = [], []
    for r in sorted(set(opened) & set(verified)):
        (o, op50, oerr, ocpu), (v, vp50, verr, vcpu) = opened[r], verified[r]
        ratios.append(v / o)
        extra.append(vcpu - ocpu)
        print(f"{operation:<9} {r:>5} {o:>9,.0f} {op50:>7.2f} {ocpu:>6.1f} {v:>9,.0f} {vp50:>7.2f} {vcpu:>6.1f}"
              f" {v / o:>11.2f} {vcpu - ocpu:>+7.1f}" + (f"  ({oerr + verr} errors)" if oerr + verr else ""))
    if ratios:
        o = statistics.median(x[0] for x in opened.values())
        v = statistics.median(x[0] for x in verified.values())
        median_ratio = statistics.median(ratios)
        print(f"{operation:<9} {'median':>5} {o:>9,.0f} {'':>7} {'':>6} {v:>9,.0f} {'':>7} {'':>6} {v / o:>11.2f}"
              f" {statistics.median(extra):>+7.1f}   (median of the rounds' ratios: {median_ratio:.2f}; within 5% of"
              f" open mode: {'yes' if median_ratio >= 0.95 else 'no'})")
PY
