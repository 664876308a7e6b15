#!/usr/bin/env bash
# `jobsim schedule` end to end: output format, DST handling through the CLI, validation messages
# and exit codes (README.md "The command line"). Expected values: docs/cron.md (Berlin 02:30 across the
# 2026 changes follows its gap/repeat rules) and 6 (messages).
set -uo pipefail
jobsim="$1"
status=0

expect() {  # expect NAME WANT_EXIT WANT_OUTPUT -- ARGS...
  local name="$1" want_exit="$2" want="$3"
  shift 4
  local got exit_code
  got=$("$jobsim" schedule "$@" 2>&1)
  exit_code=$?
  if [ "$exit_code" != "$want_exit" ] || [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $exit_code (want $want_exit)"
    echo "--- got:"; echo "$got"; echo "--- want:"; echo "$want"
    status=1
  else
    echo "ok   $name"
  fi
}

expect berlin_fall_2026_json 0 \
  '{"schedule":"30 2 * * *","timeZone":"Europe/Berlin","controllerTimeZone":"UTC","from":"2026-10-24T12:00:00+02:00","activations":["2026-10-25T02:30:00+02:00","2026-10-25T02:30:00+01:00","2026-10-26T02:30:00+01:00"]}' \
  -- "30 2 * * *" --time-zone Europe/Berlin --from 2026-10-24T12:00:00+02:00 --count 3 -o json

expect berlin_spring_2026_text 0 \
  'schedule: 30 2 * * *
zone:     Europe/Berlin (spec.timeZone)
2026-03-28T02:30:00+01:00  Sat CET
2026-03-30T02:30:00+02:00  Mon CEST' \
  -- "30 2 * * *" --time-zone Europe/Berlin --from 2026-03-27T12:00:00+01:00 --count 2

expect controller_zone_new_york_runs_twice 0 \
  '{"schedule":"0 1 * * *","timeZone":null,"controllerTimeZone":"America/New_York","from":"2012-11-04T00:00:00-04:00","activations":["2012-11-04T01:00:00-04:00","2012-11-04T01:00:00-05:00"]}' \
  -- "0 1 * * *" --controller-time-zone America/New_York --from 2012-11-04T00:00:00-04:00 --count 2 -o json

expect never_fires 0 \
  '{"schedule":"0 0 30 2 *","timeZone":null,"controllerTimeZone":"UTC","from":"2026-01-01T00:00:00Z","activations":[]}' \
  -- "0 0 30 2 *" --from 2026-01-01T00:00:00Z -o json

expect day_of_week_7 1 \
  'spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7' \
  -- "0 0 * * 7" --from 2026-01-01T00:00:00Z

expect tz_prefix_rejected 1 \
  'spec.schedule: Invalid value: "TZ=UTC 0 0 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead' \
  -- "TZ=UTC 0 0 * * *" --from 2026-01-01T00:00:00Z

expect unknown_time_zone 1 \
  'spec.timeZone: Invalid value: "Mars/Base": unknown time zone Mars/Base' \
  -- "0 0 * * *" --time-zone Mars/Base --from 2026-01-01T00:00:00Z

expect malformed_from_is_usage_error 2 \
  'jobsim schedule: --from: expected an RFC 3339 time such as 2026-03-01T02:30:00Z, got "tomorrow"' \
  -- "0 0 * * *" --from tomorrow

exit $status
