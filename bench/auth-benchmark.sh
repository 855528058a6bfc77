#!/usr/bin/env bash
# The cost of verify mode: GetItem and PutItem (the same request, signed with the root key) through the
# gateway at 16 concurrent clients (wrk, closed loop), in open mode against verify mode. Verify mode checks
# every request's signature (the root principal skips policy evaluation: this is verification's cost).
#   BENCH_PORT=31200 bench/auth-benchmark.sh     (needs wrk and python3 with botocore, as the AWS CLI brings)
#
# How it tells a few per cent on a shared machine:
# - Each round starts two fresh one-process servers side by side, one open and one verify (their own ports
#   and data folders), and warms both up with both operations before anything is measured.
# - Then, per operation, BENCH_WINDOWS pairs of measured windows of BENCH_DURATION seconds, interleaved
#   open/verify in the order ABBA (open verify verify open ...): a drift of the machine's load over a few
#   minutes weighs on both modes alike. Only one server has load at a time; the other idles.
# - Each window reports throughput and the server's CPU per request (cpu_us: utime + stime of all the
#   process's threads from /proc/PID/task/*/stat over the window, divided by the requests), with the JIT
#   compiler threads left out (jit_us: their share, printed apart: a window still compiling is not the
#   steady state, and a large jit_us says the warm-up was too short). CPU per request moves far less than
#   throughput when other people's work takes the cores.
# - Rounds (fresh JVMs) repeat it, because one JVM's compilation decisions can move a request's cost by
#   20 % (27 and 35 µs for the same open-mode GetItem on 2026-12-06); the summary takes medians over every
#   window of every round and, for the throughput, the median of adjacent pairs' verify/open ratios.
# Summary: one line per operation with verify/open of throughput and of CPU per request (and the µs verify
# adds). A window with non-200 answers (a refused signature is cheap and would flatter verify mode) marks
# the operation INVALID. To judge a ratio near 1, run it once more with BENCH_CONTROL=1 (below): the same
# method with two open servers prints control/open, the spread two identical servers show on this machine.
#
# Signing: each wrk run (one warm-up or one window) is signed just before it starts (bench/sigv4_headers.py,
# botocore) and sends that request again and again; a signature is refused 15 minutes after its X-Amz-Date,
# so a run of any length works as long as no single wrk run is longer than that: BENCH_DURATION and
# BENCH_WARMUP are refused above 840 s. The identical request repeated is the verifier's best case for its
# per-thread memos (same Authorization header, same X-Amz-Date); an SDK client changes the date once a second
# and the signature every request, which the memos still serve (only the signature's value differs).
#
# Settings (environment):
#   BENCH_PORT       first port (default 18000); the open server takes PORT (accelerator +1, Hazelcast +5),
#                    the verify server PORT+20 (+21, +25): 26 ports in all
#   BENCH_ROUNDS     rounds, each with two fresh servers (default 3)
#   BENCH_WINDOWS    measured pairs of windows per operation and round (default 4)
#   BENCH_DURATION   seconds per window (default 10)
#   BENCH_WARMUP     seconds of warm-up per operation, server and pass (default 20; three passes: GetItem,
#                    PutItem, GetItem: both operations compile before either is measured)
#   BENCH_CLIENTS    wrk connections (default 16; 2 threads)
#   BENCH_DATA       data folders' prefix (default /tmp/bench-dynamis-auth; -open and -verify appended)
#   BENCH_CONTROL=1  the method's noise floor: the second server runs in open mode too (labelled "control"),
#                    with everything else as above (same build, same windows, same order); the summary then
#                    prints control/open, which says how far apart two identical servers measure with this
#                    method on this machine (read a verify/open ratio against it)
#   BENCH_JFR=DIR    records each server with JFR from its launch (-XX:StartFlightRecording; settings
#                    BENCH_JFR_SETTINGS, default profile) into DIR/ROUND-MODE.jfr, dumped before it stops, and
#                    prints each window (epoch seconds) to cut the recording with. Do not start JFR with jcmd in
#                    the middle of a run: enabling its JDK events retransforms classes and the JVM recompiles
#                    its hot code (docs/benchmarks.md 2026-12-06 (17:40)).
# Time: about ROUNDS x (6 x WARMUP + 4 x WINDOWS x DURATION + 20) seconds: 3 x 300 s = 15 minutes by default.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${BENCH_PORT:-18000}"
DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-20}"
ROUNDS="${BENCH_ROUNDS:-3}"
WINDOWS="${BENCH_WINDOWS:-4}"
CLIENTS="${BENCH_CLIENTS:-16}"
DATA_PREFIX="${BENCH_DATA:-/tmp/bench-dynamis-auth}"
KEY=AKIABENCHROOT0000001
SECRET=bench-root-secret
MODES=(open verify)    # each server's DYNAMIS_AUTH
LABELS=(open verify)   # its name in the results, data folder and recording
[ "${BENCH_CONTROL:-0}" = 1 ] && MODES=(open open) LABELS=(open control)
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
for seconds in "$DURATION" "$WARMUP"; do
  if [ "$seconds" -gt 840 ]; then
    echo "BENCH_DURATION and BENCH_WARMUP must be at most 840 s: one wrk run sends one signature, refused" \
      "15 minutes after it was made" >&2
    exit 1
  fi
done
export DYNAMIS_SKIP_BUILD=1 DYNAMIS_JAVA_OPTS="-Xms256m -Xmx512m"
export DYNAMIS_ROOT_ACCESS_KEY_ID="$KEY" DYNAMIS_ROOT_SECRET_ACCESS_KEY="$SECRET" DYNAMIS_GATEWAY_ADMIN_PASSWORD=bench
RESULTS="$(mktemp)"

port_of() { echo $((PORT + 20 * $1)); } # mode index (0 open, 1 verify): the server's gateway port
url_of() { echo "http://127.0.0.1:$(port_of "$1")/"; }
data_of() { echo "$DATA_PREFIX-${LABELS[$1]}"; }

dynamis() { # mode-index command...: ./dynamis for that mode's server
  local base; base=$(port_of "$1")
  DYNAMIS_PORT="$base" DYNAMIS_ACCELERATOR_PORT=$((base + 1)) DYNAMIS_HAZELCAST_PORT=$((base + 5)) \
    DYNAMIS_DATA="$(data_of "$1")" DYNAMIS_AUTH="${MODES[$1]}" "$ROOT/dynamis" "${@:2}"
}

stop_all() {
  for i in 0 1; do dynamis "$i" stop >/dev/null 2>&1 || true; done
}
trap 'stop_all; rm -f "$RESULTS"' EXIT

sign() { # url target body: X-Amz-Date and Authorization, one a line
  python3 "$ROOT/bench/sigv4_headers.py" "$1" "DynamoDB_20120810.$2" "$3" "$KEY" "$SECRET"
}

call() { # mode-index operation body: one signed request with curl
  local url signed; url=$(url_of "$1")
  signed=$(sign "$url" "$2" "$3")
  curl -fsS -o /dev/null "$url" -H "Content-Type: application/x-amz-json-1.0" -H "X-Amz-Target: DynamoDB_20120810.$2" \
    -H "X-Amz-Date: $(sed -n 1p <<< "$signed")" -H "Authorization: $(sed -n 2p <<< "$signed")" -d "$3"
}

load() { # mode-index seconds operation body [--latency]: one wrk run, signed just before it starts
  local url signed; url=$(url_of "$1")
  signed=$(sign "$url" "$3" "$4")
  BENCH_TARGET="DynamoDB_20120810.$3" BENCH_BODY="$4" BENCH_DATE="$(sed -n 1p <<< "$signed")" \
    BENCH_AUTH="$(sed -n 2p <<< "$signed")" \
    wrk -t2 -c"$CLIENTS" -d"$2s" --timeout 5s ${5:-} -s "$ROOT/bench/signed.lua" "$url"
}

pid_of() { cat "$(data_of "$1")/run/dynamis.pid"; }

cpu_ticks() { # pid: clock ticks (utime + stime) of the process (its threads that ended included), and of its JIT
  # compiler threads (the first C1 and C2 threads live as long as the JVM)
  echo "$(awk '{print $14 + $15}' "/proc/$1/stat")" "$(awk '{ line = $0; sub(/^.*\) /, "", line); split(line, f, " ")
    if ($0 ~ /^[0-9]+ \(C[12] CompilerThre/) jit += f[12] + f[13] } END { print jit + 0 }' /proc/"$1"/task/*/stat 2>/dev/null)"
}

jfr_opts() { # the JVM options that record a server from its launch (BENCH_JFR), else none
  [ -n "${BENCH_JFR:-}" ] || return 0
  mkdir -p "$BENCH_JFR"
  printf -- '-XX:StartFlightRecording=name=bench,settings=%s' "${BENCH_JFR_SETTINGS:-profile}"
}

window() { # round window mode-index operation body: one measured window, appended to RESULTS
  local pid before after line from
  pid=$(pid_of "$3")
  before=$(cpu_ticks "$pid")
  from=$(date +%s.%N)
  line=$(load "$3" "$DURATION" "$4" "$5" --latency | grep RESULT || true)
  after=$(cpu_ticks "$pid")
  [ -n "$line" ] || { echo "wrk gave no result (round $1, ${LABELS[$3]} $4)" >&2; return; }
  [ -z "${BENCH_JFR:-}" ] || echo "jfr window $1 $2 ${LABELS[$3]} $4: $from $(date +%s.%N)" >&2
  python3 - "$1" "$2" "${LABELS[$3]}" "$4" "$line" "$before" "$after" "$DURATION" "$(getconf CLK_TCK)" <<'PY' | tee -a "$RESULTS"
import sys
round_, window, mode, operation, line, before, after, duration, tick = sys.argv[1:10]
values = dict(field.split("=") for field in line.split()[1:])
requests = float(values["rps"]) * float(duration)
(all0, jit0), (all1, jit1) = (map(int, before.split()), map(int, after.split()))
per = 1e6 / int(tick) / max(requests, 1)
jit = (jit1 - jit0) * per
print(f"{round_} {window} {mode} {operation} {line[len('RESULT '):]} cpu_us={(all1 - all0) * per - jit:.1f} jit_us={jit:.1f}")
PY
}

GET='{"TableName":"bench_auth","Key":{"pk":{"S":"k1"}}}'
PUT='{"TableName":"bench_auth","Item":{"pk":{"S":"k2"},"payload":{"S":"'"$(printf 'x%.0s' {1..150})"'"}}}'
echo "round window mode operation result (cpu_us: the server's CPU µs per request without its JIT compilers;" \
  "load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
for round in $(seq 1 "$ROUNDS"); do
  for i in 0 1; do
    rm -rf "$(data_of "$i")"
    DYNAMIS_JAVA_OPTS="$DYNAMIS_JAVA_OPTS $(jfr_opts)" dynamis "$i" start >/dev/null
    call "$i" CreateTable '{"TableName":"bench_auth","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}'
    call "$i" PutItem '{"TableName":"bench_auth","Item":{"pk":{"S":"k1"},"payload":{"S":"hello"}}}'
  done
  for operation in GetItem PutItem GetItem; do
    body=$GET; [ "$operation" = PutItem ] && body=$PUT
    for i in 0 1; do load "$i" "$WARMUP" "$operation" "$body" >/dev/null; done
  done
  for operation in GetItem PutItem; do
    body=$GET; [ "$operation" = PutItem ] && body=$PUT
    for w in $(seq 1 "$WINDOWS"); do
      first=$(( w % 2 == 1 ? 0 : 1 )) # ABBA: open verify, verify open, ...
      window "$round" "$w" "$first" "$operation" "$body"
      window "$round" "$w" $((1 - first)) "$operation" "$body"
    done
  done
  for i in 0 1; do
    [ -z "${BENCH_JFR:-}" ] || jcmd "$(pid_of "$i")" JFR.dump name=bench filename="$BENCH_JFR/$round-${LABELS[$i]}.jfr" >/dev/null
    dynamis "$i" stop >/dev/null
  done
done

python3 - "$RESULTS" "$(cut -d' ' -f1-3 /proc/loadavg)" "${LABELS[1]}" <<'PY'
import statistics, sys
second = sys.argv[3]  # verify, or control (BENCH_CONTROL=1: a second open server, the method's noise floor)
short = second[0]
windows = {}  # (operation, mode) -> {(round, window): fields}
for line in open(sys.argv[1]):
    round_, window, mode, operation, *fields = line.split()
    values = {k: float(v) for k, v in (field.split("=") for field in fields)}
    windows.setdefault((operation, mode), {})[(int(round_), int(window))] = values
median = statistics.median
print(f"\nPer round (medians of its windows; load average at the end: {sys.argv[2]})")
print(f"{'operation':<9} {'round':>5} {'open/s':>9} {'cpu µs':>7} {second + '/s':>9} {'cpu µs':>7} {'rps ' + short + '/o':>7}"
      f" {'cpu ' + short + '/o':>7}")
for operation in ("GetItem", "PutItem"):
    opened, verified = windows.get((operation, "open"), {}), windows.get((operation, second), {})
    for r in sorted({k[0] for k in opened} & {k[0] for k in verified}):
        o = [v for k, v in opened.items() if k[0] == r]
        v = [x for k, x in verified.items() if k[0] == r]
        orps, vrps = median(x["rps"] for x in o), median(x["rps"] for x in v)
        ocpu, vcpu = median(x["cpu_us"] for x in o), median(x["cpu_us"] for x in v)
        print(f"{operation:<9} {r:>5} {orps:>9,.0f} {ocpu:>7.1f} {vrps:>9,.0f} {vcpu:>7.1f} {vrps / orps:>7.3f} {vcpu / ocpu:>7.3f}")
print(f"\nSummary (medians over every window of every round; throughput {second}/open: median of the adjacent windows'"
      f" {second}/open throughput ratios; CPU per request {second}/open: {second}'s median CPU µs per request over open's)")
for operation in ("GetItem", "PutItem"):
    opened, verified = windows.get((operation, "open"), {}), windows.get((operation, second), {})
    pairs = sorted(set(opened) & set(verified))
    if not pairs:
        continue
    rps_ratio = median(verified[k]["rps"] / opened[k]["rps"] for k in pairs)
    ocpu, vcpu = median(x["cpu_us"] for x in opened.values()), median(x["cpu_us"] for x in verified.values())
    errors = sum(x["errors"] for x in list(opened.values()) + list(verified.values()))
    jit = max(x["jit_us"] for x in list(opened.values()) + list(verified.values()))
    verdict = "INVALID: non-200 answers" if errors else "the noise floor: two open servers" if second == "control" else (
        "within 5 %" if rps_ratio >= 0.95 and vcpu / ocpu <= 1.05 else "NOT within 5 %")
    print(f"{operation}: throughput {second}/open {rps_ratio:.3f} ({median(x['rps'] for x in verified.values()):,.0f}"
          f" / {median(x['rps'] for x in opened.values()):,.0f}/s), CPU per request {second}/open {vcpu / ocpu:.3f}"
          f" ({vcpu:.1f} / {ocpu:.1f} µs, {vcpu - ocpu:+.1f}), {len(pairs)} window pairs, max jit_us {jit:.1f},"
          f" errors {errors:.0f}: {verdict}")
PY
