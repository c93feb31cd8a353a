#!/usr/bin/env bash
# Load test of a running API (bin/marketgraph serve) with wrk, all on this machine:
#   1. re-rank (200 candidates) paced at about RATE req/s: p50 / p99 at that rate;
#   2. re-rank and GET /health/live unpaced, side by side: throughput ratio;
#   3. optional (HOT_SWAP=1): re-rank unpaced while the model is swapped back and forth: failures.
# usage: benchmarks/load/api-load.sh REGISTRY_DIR [PORT]   (USERS, POSTS: ids for the bodies)
# Prints one JSON line per run and writes them to ${OUT:-target/api-load.json}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
registry=${1:?usage: api-load.sh REGISTRY_DIR [PORT]}
port=${2:-7071}
rate=${RATE:-1000}
seconds=${SECONDS_PER_RUN:-20}
out=${OUT:-target/api-load.json}
conns=10
url="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }

users=$(awk -F'\t' 'NR>1 && $2=="USER" {printf "%s%s", sep, $3; sep=","; if (++n==200) exit}' "$registry/models/$(cat "$registry/CURRENT")/embeddings/nodes.tsv")
posts=$(awk -F'\t' 'NR>1 && $2=="POST" {printf "%s%s", sep, $3; sep=","; if (++n==2000) exit}' "$registry/models/$(cat "$registry/CURRENT")/embeddings/nodes.tsv")
export USERS=$users POSTS=$posts KEY=dev-search-key

"$here/../../bin/marketgraph" serve --registry "$registry" --port "$port" > target/api-load-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$url/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$url/health/ready" >/dev/null || { echo "server did not become ready; see target/api-load-server.log" >&2; exit 1; }

run() { # name, wrk args...
    local name=$1
    shift
    local line
    line=$(wrk "$@" | grep '^JSON ' | sed 's/^JSON //')
    echo "{\"run\":\"$name\",\"load\":\"$(uptime | sed 's/.*load average: //')\",\"result\":$line}" | tee -a "$out"
}
: > "$out"
# warm-up: JIT and caches
wrk -t2 -c$conns -d10s -s "$here/rerank.lua" "$url" > /dev/null
# paced: each connection waits DELAY_MS after each response; wrk's timer overshoots (10 connections at
# 10 ms gave about 905 req/s), so 20 % more connections keep the rate at or a little above RATE (the
# JSON line has the rate reached)
DELAY_MS=$((conns * 1000 / rate)) run "rerank_paced_${rate}rps" -t2 -c$((conns * 6 / 5)) -d${seconds}s --latency -s "$here/rerank.lua" "$url"
run rerank_unpaced -t2 -c$conns -d${seconds}s --latency -s "$here/rerank.lua" "$url"
KEY= TARGET_PATH=/health/live run trivial_unpaced -t2 -c$conns -d${seconds}s --latency -s "$here/get.lua" "$url"
TARGET_PATH="/v1/users/${users%%,*}/recommendations?k=20" KEY=dev-recs-key run recommendations_unpaced -t2 -c$conns -d${seconds}s --latency -s "$here/get.lua" "$url"

if [[ "${HOT_SWAP:-0}" == 1 ]]; then
    versions=($(ls "$registry/models" | sort))
    (sleep 3; for i in $(seq 1 6); do
        v=${versions[$(( i % ${#versions[@]} ))]}
        curl -sf -X POST -H 'X-API-Key: dev-admin-key' "$url/v1/admin/models/$v/activate" > /dev/null && echo "hot swap -> $v" >&2
        sleep 2
    done) &
    local_swapper=$!
    run rerank_during_hot_swaps -t2 -c$conns -d20s --latency -s "$here/rerank.lua" "$url"
    wait $local_swapper   # not the server, which the EXIT trap stops
fi
