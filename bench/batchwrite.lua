-- wrk script: BatchWriteItem of 25 new ~250-byte items per request (keys <nonce>-<thread>-<counter>, never
-- reused): a bulk load through the public API. Items per second = 25 x requests per second.
-- Counts non-200 answers and answers with UnprocessedItems, and reports them in done().
-- The table is bench_put unless BENCH_TABLE names another (its key must be pk, a string).
local C = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local counter, prefix = 0, ""
unprocessed = 0 -- global, as errors: summed over the threads in done()
local tableName = os.getenv("BENCH_TABLE") or "bench_put"
-- BENCH_MAX_REQUESTS: each thread stops after that many answers (a load of a known size); unset: no limit
local maxRequests = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "")
local answers = 0
started, finished = 0, 0 -- globals: the seconds of this thread's first request and of its last answer

-- the wall clock to the microsecond (LuaJIT's FFI, which wrk embeds); whole seconds (os.time) where it is missing
local now = os.time
local ok, ffi = pcall(require, "ffi")
if ok then
  ffi.cdef("typedef struct { long tv_sec; long tv_usec; } bench_timeval; int gettimeofday(bench_timeval *tv, void *tz);")
  local tv = ffi.new("bench_timeval")
  now = function()
    ffi.C.gettimeofday(tv, nil)
    return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
  end
end

function init(args)
  started = now()
  prefix = (args[1] or tostring(os.time())) .. "-" .. tid .. "-"
  C.headers("DynamoDB_20120810.BatchWriteItem")
end

function request()
  local puts = {}
  for i = 1, 25 do
    counter = counter + 1
    local pk = prefix .. counter
    puts[i] = '{"PutRequest":{"Item":{"pk":{"S":"' .. pk .. '"},"n":{"N":"' .. counter .. '"},'
        .. '"tag":{"S":"t' .. (counter % 10) .. '"},"payload":{"S":"' .. string.rep("x", 150) .. '"}}}}'
  end
  local body = '{"RequestItems":{"' .. tableName .. '":[' .. table.concat(puts, ",") .. ']}}'
  return wrk.format(nil, "/", nil, body)
end

function response(status, headers, body)
  answers = answers + 1
  finished = now()
  if maxRequests and answers >= maxRequests then
    wrk.thread:stop()
  end
  if status ~= 200 then
    errors = errors + 1
  elseif not string.find(body, '"UnprocessedItems":{}', 1, true) then
    unprocessed = unprocessed + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("items/s %.0f, non-200 answers %d, answers with UnprocessedItems %d\n",
      25 * summary.requests / (summary.duration / 1e6), C.sum("errors"), C.sum("unprocessed")))
  if maxRequests then
    -- the threads stop at their share, before wrk's duration ends: the load's own time
    local first, last = math.huge, 0
    for _, t in ipairs(C.threads()) do
      first = math.min(first, t:get("started")); last = math.max(last, t:get("finished"))
    end
    io.write(string.format("loaded in %.2f s\n", last - first))
  end
end
