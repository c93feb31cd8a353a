#!/usr/bin/env bash
# Executes every notebook headless against a pipeline run (MARKETGRAPH_WORK, default ../demo-out) and a
# running API (MARKETGRAPH_API), writes the executed copies to OUT_DIR (default ../target/notebooks) and
# checks that each has its image outputs. Uses Debian's python3 with jupyter-nbconvert, pandas,
# matplotlib and scikit-learn (the packages .ci/run installs).
set -euo pipefail
export PYDEVD_DISABLE_FILE_VALIDATION=1   # quiets the debugger warning of Debian's ipykernel
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT_DIR:-$here/../target/notebooks}
mkdir -p "$out"
cd "$here"
for nb in [0-9][0-9]_*.ipynb; do
    echo "notebooks: executing $nb"
    /usr/bin/python3 -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
        --output-dir "$out" "$nb"
done
/usr/bin/python3 check_outputs.py "$out"/[0-9][0-9]_*.ipynb
