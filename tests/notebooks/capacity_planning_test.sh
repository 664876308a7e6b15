#!/usr/bin/env bash
# notebooks/capacity-planning.ipynb on a small sweep of the capacity lab (docs/labs.md section 7):
# 10 replications of 3, 4, 5 and 6 nodes into WORK/sweep-out, then the notebook executed by
# nbconvert into WORK (the source notebook is read, never written). Fails when any cell raises,
# when the plot is missing, or when the source notebook changed.
set -uo pipefail
jobsim="$1"
root="$2"
work="$3"
notebook="$root/notebooks/capacity-planning.ipynb"

if ! command -v jupyter >/dev/null || ! jupyter nbconvert --version >/dev/null 2>&1; then
  echo "FAIL: no 'jupyter nbconvert': bash .ci/setup installs jupyter-nbconvert, python3-ipykernel, python3-pandas and python3-matplotlib"
  exit 1
fi
rm -rf "$work"
mkdir -p "$work"
before="$(sha256sum <"$notebook")"

if ! "$jobsim" sweep "$root/scenarios/capacity/nightly-batch-window.yaml" --grid 'cluster.nodes[0].count=3,4,5,6' \
    --replications 10 --jobs 2 --quiet --out "$work/sweep-out" >"$work/sweep.txt" 2>&1; then
  echo "FAIL: the sweep"; cat "$work/sweep.txt"; exit 1
fi

# Jupyter's and matplotlib's own files go here too, not into HOME.
export JUPYTER_RUNTIME_DIR="$work/jupyter-runtime" IPYTHONDIR="$work/ipython" MPLCONFIGDIR="$work/matplotlib"
export PYDEVD_DISABLE_FILE_VALIDATION=1  # ipykernel's debugger warns about frozen modules otherwise
if ! JOBSIM_SWEEP_DIR="$work/sweep-out" jupyter nbconvert --to notebook --execute "$notebook" \
    --ExecutePreprocessor.timeout=120 --output-dir "$work" --output capacity-planning.executed.ipynb \
    >"$work/nbconvert.txt" 2>&1; then
  echo "FAIL: executing the notebook"; cat "$work/nbconvert.txt"; exit 1
fi
echo "ok   executed: $work/capacity-planning.executed.ipynb"

status=0
if [[ -s "$work/sweep-out/capacity-planning.png" ]]; then
  echo "ok   plot: $work/sweep-out/capacity-planning.png"
else
  echo "FAIL: no capacity-planning.png in $work/sweep-out"; status=1
fi
if [[ "$(sha256sum <"$notebook")" != "$before" ]]; then
  echo "FAIL: $notebook changed"; status=1
fi
exit $status
