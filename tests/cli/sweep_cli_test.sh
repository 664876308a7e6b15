#!/usr/bin/env bash
# End-to-end checks of `jobsim sweep` and `jobsim merge` (docs/sweeps.md):
# - sweep.json and replications.csv are byte-identical for --jobs 1, 2 and 4, and for 1, 2 and
#   3 shards merged (in any folder order);
# - `jobsim run --seed SEED` with a replication's seed column reproduces that replication;
# - bad input gets its error, naming the flag or folder, exit 1 (2 for usage), and writes nothing.
set -u
jobsim="$1"
root="$2"
scenario="$root/scenarios/capacity/nightly-batch-window.yaml"
grid='cluster.nodes[0].count=3,4'
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL $*"; status=1; }

sweep() { "$jobsim" sweep "$scenario" --replications 6 --grid "$grid" --quiet "$@"; }

sweep --jobs 1 --out "$work/j1" || fail "sweep --jobs 1 exited $?"
for jobs in 2 4; do
  sweep --jobs "$jobs" --out "$work/j$jobs" || fail "sweep --jobs $jobs exited $?"
  for file in sweep.json replications.csv; do
    cmp -s "$work/j1/$file" "$work/j$jobs/$file" || fail "--jobs $jobs: $file differs from --jobs 1"
  done
done
for count in 1 2 3; do
  dirs=()
  for ((index = count - 1; index >= 0; index--)); do  # merged in reverse order on purpose
    sweep --jobs 2 --shard-index "$index" --shard-count "$count" --out "$work/s$count-$index" ||
      fail "shard $index of $count exited $?"
    dirs+=("$work/s$count-$index")
  done
  "$jobsim" merge "${dirs[@]}" --out "$work/m$count" --quiet || fail "merge of $count shards exited $?"
  for file in sweep.json replications.csv; do
    cmp -s "$work/j1/$file" "$work/m$count/$file" || fail "$count shards: merged $file differs from the unsharded one"
  done
done
# The shard index from a Kubernetes Indexed Job's environment.
JOB_COMPLETION_INDEX=1 sweep --shard-count 2 --out "$work/env1" || fail "shard from JOB_COMPLETION_INDEX exited $?"
cmp -s "$work/env1/sweep-shard.json" "$work/s2-1/sweep-shard.json" || fail "JOB_COMPLETION_INDEX=1 is not shard 1"
[[ "$status" == 0 ]] && echo "ok   identical outputs for --jobs 1, 2, 4 and 1, 2, 3 shards"

# Replication 1 of point 1 (4 nodes), reproduced by jobsim run with its seed column.
row=$(awk -F, '$1 == 1 && $2 == 1' "$work/j1/replications.csv")
seed=$(cut -d, -f3 <<<"$row")
created=$(head -1 "$work/j1/replications.csv" | tr , '\n' | grep -n '^pods.succeeded$' | cut -d: -f1)
want=$(cut -d, -f"$created" <<<"$row")
"$jobsim" run "$scenario" --seed "$seed" --set "cluster.nodes[0].count=4" --quiet --out "$work/one" >/dev/null 2>&1
got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pods"]["succeeded"])' "$work/one/summary.json" 2>/dev/null ||
      grep -o '"succeeded": [0-9]*' "$work/one/summary.json" | sed -n 2p | grep -o '[0-9]*$')
[[ -n "$want" && "$got" == "$want" ]] && echo "ok   jobsim run --seed $seed reproduces replication 1" ||
  fail "jobsim run --seed $seed: pods.succeeded $got, the sweep recorded $want"

# expect_error ARGS...: exit code $want_rc, stderr's first line $want_line, no outputs written.
expect_error() {
  local out="$work/bad-$RANDOM"
  "$jobsim" "$@" --out "$out" >/dev/null 2>"$work/stderr"
  local rc=$?
  if [[ "$rc" != "$want_rc" ]]; then fail "$*: exit $rc, want $want_rc"; return; fi
  if [[ "$(head -1 "$work/stderr")" != "$want_line" ]]; then
    fail "$*: stderr"; diff <(echo "$want_line") <(head -1 "$work/stderr"); return
  fi
  if [[ -e "$out/sweep.json" || -e "$out/replications.csv" || -e "$out/sweep-shard.json" ]]; then fail "$*: wrote outputs"; return; fi
  echo "ok   $want_line"
}
want_rc=1 want_line="--grid cluster.nodez[0].count: unknown field \"cluster.nodez\" (did you mean \"nodes\"?)" \
  expect_error sweep "$scenario" --replications 2 --grid 'cluster.nodez[0].count=3,4'
want_rc=1 want_line="--grid cluster.nodes[0].count: cluster.nodes[0].count: expected an integer, got string \"four\"" \
  expect_error sweep "$scenario" --replications 2 --grid 'cluster.nodes[0].count=3,four'
want_rc=1 want_line="--replications 0: expected 1 to 5000000 (2 grid points, at most 10000000 runs in a sweep)" \
  expect_error sweep "$scenario" --replications 0 --grid "$grid"
want_rc=1 want_line="--replications 99999999: expected 1 to 5000000 (2 grid points, at most 10000000 runs in a sweep)" \
  expect_error sweep "$scenario" --replications 99999999 --grid "$grid"
want_rc=1 want_line="--shard-index 3: must be below --shard-count 3" \
  expect_error sweep "$scenario" --replications 2 --shard-index 3 --shard-count 3
want_rc=1 want_line="--shard-index 0: give --shard-count K too (the number of shards)" \
  expect_error sweep "$scenario" --replications 2 --shard-index 0
want_rc=2 want_line="Could not convert: --replications = x" \
  expect_error sweep "$scenario" --replications x
want_rc=1 want_line="--jobs 5000: expected 0 (the number of cores) to 1024 threads" \
  expect_error sweep "$scenario" --replications 2 --jobs 5000
want_rc=1 want_line="merge: shard 2 of 3 missing (give every shard's --out folder)" \
  expect_error merge "$work/s3-0" "$work/s3-1"
want_rc=1 want_line="$work/s2-1: shardCount is 2, but $work/s3-0 has 3 (shards of different sweeps cannot be merged)" \
  expect_error merge "$work/s3-0" "$work/s2-1" "$work/s3-2"
want_rc=1 want_line="$work/j1: no sweep-shard.json (expected the --out folder of a \`jobsim sweep --shard-count K\` run)" \
  expect_error merge "$work/j1"
exit $status
