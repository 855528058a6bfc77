-- wrk script: PutItem of a new ~200-byte item per request (keys <nonce>-<thread>-<counter>, never reused).
-- Counts non-200 answers and reports them in done().
-- The table is bench_put unless BENCH_TABLE names another (its key must be pk, a string).
local counter, errors, prefix = 0, 0, ""
local tableName = os.getenv("BENCH_TABLE") or "bench_put"
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = (args[1] or tostring(os.time())) .. "-" .. tid .. "-"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
  wrk.headers["X-Amz-Target"] = "DynamoDB_20120810.PutItem"
  wrk.headers["X-Amz-Date"] = "20261123T000000Z"
  wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, "
      .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000"
end

function request()
  counter = counter + 1
  local pk = prefix .. counter
  local body = '{"TableName":"' .. tableName .. '","Item":{"pk":{"S":"' .. pk .. '"},"n":{"N":"' .. counter .. '"},'
      .. '"tag":{"S":"t' .. (counter % 10) .. '"},"payload":{"S":"' .. string.rep("x", 150) .. '"}}}'
  return wrk.format(nil, "/", nil, body)
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
