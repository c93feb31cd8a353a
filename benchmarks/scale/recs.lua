-- wrk script: GET /v1/users/{id}/recommendations for the paths in PATHS_FILE (one a line, e.g.
-- "/v1/users/u17/recommendations?k=20&region=r3"), taken in turn from a per-thread offset so that
-- every connection asks for many users. Optional pacing: DELAY_MS per request per connection.
local requests = {}
local next_index = 1
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count * 7919)
end

function init(args)
  local headers = {["X-API-Key"] = os.getenv("KEY") or "dev-recs-key"}
  for path in io.lines(os.getenv("PATHS_FILE")) do
    -- formatted once here, not per request: wrk shares the two cores with the server
    requests[#requests + 1] = wrk.format("GET", path, headers)
  end
  next_index = (offset or 0) % #requests + 1
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

function delay()
  return delay_ms
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "../load/summary.lua")
