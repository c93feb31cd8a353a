#!/usr/bin/env bash
# CPU per request of re-rank (200 candidates) and GET /health/live, both unpaced with the same wrk
# settings, after the same kind of warm-up (40 s re-rank, 5 s trivial): the server's CPU per thread
# group (from /proc/PID/task/*/stat, user and sys) and wrk's own CPU, divided by the requests.
# usage: benchmarks/load/api-cpu.sh REGISTRY_DIR [PORT] [SECONDS]   (wrap timing runs in flock /tmp/bench.lock)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
registry=${1:?usage: api-cpu.sh REGISTRY_DIR [PORT] [SECONDS]}
port=${2:-7071}
secs=${3:-10}
url="http://127.0.0.1:$port"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
nodes="$registry/models/$(cat "$registry/CURRENT")/embeddings/nodes.tsv"
export USERS=$(awk -F'\t' 'NR>1 && $2=="USER" {printf "%s%s", sep, $3; sep=","; if (++n==200) exit}' "$nodes")
export POSTS=$(awk -F'\t' 'NR>1 && $2=="POST" {printf "%s%s", sep, $3; sep=","; if (++n==2000) exit}' "$nodes")
export KEY=dev-search-key
mkdir -p target
"$here/../../bin/marketgraph" serve --registry "$registry" --port "$port" > target/api-cpu-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$url/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$url/health/ready" >/dev/null || { echo "server did not become ready; see target/api-cpu-server.log" >&2; exit 1; }
tck=$(getconf CLK_TCK)

# "name user sys" per thread of the server, in clock ticks
snapshot() {
    for t in /proc/$server/task/*; do
        printf '%s %s\n' "$(tr ' ' _ < "$t/comm" | sed 's/[0-9#-]*$//')" "$(sed 's/.*) //' "$t/stat" | awk '{print $12, $13}')"
    done | awk '{u[$1]+=$2; s[$1]+=$3} END {for (k in u) print k, u[k], s[k]}' | sort
}

wrk -t2 -c10 -d40s -s "$here/rerank.lua" "$url" > /dev/null   # C2 compiles for about 35 s under full load here
KEY= TARGET_PATH=/health/live wrk -t2 -c10 -d5s -s "$here/get.lua" "$url" > /dev/null

run() { # name, wrk args...
    local name=$1
    shift
    local before after out line requests
    before=$(snapshot)
    out=$( { TIMEFORMAT='WRKCPU %U %S'; time wrk "$@"; } 2>&1 )
    after=$(snapshot)
    line=$(echo "$out" | grep '^JSON ' | sed 's/^JSON //')
    requests=$(echo "$line" | sed 's/.*"requests":\([0-9]*\).*/\1/')
    echo "$name: $line load $(uptime | sed 's/.*average: //')"
    echo "$out" | awk -v n="$requests" '/^WRKCPU/ {printf "   %-22s %8.1f us/request\n", "wrk", ($2 + $3) * 1e6 / n}'
    join -a1 <(echo "$after") <(echo "$before") | awk -v n="$requests" -v t="$tck" \
        '{u = $2 - $4; s = $3 - $5; if (u + s > 0) printf "   %-22s %8.1f us/request (user %.1f, sys %.1f)\n", $1, (u + s) / t * 1e6 / n, u / t * 1e6 / n, s / t * 1e6 / n}'
}
run rerank_unpaced -t2 -c10 -d${secs}s -s "$here/rerank.lua" "$url"
KEY= TARGET_PATH=/health/live run trivial_unpaced -t2 -c10 -d${secs}s -s "$here/get.lua" "$url"
