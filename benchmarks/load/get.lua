-- wrk script: GET a path (TARGET_PATH env var) with an API key (KEY), summary as one JSON line.
-- Optional pacing, as in rerank.lua: DELAY_MS per request per connection.
local req
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

-- formatted once, not per request, as rerank.lua does: the two scripts cost wrk the same per request
function init(args)
  req = wrk.format("GET", os.getenv("TARGET_PATH") or "/health/live", {["X-API-Key"] = os.getenv("KEY") or "dev-recs-key"})
end

function request()
  return req
end

function delay()
  return delay_ms
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "summary.lua")
