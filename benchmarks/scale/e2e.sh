#!/usr/bin/env bash
# The whole pipeline at marketplace scale, then the recommendation endpoint over the model it built.
#   benchmarks/scale/e2e.sh OUT [USERS] [POSTS]        (default 1,000,000 users, 1,000,000 posts, 20 events a user)
# 1. generate -> build-graph -> embed -> train-links (benchmarks/train-links-scale.sh: wall time and peak
#    RSS per stage). Skipped when OUT/train-links-scale.json exists, so a run can resume at serving.
# 2. serve OUT/registry: time to /health/ready and the server's peak RSS (VmHWM) at the end;
#    GET /v1/users/{id}/recommendations?k=20 for USER_SAMPLE users of the model, every other request
#    filtered to the user's region: one client (wrk, 1 connection) p50/p99; wrk with CONNECTIONS
#    connections: rps, p50, p99; the same wrk run while two more wrk processes ingest POSTS_RATE new
#    posts/s (POST /v1/posts) and EVENTS_RATE events/s (POST /v1/events, BATCH events a request).
# Writes OUT/e2e.json: the batch stages, the serving runs, read p99 with ingest / without, failed requests.
#   env: MARKETGRAPH_HEAP, EMBED_FLAGS (see train-links-scale.sh), PORT (7199), SECONDS_PER_RUN (30),
#        CONNECTIONS (16), POSTS_RATE (1000), EVENTS_RATE (1000), BATCH (10), USER_SAMPLE (5000)
#   needs wrk and jq (apt-get install wrk jq). Run it under the bench lock when others benchmark here.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:?usage: e2e.sh OUT [USERS] [POSTS]}
users=${2:-1000000}
posts=${3:-1000000}
port=${PORT:-7199}
seconds=${SECONDS_PER_RUN:-30}
conns=${CONNECTIONS:-16}
posts_rate=${POSTS_RATE:-1000}
events_rate=${EVENTS_RATE:-1000}
batch=${BATCH:-10}
url="http://127.0.0.1:$port"
for tool in wrk jq; do command -v $tool >/dev/null || { echo "$tool is missing: apt-get install $tool" >&2; exit 2; }; done

mkdir -p "$out"
out=$(cd "$out" && pwd)
if [[ ! -f $out/train-links-scale.json ]]; then
    "$here/../train-links-scale.sh" "$out" "$users" "$posts"
fi

# The load scripts' inputs, from the serving version's node table (row, kind, id, region, category).
registry=$out/registry
nodes=$registry/models/$(cat "$registry/CURRENT")/embeddings/nodes.tsv
load=$out/load
mkdir -p "$load"
awk -F'\t' -v n="${USER_SAMPLE:-5000}" 'NR > 1 && $2 == "USER" {u[++c] = $3 "\t" $4} END {
        step = c > n ? int(c / n) : 1
        for (i = 1; i <= c && k < n; i += step) {
            split(u[i], f, "\t"); k++
            printf "/v1/users/%s/recommendations?k=20%s\n", f[1], (k % 2 ? "" : "&region=" f[2])
        }
    }' "$nodes" > "$load/paths.txt"
awk -F'\t' 'NR > 1 && $2 == "USER" && ++c <= 20000 {print $3}' "$nodes" > "$load/users.txt"
awk -F'\t' 'NR > 1 && $2 == "POST" && ++c <= 20000 {print $3}' "$nodes" > "$load/posts.txt"
awk -F'\t' 'NR > 1 && $2 == "POST" && !seen[$4 "\t" $5]++ {print $4 "\t" $5}' "$nodes" > "$load/places.txt"

start=$(date +%s%N)
"$here/../../bin/marketgraph" serve --registry "$registry" --port "$port" > "$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 1800); do
    curl -sf -o /dev/null "$url/health/ready" && break
    kill -0 $server 2>/dev/null || { echo "serve exited; see $out/serve.log" >&2; exit 1; }
    sleep 1
done
curl -sf -o /dev/null "$url/health/ready" || { echo "serve was not ready in 30 minutes; see $out/serve.log" >&2; exit 1; }
ready_seconds=$(( ($(date +%s%N) - start) / 1000000 ))e-3

# one wrk run; prints its JSON summary (requests, rps, p50_ms, p99_ms, non2xx, errors)
wrk_json() { wrk "$@" | sed -n 's/^JSON //p'; }
recs() { PATHS_FILE="$load/paths.txt" wrk_json --latency -s "$here/recs.lua" "$@" "$url"; }
ingest() { # mode, target items per second, seconds
    local mode=$1 rate=$2 d=$3 per_request=1
    [[ $mode == events ]] && per_request=$batch
    # open-loop pacing (ingest.lua): enough connections that a slow answer does not lower the rate
    # (rate x 250 ms of latency, at least 4)
    local requests=$(( (rate + per_request - 1) / per_request ))
    local c=$(( requests / 4 > 4 ? requests / 4 : 4 ))
    INGEST=$mode BATCH=$batch RUN_ID="e2e$(date +%s)" RATE=$requests \
        USERS_FILE="$load/users.txt" POSTS_FILE="$load/posts.txt" PLACES_FILE="$load/places.txt" \
        wrk_json -t1 -c"$c" -d"${d}s" --latency -s "$here/ingest.lua" "$url"
}

recs -t2 -c"$conns" -d20s > /dev/null                       # warm-up: JIT and caches
single=$(recs -t1 -c1 -d"${seconds}s")
read_only=$(recs -t2 -c"$conns" -d"${seconds}s")
# ingest starts 2 s before the read run and ends 2 s after it
ingest posts "$posts_rate" $((seconds + 4)) > "$load/posts.json" &
posts_pid=$!
ingest events "$events_rate" $((seconds + 4)) > "$load/events.json" &
events_pid=$!
sleep 2
with_ingest=$(recs -t2 -c"$conns" -d"${seconds}s")
wait $posts_pid $events_pid
peak_rss_mib=$(awk '/^VmHWM/ {printf "%d", $2 / 1024}' "/proc/$server/status")
kill $server
wait $server 2>/dev/null || true
trap - EXIT

jq -n --slurpfile batch "$out/train-links-scale.json" --argjson single "$single" --argjson read_only "$read_only" \
    --argjson with_ingest "$with_ingest" --slurpfile posts "$load/posts.json" --slurpfile events "$load/events.json" \
    --arg ready "$ready_seconds" --arg rss "$peak_rss_mib" --arg conns "$conns" --arg seconds "$seconds" \
    --arg batch_size "$batch" --arg posts_rate "$posts_rate" --arg events_rate "$events_rate" '
    {batch: $batch[0],
     serve: {ready_seconds: ($ready | tonumber | . * 10 | round / 10), peak_rss_mib: ($rss | tonumber)},
     recommendations: {seconds_per_run: ($seconds | tonumber), connections: ($conns | tonumber),
                       single_client: $single, read_only: $read_only, with_ingest: $with_ingest},
     ingest: {posts_target_per_s: ($posts_rate | tonumber), events_target_per_s: ($events_rate | tonumber),
              posts: $posts[0], events: ($events[0] + {events_per_request: ($batch_size | tonumber)})},
     read_p99_with_ingest_over_read_only: ($with_ingest.p99_ms / $read_only.p99_ms | . * 100 | round / 100),
     failed_requests: ([$single, $read_only, $with_ingest, $posts[0], $events[0]] | map(.non2xx + .errors) | add)}' \
    > "$out/e2e.json"
cat "$out/e2e.json"
