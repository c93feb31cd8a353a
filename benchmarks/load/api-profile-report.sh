#!/usr/bin/env bash
# What a re-rank costs the server beyond a trivial request, by symbol, from api-profile.sh's recordings:
# for every symbol (JIT-compiled Java methods with what they inlined, JVM and kernel functions), the
# server's CPU per request in microseconds on the re-rank run and on the /health/live run (perf
# samples, at the frequency each recording states, divided by the requests wrk made in that run; perf
# records a second longer than wrk runs, so the numbers are a little high, for both routes alike),
# sorted by the difference.
# usage: benchmarks/load/api-profile-report.sh OUTDIR [TOP]   (OUTDIR as given to api-profile.sh; TOP 30)
set -euo pipefail
dir=${1:?usage: api-profile-report.sh OUTDIR [TOP]}
top=${2:-30}
command -v perf >/dev/null || { echo "perf is missing" >&2; exit 2; }
for f in rerank.perf trivial.perf rerank.txt trivial.txt; do
    [[ -f "$dir/$f" ]] || { echo "$dir/$f is missing: run benchmarks/load/api-profile.sh first" >&2; exit 2; }
done
cp "$dir"/perf-*.map /tmp/   # perf names JIT frames from /tmp/perf-PID.map

per_request() { # route -> lines "microseconds<TAB>symbol"
    local requests hz
    requests=$(sed 's/.*"requests":\([0-9]*\).*/\1/' "$dir/$1.txt")
    hz=$(perf evlist -F -i "$dir/$1.perf" 2>/dev/null | sed -n 's/.*sample_freq=\([0-9]*\).*/\1/p' | head -n 1)
    perf report -i "$dir/$1.perf" --no-children --sort sym -q -g none -F sample,sym 2>/dev/null \
        | awk -v n="$requests" -v hz="$hz" 'NF > 2 {
              samples = $1; $1 = ""; $2 = ""; sub(/^ +/, "")
              gsub(/\$\$Lambda\$[0-9]+\/0x[0-9a-f]+/, "$$Lambda")   # lambda classes differ from run to run
              us[$0] += samples * 1e6 / hz / n
          } END {for (s in us) printf "%.3f\t%s\n", us[s], s}'
}
per_request rerank > "$dir/rerank.us"
per_request trivial > "$dir/trivial.us"
awk -F'\t' '
    FNR == NR {r[$2] = $1; rt += $1; next}
    {t[$2] = $1; tt += $1}
    END {
        printf "server CPU per request: re-rank %.1f us, trivial %.1f us\n", rt, tt > "/dev/stderr"
        for (s in r) printf "%.2f\t%.2f\t%.2f\t%s\n", r[s] - t[s], r[s], t[s], substr(s, 1, 140)
        for (s in t) if (!(s in r)) printf "%.2f\t%.2f\t%.2f\t%s\n", -t[s], 0, t[s], substr(s, 1, 140)
    }' "$dir/rerank.us" "$dir/trivial.us" 2>&1 >"$dir/diff.us"
printf '%9s %9s %9s  %s\n' diff re-rank trivial symbol
sort -t$'\t' -k1,1 -g -r "$dir/diff.us" | awk -F'\t' -v top="$top" 'NR <= top {printf "%9.2f %9.2f %9.2f  %s\n", $1, $2, $3, $4}'
