#!/usr/bin/env bash
# Where the server's CPU goes under wrk, re-rank (200 candidates) against GET /health/live: after the
# same warm-up as api-cpu.sh, each route runs unpaced for SECONDS while JFR (settings=profile) and
# `perf record` (all of the server's threads, kernel included; JIT frames named from the JVM's perf map)
# record it. Writes into OUTDIR: {rerank,trivial}.jfr, {rerank,trivial}.perf, perf-PID.map, and
# {rerank,trivial}.txt with wrk's JSON line and the request count.
# usage: benchmarks/load/api-profile.sh REGISTRY_DIR [PORT] [SECONDS] [OUTDIR]   (wrap in flock /tmp/bench.lock)
# Summaries: benchmarks/load/api-profile-report.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
registry=${1:?usage: api-profile.sh REGISTRY_DIR [PORT] [SECONDS] [OUTDIR]}
port=${2:-7071}
secs=${3:-15}
outdir=${4:-target/api-profile}
url="http://127.0.0.1:$port"
for tool in wrk perf jcmd; do command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 2; }; done
nodes="$registry/models/$(cat "$registry/CURRENT")/embeddings/nodes.tsv"
export USERS=$(awk -F'\t' 'NR>1 && $2=="USER" {printf "%s%s", sep, $3; sep=","; if (++n==200) exit}' "$nodes")
export POSTS=$(awk -F'\t' 'NR>1 && $2=="POST" {printf "%s%s", sep, $3; sep=","; if (++n==2000) exit}' "$nodes")
export KEY=dev-search-key
mkdir -p "$outdir" target
outdir=$(cd "$outdir" && pwd)
# JFR's profile settings with a 1 ms Java sampling period (10 ms gives under a thousand samples a run)
sed 's|<setting name="period" control="method-sampling-java-interval">[^<]*<|<setting name="period" control="method-sampling-java-interval">1 ms<|' \
    "$(dirname "$(readlink -f "$(command -v java)")")/../lib/jfr/profile.jfc" > "$outdir/profile-1ms.jfc"
# JFR runs from the start with the settings of the per-route recordings: starting it later (jcmd) retransforms
# classes for its instrumented events and sends the warmed-up code back to the interpreter.
JAVA_OPTS="${JAVA_OPTS:-} -XX:+PreserveFramePointer -XX:StartFlightRecording=settings=$outdir/profile-1ms.jfc,filename=$outdir/all.jfr" "$here/../../bin/marketgraph" serve --registry "$registry" --port "$port" \
    > target/api-profile-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$url/health/ready" >/dev/null && break; sleep 1; done
curl -sf "$url/health/ready" >/dev/null || { echo "server did not become ready; see target/api-profile-server.log" >&2; exit 1; }

wrk -t2 -c10 -d40s -s "$here/rerank.lua" "$url" > /dev/null   # C2 compiles for about 35 s under full load here
KEY= TARGET_PATH=/health/live wrk -t2 -c10 -d5s -s "$here/get.lua" "$url" > /dev/null

profile() { # name, wrk args...
    local name=$1
    shift
    jcmd $server JFR.start name=$name settings="$outdir/profile-1ms.jfc" filename="$outdir/$name.jfr" > /dev/null
    perf record -F 499 -g -p $server -o "$outdir/$name.perf" -- sleep $((secs + 1)) 2> /dev/null &
    local perf_pid=$!
    local line
    line=$(wrk "$@" | grep '^JSON ' | sed 's/^JSON //')
    wait $perf_pid
    jcmd $server JFR.stop name=$name > /dev/null
    echo "$line load $(uptime | sed 's/.*average: //')" | tee "$outdir/$name.txt"
}
profile rerank -t2 -c10 -d${secs}s -s "$here/rerank.lua" "$url"
KEY= TARGET_PATH=/health/live profile trivial -t2 -c10 -d${secs}s -s "$here/get.lua" "$url"
jcmd $server Compiler.perfmap > /dev/null
cp "/tmp/perf-$server.map" "$outdir/"
echo "server pid $server; perf map $outdir/perf-$server.map"
