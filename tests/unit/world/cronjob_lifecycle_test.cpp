// End-to-end CronJob behaviour: a scenario runs in a World and the exact instants of Job
// creations, deletions and CronJob Events are compared with what upstream's rules give
// (upstream pkg/controller/cronjob/cronjob_controllerv2.go). Timings used in every derivation:
//   - the CronJob sync for a schedule time T runs at T + 100 ms (nextScheduleDelta) and creates
//     the Job then ("+0.1" below);
//   - the Job controller syncs a new Job at once and creates its pod; the scheduler binds at
//     once; the pod is Running 2 s later (podStartup, api/timings.hpp), its container runs for
//     the behavior's duration, and the Job's batched sync (syncJobBatchPeriod 1 s) writes
//     Complete/Failed: a Job created at C with a D-long container finishes at C + 2 + D + 1;
//   - that Job status write triggers a CronJob sync in the same instant.
// The scenario starts at 2026-01-01T00:00:00Z (a minute boundary) unless the case says otherwise.
#include <gtest/gtest.h>

#include <functional>

#include "jobsim/controllers/cronjob/schedule.hpp"
#include "testing/builders.hpp"
#include "testing/trace.hpp"
#include "testing/table.hpp"

namespace jobsim {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using api::ConcurrencyPolicy;
using testing::at;
using testing::make_cron_job;
using testing::make_job;
using testing::ScenarioBuilder;

using Expect = testing::ExpectedTimes;

struct CronLifecycleCase {
  std::string_view name;
  std::function<scenario::Scenario()> scenario;
  std::vector<Expect> expect;
  std::function<void(world::World&, const testing::Trace&)> check = nullptr;
};

// A backup every 5 minutes; the case's behavior for backup-tool:v1 says how long it runs.
testing::CronJobBuilder backup() {
  return make_cron_job("backup", "*/5 * * * *").job_template(make_job("t").image("backup-tool:v1"));
}

// The annotation of every Job that exists at the end, by name order.
std::vector<std::string> scheduled_annotations(world::World& world) {
  std::vector<std::string> out;
  world.api().jobs().for_each([&](api::ObjectId, const api::Job& job) {
    out.push_back(job.metadata->annotations.at(std::string(controllers::cronjob::kCronJobScheduledTimestampAnnotation)));
  });
  return out;
}

const CronLifecycleCase kCases[] = {
    // Allow, 7-minute runs every 5 minutes: every schedule creates a Job at T + 0.1 whatever
    // runs; Job k finishes at 300k + 0.1 + 2 + 420 + 1 = 300k + 423.1 (723.1, 1023.1).
    {.name = "allow_overlapping_backups_all_start_on_time",
     .scenario = [] {
       return ScenarioBuilder().until(20min).behavior("backup-tool:v1", 7min).object(backup()).build();
     },
     .expect = {{"Job", "Created", {300.1, 600.1, 900.1}},
                {"Job", "Complete", {723.1, 1023.1}},
                {"Event", "JobAlreadyActive", {}}},
     .check = [](world::World&, const testing::Trace& trace) {
       // SuccessfulCreate is also the Job controller's reason for pods: keep the CronJob's.
       std::vector<std::string> created_jobs;
       for (const std::string& message : trace.details("Event", "SuccessfulCreate")) {
         if (message.starts_with("Created job ")) created_jobs.push_back(message);
       }
       EXPECT_EQ(created_jobs, (std::vector<std::string>{"Created job backup-29453765", "Created job backup-29453770",
                                                         "Created job backup-29453775"}));
     }},
    // Forbid defers, it does not skip: at 600.1 the first Job is active (JobAlreadyActive) and
    // lastScheduleTime stays 300; the first Job completes at 723.1, that sync sees it
    // (SawCompletedJob) and starts the 600 run late, at 723.1; it completes at
    // 723.1 + 423 = 1146.1, where the 900 run (blocked at 900.1) starts.
    {.name = "forbid_defers_the_run_to_the_end_of_the_active_job",
     .scenario = [] {
       return ScenarioBuilder()
           .until(20min)
           .behavior("backup-tool:v1", 7min)
           .object(backup().concurrency_policy(ConcurrencyPolicy::Forbid))
           .build();
     },
     .expect = {{"Job", "Created", {300.1, 723.1, 1146.1}},
                {"Job", "Complete", {723.1, 1146.1}},
                {"Event", "JobAlreadyActive", {600.1, 900.1}},
                {"Event", "SawCompletedJob", {723.1, 1146.1}}},
     .check = [](world::World& world, const testing::Trace&) {
       // The late Jobs carry the schedule time they were created for, not their creation time.
       EXPECT_EQ(scheduled_annotations(world), (std::vector<std::string>{"2026-01-01T00:05:00Z",
                                                                         "2026-01-01T00:10:00Z",
                                                                         "2026-01-01T00:15:00Z"}));
     }},
    // Forbid with 12-minute runs: 600 and 900 are both blocked; when the first Job completes at
    // 300.1 + 2 + 720 + 1 = 1023.1, mostRecentScheduleTime returns only 900 (600 collapses);
    // that Job runs to 1023.1 + 723 = 1746.1, blocking 1200 at 1200.1.
    {.name = "forbid_collapses_several_missed_runs_into_one",
     .scenario = [] {
       return ScenarioBuilder()
           .until(25min)
           .behavior("backup-tool:v1", 12min)
           .object(backup().concurrency_policy(ConcurrencyPolicy::Forbid))
           .build();
     },
     .expect = {{"Job", "Created", {300.1, 1023.1}},
                {"Event", "JobAlreadyActive", {600.1, 900.1, 1200.1}}},
     .check = [](world::World& world, const testing::Trace&) {
       // 2026-01-01T00:15:00Z is Unix minute 29453775.
       EXPECT_NE(world.api().jobs().find("default", "backup-29453775"), api::kNoObject);
       EXPECT_EQ(world.api().jobs().find("default", "backup-29453770"), api::kNoObject) << "600 never ran";
     }},
    // Replace: at each schedule the active Job is deleted (Background: gone at once) and the new
    // one created in the same sync.
    {.name = "replace_deletes_the_running_job_and_creates_the_next",
     .scenario = [] {
       return ScenarioBuilder()
           .until(20min)
           .behavior("backup-tool:v1", 7min)
           .object(backup().concurrency_policy(ConcurrencyPolicy::Replace))
           .build();
     },
     .expect = {{"Job", "Created", {300.1, 600.1, 900.1}},
                {"Job", "Deleted", {600.1, 900.1}},
                {"Event", "SuccessfulDelete", {600.1, 900.1}},
                {"Job", "Complete", {}}},
     .check = [](world::World&, const testing::Trace& trace) {
       EXPECT_EQ(trace.details("Event", "SuccessfulDelete"),
                 (std::vector<std::string>{"Deleted job backup-29453765", "Deleted job backup-29453770"}));
     }},
    // startingDeadlineSeconds 0: the sync at T + 0.1 moves earliest to now, the next time is
    // always in the future: no Job, and no event (MissSchedule is unreachable).
    {.name = "starting_deadline_seconds_0_never_creates_a_job",
     .scenario = [] {
       return ScenarioBuilder()
           .until(1h)
           .behavior("backup-tool:v1", 1min)
           .object(backup().starting_deadline_seconds(0))
           .build();
     },
     .expect = {{"Job", "Created", {}}, {"Event", "MissSchedule", {}}, {"Event", "SuccessfulCreate", {}}}},
    // Suspended until +3h30m (hourly schedule): resuming syncs at once; earliest is still the
    // creation time (0), the estimate finds 3h as the most recent missed time and starts it
    // immediately (12600 s); 1h and 2h are dropped; the next run is 4h + 0.1.
    {.name = "resume_after_suspend_starts_the_most_recent_missed_run_at_once",
     .scenario = [] {
       return ScenarioBuilder()
           .until(4h + 30min)
           .behavior("backup-tool:v1", 1min)
           .object(make_cron_job("hourly", "0 * * * *").job_template(make_job("t").image("backup-tool:v1")).suspend(true))
           .patch_at(3h + 30min, "CronJob", "hourly", "spec.suspend", "false")
           .build();
     },
     .expect = {{"Job", "Created", {12600, 14400.1}}},
     .check = [](world::World& world, const testing::Trace&) {
       EXPECT_NE(world.api().jobs().find("default", "hourly-29453940"), api::kNoObject);  // 03:00Z
     }},
    // 1-minute successful runs: Job k (created 300k + 0.1) completes at 300k + 63.1. With the
    // default successfulJobsHistoryLimit 3, the 4th completion (1263.1) deletes the oldest by
    // startTime (the first Job) and the 5th (1563.1) the second.
    {.name = "successful_jobs_history_limit_3_deletes_the_oldest",
     .scenario = [] {
       return ScenarioBuilder().until(30min).behavior("backup-tool:v1", 1min).object(backup()).build();
     },
     .expect = {{"Job", "Complete", {363.1, 663.1, 963.1, 1263.1, 1563.1}},
                {"Job", "Deleted", {1263.1, 1563.1}},
                {"Event", "SuccessfulDelete", {1263.1, 1563.1}}},
     .check = [](world::World& world, const testing::Trace&) { EXPECT_EQ(world.api().jobs().size(), 3u); }},
    // Failing runs (exit 1, backoffLimit 0): Job k fails at 300k + 63.1 (pod fails at
    // 300k + 62.1, the batched sync 1 s later writes FailureTarget and Failed). The default
    // failedJobsHistoryLimit 1 deletes the previous failed Job at each new failure.
    {.name = "failed_jobs_history_limit_1_keeps_the_last_failure",
     .scenario = [] {
       return ScenarioBuilder()
           .until(1000s)
           .behavior("backup-tool:v1", 1min, {1})
           .object(make_cron_job("backup", "*/5 * * * *")
                       .job_template(make_job("t").image("backup-tool:v1").backoff_limit(0)))
           .build();
     },
     .expect = {{"Job", "Failed", {363.1, 663.1, 963.1}}, {"Job", "Deleted", {663.1, 963.1}}}},
    // A replayed CronJob created two days before the start: 576 missed 5-minute times > 100:
    // TooManyMissedTimes, and still one Job, for the most recent time (the start itself).
    {.name = "more_than_100_missed_warns_and_starts_one_job",
     .scenario = [] {
       return ScenarioBuilder()
           .until(400s)
           .behavior("backup-tool:v1", 1min)
           .object(backup().creation_timestamp(testing::kStart - 48h))
           .build();
     },
     .expect = {{"Event", "TooManyMissedTimes", {0}}, {"Job", "Created", {0, 300.1}}}},
    // 02:30 daily in Europe/Berlin from 2026-03-27T00:00Z: 03-27 and 03-28 run at 02:30 CET
    // (01:30Z: 5400.1 and 91800.1), 03-29 has no 02:30 (CET→CEST at 02:00) and is skipped,
    // 03-30 runs at 02:30 CEST = 00:30Z (3 d + 1800.1 = 261000.1).
    {.name = "berlin_0230_is_skipped_on_the_spring_forward_day",
     .scenario = [] {
       return ScenarioBuilder()
           .start(at("2026-03-27T00:00:00Z"))
           .until(96h)
           .behavior("backup-tool:v1", 1min)
           .object(make_cron_job("nightly", "30 2 * * *")
                       .job_template(make_job("t").image("backup-tool:v1"))
                       .time_zone("Europe/Berlin"))
           .build();
     },
     .expect = {{"Job", "Created", {5400.1, 91800.1, 261000.1}}},
     .check = [](world::World& world, const testing::Trace&) {
       EXPECT_EQ(scheduled_annotations(world), (std::vector<std::string>{"2026-03-27T02:30:00+01:00",
                                                                         "2026-03-28T02:30:00+01:00",
                                                                         "2026-03-30T02:30:00+02:00"}));
     }},
    // From 2026-10-24T00:00Z: 10-24 02:30 CEST = 00:30Z (1800.1); 10-25 02:30 happens twice,
    // CEST 00:30Z (88200.1) and CET 01:30Z (91800.1), two Jobs with two names; 10-26 02:30 CET
    // = 01:30Z (178200.1). The history limit is raised to 5 so that all four are kept (the
    // fourth completes at 178263.1, before the end, and would delete the first with 3).
    {.name = "berlin_0230_runs_twice_on_the_fall_back_day",
     .scenario = [] {
       return ScenarioBuilder()
           .start(at("2026-10-24T00:00:00Z"))
           .until(60h)
           .behavior("backup-tool:v1", 1min)
           .object(make_cron_job("nightly", "30 2 * * *")
                       .job_template(make_job("t").image("backup-tool:v1"))
                       .time_zone("Europe/Berlin")
                       .successful_jobs_history_limit(5))
           .build();
     },
     .expect = {{"Job", "Created", {1800.1, 88200.1, 91800.1, 178200.1}}},
     .check = [](world::World& world, const testing::Trace&) {
       EXPECT_EQ(scheduled_annotations(world), (std::vector<std::string>{"2026-10-24T02:30:00+02:00",
                                                                         "2026-10-25T02:30:00+02:00",
                                                                         "2026-10-25T02:30:00+01:00",
                                                                         "2026-10-26T02:30:00+01:00"}));
     }},
};

class CronJobLifecycle : public ::testing::TestWithParam<CronLifecycleCase> {};

TEST_P(CronJobLifecycle, HappensWhenUpstreamSays) {
  const CronLifecycleCase& test_case = GetParam();
  const scenario::Scenario scenario = test_case.scenario();
  world::World world(scenario);
  testing::Trace trace(world);
  world.finish();
  testing::expect_times(trace, test_case.expect);
  if (test_case.check) test_case.check(world, trace);
}

INSTANTIATE_TEST_SUITE_P(Upstream, CronJobLifecycle, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<CronLifecycleCase>& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace jobsim
