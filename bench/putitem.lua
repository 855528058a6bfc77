-- wrk script: PutItem of a new ~200-byte item per request (keys <nonce>-<thread>-<counter>, never reused).
-- Counts non-200 answers and reports them in done().
-- The table is bench_put unless BENCH_TABLE names another (its key must be pk, a string).
local C = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local counter, prefix = 0, ""
local tableName = os.getenv("BENCH_TABLE") or "bench_put"

function init(args)
  prefix = (args[1] or tostring(os.time())) .. "-" .. tid .. "-"
  C.headers("DynamoDB_20120810.PutItem")
end

function request()
  counter = counter + 1
  local pk = prefix .. counter
  local body = '{"TableName":"' .. tableName .. '","Item":{"pk":{"S":"' .. pk .. '"},"n":{"N":"' .. counter .. '"},'
      .. '"tag":{"S":"t' .. (counter % 10) .. '"},"payload":{"S":"' .. string.rep("x", 150) .. '"}}}'
  return wrk.format(nil, "/", nil, body)
end
