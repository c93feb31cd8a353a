-- wrk script: real-time ingest against a running API. INGEST=posts sends one new listing a request
-- (POST /v1/posts); INGEST=events sends BATCH engagement events a request (POST /v1/events), VIEWs and
-- LIKEs of users on posts of the model. Ids are unique per run (RUN_ID) and per thread, so every
-- request is new work, never an idempotent repeat. Pace with DELAY_MS per request per connection.
-- USERS_FILE, POSTS_FILE: ids, one a line; PLACES_FILE: "region<TAB>category" lines of the model's posts.
local mode = os.getenv("INGEST") or "posts"
local batch = tonumber(os.getenv("BATCH") or "10")
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
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

function delay()
  return delay_ms
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "../load/summary.lua")
