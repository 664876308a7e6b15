#!/usr/bin/env bash
# End-to-end: `jobsim run --out DIR` whose events.jsonl is a link to /dev/full (every write fails
# with ENOSPC, on the writer thread) must exit 1 with "jobsim: cannot write DIR/events.jsonl: No
# space left on device" on stderr, and still write the other line files whole, the same bytes as
# a run that could write everything.
set -u
jobsim="$1"
root="$2"
scenario="$root/scenarios/job/failure-demo.yaml"
if [[ ! -e /dev/full ]]; then echo "skip: no /dev/full"; exit 0; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0

"$jobsim" run "$scenario" --quiet --out "$work/good" >/dev/null 2>&1 || { echo "FAIL: a plain run failed"; exit 1; }

mkdir -p "$work/full"
ln -s /dev/full "$work/full/events.jsonl"
"$jobsim" run "$scenario" --quiet --out "$work/full" >/dev/null 2>"$work/stderr"
rc=$?
want="jobsim: cannot write $work/full/events.jsonl: No space left on device"
if [[ "$rc" != 1 ]]; then echo "FAIL disk full: exit $rc, want 1"; status=1; fi
# the scenario's own warnings come first; the error is the last line
if [[ "$(tail -n 1 "$work/stderr")" != "$want" ]]; then
  echo "FAIL disk full: stderr"; diff <(echo "$want") <(tail -n 1 "$work/stderr"); status=1
fi
for file in timeseries.csv nodes.csv; do
  if ! cmp -s "$work/good/$file" "$work/full/$file"; then echo "FAIL disk full: $file differs"; status=1; fi
done
[[ "$status" == 0 ]] && echo "ok   disk full names the file"

# A directory where a line file should be: open fails before the run starts.
mkdir -p "$work/dir/nodes.csv"
"$jobsim" run "$scenario" --quiet --out "$work/dir" >/dev/null 2>"$work/stderr2"
rc=$?
want="jobsim: cannot write $work/dir/nodes.csv: Is a directory"
if [[ "$rc" != 1 || "$(tail -n 1 "$work/stderr2")" != "$want" ]]; then
  echo "FAIL open error: exit $rc"; diff <(echo "$want") <(tail -n 1 "$work/stderr2"); status=1
else
  echo "ok   open error names the file"
fi
exit $status
