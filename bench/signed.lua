-- wrk script: one request, signed once (bench/sigv4_headers.py), sent again and again: BENCH_TARGET,
-- BENCH_BODY, BENCH_DATE, BENCH_AUTH. Counts non-200 answers and reports them in done().
local C = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")

function init(args)
  wrk.body = os.getenv("BENCH_BODY")
  C.headers(os.getenv("BENCH_TARGET"), os.getenv("BENCH_DATE"), os.getenv("BENCH_AUTH"))
end
