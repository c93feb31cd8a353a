-- wrk script: alternates a Neo4j-backed audience (source graph) and an embedding-only recommendation,
-- counts responses by status across all threads, prints one JSON line.
local threads = {}
local business = os.getenv("BUSINESS") or "b0"
local user = os.getenv("USER_ID") or "u0"

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  n = 0
end

function request()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("POST", "/v1/audiences", {["Content-Type"] = "application/json", ["X-API-Key"] = "dev-ads-key"},
      string.format('{"source":"graph","target":{"type":"business","ids":["%s"]},"limit":10}', business))
  end
  return wrk.format("GET", "/v1/users/" .. user .. "/recommendations?k=10", {["X-API-Key"] = "dev-recs-key"})
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for status, k in pairs(c) do
      total[status] = (total[status] or 0) + k
    end
  end
  local parts = {}
  for status, k in pairs(total) do
    parts[#parts + 1] = string.format('"%d":%d', status, k)
  end
  local e = summary.errors
  io.write(string.format("JSON {\"requests\":%d,\"by_status\":{%s},\"socket_errors\":%d,"
    .. "\"errors\":{\"connect\":%d,\"read\":%d,\"write\":%d,\"timeout\":%d},\"latency_max_ms\":%.1f}\n",
    summary.requests, table.concat(parts, ","), e.connect + e.read + e.write + e.timeout,
    e.connect, e.read, e.write, e.timeout, latency.max / 1000))
end
