-- Shared by bench/'s wrk scripts (dofile'd): the threads and their ids, DynamoDB's request headers, and the
-- RESULT line done() prints (requests/s, p50 and p99 in ms, non-200 answers counted in every thread).
local M = {}
local threads = {}
errors = 0 -- global: done() reads each thread's count with thread:get

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, M.sum("errors") + summary.errors.status))
end

-- wrk's threads, in the order they were set up.
function M.threads()
  return threads
end

-- The sum of a global counter over every thread.
function M.sum(name)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get(name) or 0) end
  return total
end

-- POSTs of operation target (e.g. "DynamoDB_20120810.PutItem"), with a dummy signature unless auth is given.
function M.headers(target, date, auth)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
  wrk.headers["X-Amz-Target"] = target
  wrk.headers["X-Amz-Date"] = date or "20261123T000000Z"
  wrk.headers["Authorization"] = auth or ("AWS4-HMAC-SHA256 Credential=bench/20261123/us-east-1/dynamodb/aws4_request, "
      .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000")
end

return M
