-- wrk script: GET a path (PATH env var) with an API key (KEY), summary as one JSON line.
local req

-- formatted once, not per request, as rerank.lua does: the two scripts cost wrk the same per request
function init(args)
  req = wrk.format("GET", os.getenv("TARGET_PATH") or "/health/live", {["X-API-Key"] = os.getenv("KEY") or "dev-recs-key"})
end

function request()
  return req
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "summary.lua")
