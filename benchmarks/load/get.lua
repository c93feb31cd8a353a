-- wrk script: GET a path (PATH env var) with an API key (KEY), summary as one JSON line.
function request()
  return wrk.format("GET", os.getenv("TARGET_PATH") or "/health/live", {["X-API-Key"] = os.getenv("KEY") or "dev-recs-key"})
end

function done(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"non2xx\":%d,\"errors\":%d}\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
