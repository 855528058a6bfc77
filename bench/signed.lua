-- wrk script: one request, signed once (bench/sigv4_headers.py), sent again and again: BENCH_TARGET,
-- BENCH_BODY, BENCH_DATE, BENCH_AUTH. Counts non-200 answers and reports them in done().
local errors = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.body = os.getenv("BENCH_BODY")
  wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
  wrk.headers["X-Amz-Target"] = os.getenv("BENCH_TARGET")
  wrk.headers["X-Amz-Date"] = os.getenv("BENCH_DATE")
  wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
end

function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("errors") or 0) end
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, bad + summary.errors.status))
end
