-- wrk script: POST /v1/search/rerank with 200 candidates for users drawn from USERS (comma-separated
-- env var), posts from POSTS. Optional pacing: DELAY_MS per request per connection.
local users = {}
local posts = {}
for u in string.gmatch(os.getenv("USERS") or "u0", "[^,]+") do users[#users + 1] = u end
for p in string.gmatch(os.getenv("POSTS") or "p0", "[^,]+") do posts[#posts + 1] = p end
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local requests = {}

function init(args)
  math.randomseed(42)
  for b = 1, 64 do
    local parts = {}
    local offset = math.random(#posts)
    for i = 1, 200 do
      -- real posts first (distinct: i <= #posts), then ids the model does not know, as search may send
      local post = i <= #posts and posts[((offset + i) % #posts) + 1] or ("unseen-" .. i)
      parts[i] = string.format('{"postId":"%s","baseScore":%d}', post, 200 - i)
    end
    local body = string.format('{"userId":"%s","query":"q","candidates":[%s]}', users[math.random(#users)], table.concat(parts, ","))
    -- formatted once here, not per request: wrk shares the two cores with the server
    requests[b] = wrk.format("POST", "/v1/search/rerank",
      {["Content-Type"] = "application/json", ["X-API-Key"] = os.getenv("KEY") or "dev-search-key"}, body)
  end
end

function request()
  return requests[math.random(#requests)]
end

function delay()
  return delay_ms
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "summary.lua")
