-- wrk script: GET a path (PATH env var) with an API key (KEY), summary as one JSON line.
local req

-- formatted once, not per request, as rerank.lua does: the two scripts cost wrk the same per request
function init(args)
  req = wrk.format("GET", os.getenv("TARGET_PATH") or "/health/live", {["X-API-Key"] = os.getenv("KEY") or "dev-recs-key"})
end

function request()
  return req
end

function done(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"non2xx\":%d,\"errors\":%d}\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
