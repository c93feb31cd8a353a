-- wrk script: real-time ingest against a running API. INGEST=posts sends one new listing a request
-- (POST /v1/posts); INGEST=events sends BATCH engagement events a request (POST /v1/events), VIEWs and
-- LIKEs of users on posts of the model. Ids are unique per run (RUN_ID) and per thread, so every
-- request is new work, never an idempotent repeat. RATE: requests per second this wrk thread sends,
-- on a fixed schedule (open loop): each connection ready to send takes the next free slot, so a slow
-- answer delays that connection, not the rate, as long as the connections outnumber rate x latency.
-- USERS_FILE, POSTS_FILE: ids, one a line; PLACES_FILE: "region<TAB>category" lines of the model's posts.
local mode = os.getenv("INGEST") or "posts"
local batch = tonumber(os.getenv("BATCH") or "10")
local interval_ms = 1000 / tonumber(os.getenv("RATE") or "100")
local run_id = os.getenv("RUN_ID") or "e2e"
local users, posts, places = {}, {}, {}
local counter = 0
local thread_count = 0
local headers

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
end

local function lines(file, into)
  for line in io.lines(file) do into[#into + 1] = line end
end

function init(args)
  math.randomseed(1000 + (tid or 0))
  lines(os.getenv("USERS_FILE"), users)
  lines(os.getenv("POSTS_FILE"), posts)
  lines(os.getenv("PLACES_FILE"), places)
  headers = {["Content-Type"] = "application/json", ["X-API-Key"] = os.getenv("KEY") or "dev-ingest-key"}
end

local function post_body(id, now)
  local region, category = places[math.random(#places)]:match("([^\t]*)\t([^\t]*)")
  return string.format(
    '{"postId":"%s","sellerKind":"USER","sellerId":"%s","categoryId":"%s","regionId":"%s","price":%d,"createdAt":%d,"status":"ACTIVE"}',
    id, users[math.random(#users)], category, region, math.random(5, 500), now)
end

local function events_body(id, now)
  local parts = {}
  for i = 1, batch do
    parts[i] = string.format(
      '{"event_id":"%s-%d","ts":%d,"user_id":"%s","action":"%s","target_kind":"POST","target_id":"%s"}',
      id, i, now, users[math.random(#users)], math.random() < 0.8 and "VIEW" or "LIKE", posts[math.random(#posts)])
  end
  return '{"events":[' .. table.concat(parts, ",") .. ']}'
end

function request()
  counter = counter + 1
  local id = string.format("%s-%s-%d-%d", run_id, mode, tid or 0, counter)
  local now = os.time() * 1000
  if mode == "posts" then
    return wrk.format("POST", "/v1/posts", headers, post_body(id, now))
  end
  return wrk.format("POST", "/v1/events", headers, events_body(id, now))
end

-- wall clock in ms (LuaJIT's FFI: os.time() has whole seconds, os.clock() is CPU time)
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } mg_timespec;
  int clock_gettime(int clock_id, mg_timespec *tp);
]]
local ts = ffi.new("mg_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local next_slot
function delay()
  local now = now_ms()
  -- a slot missed by more than a second is dropped rather than sent in a burst; the summary's rate
  -- then shows the shortfall
  if not next_slot or next_slot < now - 1000 then next_slot = now end
  local wait = next_slot - now
  next_slot = next_slot + interval_ms
  return wait > 0 and math.floor(wait) or 0
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "../load/summary.lua")
