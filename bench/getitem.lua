-- wrk script: GetItem of one of the first 1,000 keys bench/capacity-benchmark.sh loads (pk k0..k999), eventually
-- consistent. The table is bench_put unless BENCH_TABLE names another.
local C = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "wrk-common.lua")
local counter = 0
local tableName = os.getenv("BENCH_TABLE") or "bench_put"

function init(args)
  C.headers("DynamoDB_20120810.GetItem")
end

function request()
  counter = counter + 1
  local body = '{"TableName":"' .. tableName .. '","Key":{"pk":{"S":"k' .. (counter % 1000) .. '"}}}'
  return wrk.format(nil, "/", nil, body)
end
