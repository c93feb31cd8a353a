#!/usr/bin/env bash
# train-links with every baseline on a generated marketplace (default 1M users / 1M posts): the
# whole chain generate -> build-graph -> embed -> train-links, each stage's wall time and peak RSS
# (GNU time), train-links' own stage timings (its progress lines: each baseline's fit and
# evaluation, the model tasks, the ANN build), into OUT/train-links-scale.json.
#   benchmarks/train-links-scale.sh OUT [USERS] [POSTS]      (MARKETGRAPH_HEAP for the JVMs; EMBED_FLAGS
#   extra embed flags, e.g. "--walks-per-node 2" to keep the embedding stage short; recorded in the JSON)
# Run it under the bench lock: flock /tmp/bench.lock benchmarks/train-links-scale.sh ...
set -euo pipefail
OUT=${1:?usage: train-links-scale.sh OUT [USERS] [POSTS]}
USERS=${2:-1000000}
POSTS=${3:-1000000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
M="$ROOT/bin/marketgraph"
NOW=1767225600000
SPLIT=$((NOW - 14 * 86400000))
mkdir -p "$OUT"
stages=()
run_stage() {
    local name=$1
    shift
    echo "== $name: $*" >&2
    /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.log"
    read -r secs kib < "$OUT/$name.time"
    stages+=("{\"stage\":\"$name\",\"seconds\":$secs,\"peak_rss_mib\":$((kib / 1024))}")
    echo "   $secs s, peak RSS $((kib / 1024)) MiB" >&2
}
run_stage generate "$M" generate --out "$OUT/data" --users "$USERS" --posts "$POSTS" --seed 7 --now $NOW --gzip
run_stage build-graph "$M" build-graph --events "$OUT/data/events" --entities "$OUT/data" --out "$OUT/graph" \
    --now $NOW --split-at $SPLIT
# shellcheck disable=SC2086
run_stage embed "$M" embed --graph "$OUT/graph" --out "$OUT/embeddings" --seed 7 ${EMBED_FLAGS:-}
run_stage train-links "$M" train-links --graph "$OUT/graph" --embeddings "$OUT/embeddings" --registry "$OUT/registry" \
    --out "$OUT/train-links.json" --force --baselines all
# train-links' progress lines: "train-links :: baseline als done in 00:01:23 (...)"
inner=$(sed -nE 's/^train-links :: (.*) done in ([0-9]+):([0-9]+):([0-9]+).*/\1\t\2\t\3\t\4/p' "$OUT/train-links.log" |
    awk -F'\t' '{printf "{\"stage\":\"%s\",\"seconds\":%d}\n", $1, $2 * 3600 + $3 * 60 + $4}' | paste -sd, -)
printf '{"users":%d,"posts":%d,"heap":"%s","embed_flags":"%s","date":"%s","commit":"%s","stages":[%s],"train_links_stages":[%s]}\n' \
    "$USERS" "$POSTS" "${MARKETGRAPH_HEAP:--Xms64m -Xmx6g}" "${EMBED_FLAGS:-}" "$(date -u +%FT%TZ)" "$(git -C "$ROOT" rev-parse --short HEAD)" \
    "$(IFS=,; echo "${stages[*]}")" "$inner" > "$OUT/train-links-scale.json"
cat "$OUT/train-links-scale.json"
