// summary.json's per-CronJob section for whole runs: each case's numbers are derived from
// upstream's CronJob rules (upstream pkg/controller/cronjob/cronjob_controllerv2.go) and the model's timings, as in
// cronjob_lifecycle_test.cpp, whose Job creation instants these cases reuse:
//   - the sync for a schedule time T runs at T + 0.1 s and creates the Job then;
//   - a Job created at C whose container runs D finishes at C + 2 + D + 1 (pod startup 2 s,
//     syncJobBatchPeriod 1 s), and that status write syncs the CronJob in the same instant;
//   - an activation T is counted when T + 0.1 s is within the run (docs/outputs.md).
// "*/5 * * * *" from 2026-01-01T00:00:00Z: activations at 300, 600, 900, ... s.
#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "jobsim/world/world.hpp"
#include "testing/builders.hpp"
#include "testing/table.hpp"

namespace jobsim {
namespace {

using namespace std::chrono_literals;
using api::ConcurrencyPolicy;
using Json = nlohmann::json;
using testing::make_cron_job;
using testing::make_job;
using testing::ScenarioBuilder;

struct Outage {
  engine::Duration at;
  engine::Duration duration;
};

struct Want {
  int schedules = 0;
  int jobs_created = 0;
  int missed = 0;
  int skipped = 0;
  int replaced = 0;
  int max_concurrent_jobs = 0;
  // startDelay p50, p90, p95, p99, max in seconds (nearest rank).
  std::array<double, 5> start_delay{};
};

struct CronSummaryCase {
  std::string_view name;
  std::function<ScenarioBuilder()> scenario;
  std::vector<Outage> outages;
  Want want;
};

testing::CronJobBuilder backup() {
  return make_cron_job("backup", "*/5 * * * *").job_template(make_job("t").image("backup-tool:v1"));
}

const CronSummaryCase kCases[] = {
    // Forbid, 7-minute runs (each Job lasts 423 s), 30 minutes. Jobs: 300 at 300.1 (ends
    // 723.1); 600 blocked at 600.1 (JobAlreadyActive), created late at 723.1 (ends 1146.1); 900
    // blocked at 900.1, created at 1146.1 (ends 1569.1); 1200 blocked at 1200.1 and 1500 at
    // 1500.1; at 1569.1 only the most recent, 1500, starts (1200 collapses: skipped). 1800 syncs
    // at 1800.1, after the end: not counted. 5 schedules, 4 Jobs, 1 skipped; start delays 0.1,
    // 123.1, 246.1, 69.1: p50 = 2nd of 4 = 69.1, p90 and up = 4th = 246.1. One Job at a time
    // (each new Job starts in the instant the previous one completes).
    {.name = "forbid_defers_and_collapses",
     .scenario = [] {
       return ScenarioBuilder().until(30min).behavior("backup-tool:v1", 7min).object(
           backup().concurrency_policy(ConcurrencyPolicy::Forbid));
     },
     .want = {.schedules = 5,
              .jobs_created = 4,
              .skipped = 1,
              .max_concurrent_jobs = 1,
              .start_delay = {69.1, 246.1, 246.1, 246.1, 246.1}}},
    // Allow, 7-minute runs, 20 minutes: Jobs at 300.1, 600.1, 900.1 (ending 723.1, 1023.1,
    // 1323.1): two at once from 600.1 to 723.1 and from 900.1 to 1023.1.
    {.name = "allow_overlaps_two_at_a_time",
     .scenario = [] { return ScenarioBuilder().until(20min).behavior("backup-tool:v1", 7min).object(backup()); },
     .want = {.schedules = 3,
              .jobs_created = 3,
              .max_concurrent_jobs = 2,
              .start_delay = {0.1, 0.1, 0.1, 0.1, 0.1}}},
    // Replace, 7-minute runs, 20 minutes: at 600.1 and 900.1 the running Job is deleted
    // (the controller deletes it for Replace: replaced) and the next created in the same instant.
    {.name = "replace_deletes_each_running_job",
     .scenario = [] {
       return ScenarioBuilder().until(20min).behavior("backup-tool:v1", 7min).object(
           backup().concurrency_policy(ConcurrencyPolicy::Replace));
     },
     .want = {.schedules = 3,
              .jobs_created = 3,
              .replaced = 2,
              .max_concurrent_jobs = 1,
              .start_delay = {0.1, 0.1, 0.1, 0.1, 0.1}}},
    // 1-minute runs; history cleanup deletes finished Jobs at 1263.1 and 1563.1 (SuccessfulDelete
    // of Complete Jobs): not replaced. 30 minutes: 300..1500, 5 schedules, 5 Jobs.
    {.name = "history_cleanup_is_not_a_replace",
     .scenario = [] { return ScenarioBuilder().until(30min).behavior("backup-tool:v1", 1min).object(backup()); },
     .want = {.schedules = 5,
              .jobs_created = 5,
              .max_concurrent_jobs = 1,
              .start_delay = {0.1, 0.1, 0.1, 0.1, 0.1}}},
    // kube-controller-manager down 240..960 s, 1-minute runs, 25 minutes. At 960 the resync
    // finds 900 as the most recent missed time (earliest 0, t1 300, n = 3: scan from 900) and
    // starts it (delay 60); 300 and 600 are dropped: missed. 1200 runs on time.
    {.name = "outage_drops_all_but_the_most_recent_time",
     .scenario = [] { return ScenarioBuilder().until(25min).behavior("backup-tool:v1", 1min).object(backup()); },
     .outages = {{4min, 12min}},
     .want = {.schedules = 4,
              .jobs_created = 2,
              .missed = 2,
              .max_concurrent_jobs = 1,
              .start_delay = {0.1, 60, 60, 60, 60}}},
    // The same outage with startingDeadlineSeconds 30: at 960 earliest = 930, Next = 1200 is in
    // the future: 900 is past its deadline too. 3 missed, one Job (1200).
    {.name = "outage_with_a_starting_deadline_misses_every_time",
     .scenario = [] {
       return ScenarioBuilder().until(25min).behavior("backup-tool:v1", 1min).object(
           backup().starting_deadline_seconds(30));
     },
     .outages = {{4min, 12min}},
     .want = {.schedules = 4,
              .jobs_created = 1,
              .missed = 3,
              .max_concurrent_jobs = 1,
              .start_delay = {0.1, 0.1, 0.1, 0.1, 0.1}}},
    // A CronJob replayed with a creationTimestamp two days before the start: its 576 earlier
    // times are not this run's. Counted from the start: 0 (its Job is created at 0, delay 0,
    // with TooManyMissedTimes) and 300 (at 300.1). 400 s run.
    {.name = "replayed_cronjob_counts_from_the_start",
     .scenario = [] {
       return ScenarioBuilder().until(400s).behavior("backup-tool:v1", 1min).object(
           backup().creation_timestamp(testing::kStart - 48h));
     },
     .want = {.schedules = 2,
              .jobs_created = 2,
              .max_concurrent_jobs = 1,
              .start_delay = {0, 0.1, 0.1, 0.1, 0.1}}},
};

JOBSIM_PRINT_CASES_BY_NAME()

class CronJobSummary : public ::testing::TestWithParam<CronSummaryCase> {};

TEST_P(CronJobSummary, CountsWhatUpstreamDoes) {
  const CronSummaryCase& test_case = GetParam();
  scenario::Scenario scenario = test_case.scenario().build();
  for (const Outage& outage : test_case.outages) {
    scenario.faults.push_back({.kind = scenario::FaultKind::ControllerManagerDown,
                               .at = scenario.start + outage.at,
                               .duration = outage.duration});
  }
  world::World world(scenario);
  world.finish();
  std::ostringstream out;
  world.recorder().write_summary_json(out);
  const Json got = Json::parse(out.str())["cronJobs"]["backup"];
  const Want& want = test_case.want;
  const std::array<double, 5>& d = want.start_delay;
  const Json expected = {{"schedules", want.schedules},
                         {"jobsCreated", want.jobs_created},
                         {"missed", want.missed},
                         {"skipped", want.skipped},
                         {"replaced", want.replaced},
                         {"maxConcurrentJobs", want.max_concurrent_jobs},
                         {"startDelay", {{"p50", d[0]}, {"p90", d[1]}, {"p95", d[2]}, {"p99", d[3]}, {"max", d[4]}}}};
  EXPECT_EQ(got, expected) << "got " << got.dump() << "\nwant " << expected.dump();
}

INSTANTIATE_TEST_SUITE_P(Table, CronJobSummary, ::testing::ValuesIn(kCases),
                         test_support::name_of<CronSummaryCase>);

}  // namespace
}  // namespace jobsim
