#!/usr/bin/env bash
# Stops Neo4j in the middle of an API load run and starts it again, all on this machine:
# graph-backed audiences must answer 503 while it is down and 200 again after, without restarting
# the API; embedding-only requests must keep answering 200. Any other status is a failure.
# usage: benchmarks/load/neo4j-outage.sh PIPELINE_DIR   (a demo output: graph/, registry/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/../.."
dir=${1:?usage: neo4j-outage.sh PIPELINE_DIR}
bolt=${BOLT_PORT:-7699}
port=${PORT:-7074}
url="http://127.0.0.1:$port"
data="$dir/neo4j-outage"
version=$(cat "$dir/registry/CURRENT")
nodes="$dir/registry/models/$version/embeddings/nodes.tsv"
export BUSINESS=$(awk -F'\t' 'NR>1 && $2=="BUSINESS" {print $3; exit}' "$nodes")
export USER_ID=$(awk -F'\t' 'NR>1 && $2=="USER" {print $3; exit}' "$nodes")
wait_port() { for _ in $(seq 1 "$2"); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 1; done; return 1; }
start_neo4j() { "$root/bin/marketgraph" neo4j --data-dir "$data" --port "$bolt" >> "$dir/neo4j-outage.log" 2>&1 & neo4j=$!; wait_port "$bolt" 180; }

start_neo4j
NEO4J_URI="bolt://127.0.0.1:$bolt" "$root/bin/marketgraph" export-neo4j --graph "$dir/graph" \
    --predicted-links "$dir/registry/models/$version/predicted-links.tsv.gz" --model-version "$version" --max-rejected 0.05 > /dev/null
NEO4J_URI="bolt://127.0.0.1:$bolt" "$root/bin/marketgraph" serve --registry "$dir/registry" --port "$port" > "$dir/outage-serve.log" 2>&1 &
api=$!
# the restarted Neo4j is a child of the outage subshell: stop it by its command line
trap 'kill $api $neo4j 2>/dev/null || true; pkill -f "Neo4jServerMain --data-dir $data" || true' EXIT
wait_port "$port" 120
(sleep 10; echo "outage: stopping Neo4j" >&2; kill "$neo4j"; wait "$neo4j" 2>/dev/null || true
 sleep 10; echo "outage: starting Neo4j again" >&2; start_neo4j; echo "outage: Neo4j is back" >&2) &
outage=$!
# 75 s: a restart under this load takes 20 to 25 s, so Neo4j is back well before the end
wrk -t2 -c4 -d75s -s "$here/outage.lua" "$url" | grep '^JSON ' | sed 's/^JSON //'
wait "$outage" || true
# recovery by itself: graph audiences answer 200 again within a few seconds, with no restart of the API
t0=$(date +%s.%N)
for _ in $(seq 1 30); do
    after=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -X POST -H 'X-API-Key: dev-ads-key' -H 'Content-Type: application/json' \
        "$url/v1/audiences" -d "{\"source\":\"graph\",\"target\":{\"type\":\"business\",\"ids\":[\"$BUSINESS\"]},\"limit\":10}")
    [[ "$after" == 200 ]] && break
    sleep 1
done
echo "{\"graph_audience_after_restart\":$after,\"seconds_until_200\":$(awk "BEGIN {printf \"%.1f\", $(date +%s.%N) - $t0}")}"
