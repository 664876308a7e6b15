#!/usr/bin/env bash
# End-to-end: `jobsim get` / `jobsim describe` on scenarios/job/failure-demo.yaml at +90s must
# print exactly tests/cli/expected/*.txt. The timeline (see the scenario's description): pods
# created at +0, +12 s, +34 s, +76 s; BackoffLimitExceeded at +79 s; a failed Job has no
# completionTime, so its DURATION keeps growing (90s).
set -u
jobsim="$1"
root="$2"
scenario="$root/scenarios/job/failure-demo.yaml"
expected="$root/tests/cli/expected"
status=0

check() {  # check NAME EXPECTED_EXIT EXPECTED_STDOUT_FILE_OR_TEXT ARGS...
  local name="$1" want_exit="$2" want="$3"
  shift 3
  local got rc
  got="$("$jobsim" "$@" 2>/tmp/jobsim_cli_err.$$)"
  rc=$?
  if [[ "$rc" != "$want_exit" ]]; then
    echo "FAIL $name: exit $rc, want $want_exit"; cat /tmp/jobsim_cli_err.$$; status=1; return
  fi
  if [[ -f "$want" ]]; then want="$(cat "$want")"; fi
  if [[ "$got" != "$want" ]]; then
    echo "FAIL $name:"; diff <(echo "$want") <(echo "$got"); status=1; return
  fi
  echo "ok   $name"
}
check_stderr() {  # check_stderr NAME EXPECTED_EXIT EXPECTED_STDERR ARGS...
  local name="$1" want_exit="$2" want="$3"
  shift 3
  local got rc
  got="$("$jobsim" "$@" 2>&1 >/dev/null)"
  rc=$?
  if [[ "$rc" != "$want_exit" || "$got" != "$want" ]]; then
    echo "FAIL $name: exit $rc (want $want_exit), stderr: $got"; echo "want: $want"; status=1; return
  fi
  echo "ok   $name"
}

check get_pods 0 "$expected/failure-demo.get-pods.txt" get pods --at +90s "$scenario"
check get_jobs 0 "$expected/failure-demo.get-jobs.txt" get jobs --at +90s "$scenario"
check get_job_by_name 0 "$expected/failure-demo.get-jobs.txt" get job failure-demo --at 2026-01-01T00:01:30Z "$scenario"
check describe_job 0 "$expected/failure-demo.describe-job.txt" describe job/failure-demo --at +90s "$scenario"
check describe_job_two_args 0 "$expected/failure-demo.describe-job.txt" describe jobs failure-demo --at +90s "$scenario"
check_stderr not_found 1 'Error from server (NotFound): jobs.batch "nope" not found' get job nope --at end "$scenario"
check_stderr unknown_kind 1 "error: the server doesn't have a resource type \"deploy\"" get deploy --at end "$scenario"
check_stderr no_cronjobs 0 "No resources found in default namespace." get cronjobs --at end "$scenario"
check_stderr bad_at 2 "jobsim: --at soon: expected RFC 3339 (2026-03-01T02:30:00Z), +offset (+90m), or end" get pods --at soon "$scenario"
rm -f /tmp/jobsim_cli_err.$$
exit $status
