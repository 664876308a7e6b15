// summary.json's per-CronJob section on hand-built histories: the CronJob controller's writes
// and Events are played by the test at chosen instants, so every count is known exactly
// (definitions in docs/outputs.md). The run starts at 2026-01-01T00:00:00Z.
#include <chrono>

#include <nlohmann/json.hpp>

#include "recorder_fixture.hpp"

namespace jobsim::report::testing {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

constexpr std::string_view kScheduledTimestamp = api::kCronJobScheduledTimestampAnnotation;

class CronJobSummaryTest : public RecorderTest {
 protected:
  api::ObjectId create_cron_job(std::string name, std::string schedule,
                                const std::function<void(api::CronJob&)>& change = nullptr) {
    api::CronJob cron_job = make_cron_job(std::move(name));
    cron_job.spec.edit().schedule = std::move(schedule);
    if (change) change(cron_job);
    return create(std::move(cron_job));
  }
  const api::CronJob& cron_job(api::ObjectId id) { return *server_.cron_jobs().get(id); }

  // job_of: a Job as the CronJob controller makes it (getJobFromTemplate2): controller
  // ownerReference to the CronJob by uid, and the scheduled-timestamp annotation when given.
  api::ObjectId create_job_of(api::ObjectId owner, std::string name, std::string_view scheduled = "") {
    api::Job job = make_job(std::move(name));
    job.metadata.edit().owner_references.edit().push_back({.api_version = "batch/v1",
                                             .kind = "CronJob",
                                             .name = cron_job(owner).metadata->name,
                                             .uid = cron_job(owner).metadata->uid,
                                             .controller = true});
    if (!scheduled.empty()) job.metadata.edit().annotations.edit()[std::string(kScheduledTimestamp)] = std::string(scheduled);
    return create(std::move(job));
  }
  void complete(api::ObjectId job) {
    update<api::Job>(job, [&](api::Job& j) {
      set_job_condition(j, api::kJobComplete, api::ConditionStatus::True, "", clock_.now());
    });
  }
  // cronjob_event: an Event of the CronJob controller about `owner`, now.
  void cronjob_event(api::ObjectId owner, std::string reason, std::string message) {
    const api::CronJob& c = cron_job(owner);
    api::Event event;  // field by field: GCC 12 warns (falsely) on a designated initializer here
    event.time = clock_.now();
    event.reason = std::move(reason);
    event.message = api::EventMessage::text(message);
    event.object = {api::Kind::CronJob, c.metadata->namespace_, c.metadata->name, c.metadata->uid};
    event.source = "cronjob-controller";
    sink_.emit(event);
  }
  void already_active(api::ObjectId owner) {
    cronjob_event(owner, "JobAlreadyActive",
                  "Not starting job because prior execution is running and concurrency policy is Forbid");
  }
  Json cron_jobs_section() { return Json::parse(summary_text())["cronJobs"]; }
};

Json delays(std::string_view p50, std::string_view p90, std::string_view p95, std::string_view p99,
            std::string_view max) {
  return Json::parse("{\"p50\": " + std::string(p50) + ", \"p90\": " + std::string(p90) + ", \"p95\": " +
                     std::string(p95) + ", \"p99\": " + std::string(p99) + ", \"max\": " + std::string(max) + "}");
}
const Json kNoDelays = delays("null", "null", "null", "null", "null");

// */5 from 00:00 in a 31-minute run: activations 00:05 ... 00:30 (00:30's sync at 00:30:00.1 is
// inside the run). 00:05 runs on time; 00:10 is blocked (JobAlreadyActive) and starts late at
// 00:12 when the first Job completes (Forbid defers); 00:15 is blocked and never runs (skipped);
// 00:20 has neither a Job nor a JobAlreadyActive before 00:25 (the one at 00:19:59 belongs to
// 00:15): missed; 00:25 runs on time, its annotation in +01:00; 00:30 has nothing: missed.
// Start delays 0.1 s, 120 s, 0.1 s. At 00:12 the late Job is created before the first one
// completes: two at once only inside the instant, one at its end.
TEST_F(CronJobSummaryTest, activations_are_created_skipped_or_missed) {
  const api::ObjectId backup = create_cron_job("backup", "*/5 * * * *");
  at(5min + 100ms);
  const api::ObjectId first = create_job_of(backup, "backup-29453765", "2026-01-01T00:05:00Z");
  at(10min + 100ms);
  already_active(backup);
  at(12min);
  const api::ObjectId late = create_job_of(backup, "backup-29453770", "2026-01-01T00:10:00Z");
  complete(first);
  at(15min + 100ms);
  already_active(backup);
  at(18min);
  complete(late);
  at(19min + 59s);
  already_active(backup);
  at(25min + 100ms);
  create_job_of(backup, "backup-29453785", "2026-01-01T01:25:00+01:00");
  finish(31min);
  EXPECT_EQ(cron_jobs_section(), (Json{{"backup",
                                        {{"schedules", 6},
                                         {"jobsCreated", 3},
                                         {"missed", 2},
                                         {"skipped", 1},
                                         {"replaced", 0},
                                         {"maxConcurrentJobs", 1},
                                         {"startDelay", delays("0.1", "120.0", "120.0", "120.0", "120.0")}}}}));
}

// An activation whose sync (T + 100 ms) falls after the end is not counted: in a 10-minute run
// 00:10 is not an activation yet; in a 10:00.1 run it is (and missed).
TEST_F(CronJobSummaryTest, activation_at_the_end_counts_once_its_sync_is_inside_the_run) {
  const api::ObjectId backup = create_cron_job("backup", "*/5 * * * *");
  at(5min + 100ms);
  create_job_of(backup, "backup-29453765", "2026-01-01T00:05:00Z");
  EXPECT_EQ(cron_jobs_section()["backup"]["schedules"], 1) << "partial summary at 00:05:00.1";
  finish(10min);
  EXPECT_EQ(cron_jobs_section()["backup"]["schedules"], 1);
  EXPECT_EQ(cron_jobs_section()["backup"]["missed"], 0);
}

TEST_F(CronJobSummaryTest, activation_whose_sync_ends_the_run_is_counted) {
  create_cron_job("backup", "*/5 * * * *");
  finish(10min + 100ms);
  EXPECT_EQ(cron_jobs_section()["backup"]["schedules"], 2);
  EXPECT_EQ(cron_jobs_section()["backup"]["missed"], 2);
}

// */10 created at 00:03: 00:10 counts; suspended 00:15..00:40 (00:20, 00:30 do not count; 00:40
// does: resumed at that instant); suspended again at 00:50 exactly (00:50 does not count: at the
// end of that instant it is suspended); at 01:05 resumed with a new schedule */30 (a new walk
// from 01:05: 01:30, 02:00); deleted at 02:00 (02:00 does not count). 3 activations, no Jobs.
TEST_F(CronJobSummaryTest, suspend_schedule_change_and_delete_bound_the_activations) {
  at(3min);
  const api::ObjectId report = create_cron_job("report", "*/10 * * * *");
  const auto suspend = [&](bool value, std::string schedule = "*/10 * * * *") {
    update<api::CronJob>(report, [&](api::CronJob& c) {
      c.spec.edit().suspend = value;
      c.spec.edit().schedule = schedule;
    });
  };
  at(15min);
  suspend(true);
  at(40min);
  suspend(false);
  at(50min);
  suspend(true);
  at(65min);
  suspend(false, "*/30 * * * *");
  at(120min);
  remove(api::Kind::CronJob, report);
  finish(180min);
  EXPECT_EQ(cron_jobs_section(), (Json{{"report",
                                        {{"schedules", 3},
                                         {"jobsCreated", 0},
                                         {"missed", 3},
                                         {"skipped", 0},
                                         {"replaced", 0},
                                         {"maxConcurrentJobs", 0},
                                         {"startDelay", kNoDelays}}}}));
}

// A CronJob created suspended has no activation until it is resumed (00:22): 00:25 only.
TEST_F(CronJobSummaryTest, created_suspended) {
  const api::ObjectId idle =
      create_cron_job("idle", "*/5 * * * *", [](api::CronJob& c) { c.spec.edit().suspend = true; });
  at(22min);
  update<api::CronJob>(idle, [](api::CronJob& c) { c.spec.edit().suspend = false; });
  finish(29min);
  EXPECT_EQ(cron_jobs_section()["idle"]["schedules"], 1);
}

// "0 6 * * *" is 06:00 in the schedule's zone. spec.timeZone Asia/Kolkata (+05:30): 00:30Z, inside
// a 1-hour run. Without spec.timeZone the controller's zone (cluster.timeZone) applies: 06:00Z
// in UTC (outside the run), 00:30Z for a recorder whose controller zone is Asia/Kolkata.
TEST_F(CronJobSummaryTest, schedules_follow_the_time_zone) {
  RunRecorder kolkata_controller(clock_, server_, sink_, usage_, lifecycle_, {}, *cron::TimeZone::load("Asia/Kolkata").zone);
  create_cron_job("zoned", "0 6 * * *", [](api::CronJob& c) { c.spec.edit().time_zone = "Asia/Kolkata"; });
  create_cron_job("local", "0 6 * * *");
  finish(1h);
  kolkata_controller.finish(kStart + 1h, {});
  const Json utc = cron_jobs_section();
  EXPECT_EQ(utc["zoned"]["schedules"], 1);
  EXPECT_EQ(utc["local"]["schedules"], 0);
  std::ostringstream out;
  kolkata_controller.write_summary_json(out);
  const Json kolkata = Json::parse(out.str())["cronJobs"];
  EXPECT_EQ(kolkata["zoned"]["schedules"], 1);
  EXPECT_EQ(kolkata["local"]["schedules"], 1);
}

// A schedule that never fires (Feb 31: robfig's Next returns the zero time) has no activations
// and its walk ends; a frequent one over a year is walked in full: (00:00, 365 days] holds
// 365 * 288 activations of */5, the last at the very end (its sync is after it, not counted).
TEST_F(CronJobSummaryTest, a_year_of_schedules_and_one_that_never_fires) {
  create_cron_job("never", "0 0 31 2 *");
  create_cron_job("frequent", "*/5 * * * *");
  finish(24h * 365);
  EXPECT_EQ(cron_jobs_section()["never"]["schedules"], 0);
  EXPECT_EQ(cron_jobs_section()["frequent"]["schedules"], 365 * 288 - 1);
}

// @every counts from the creation instant (robfig ConstantDelaySchedule; the controller's
// earliest time is creationTimestamp), also across a pause. Created 00:00:30, @every 1h:
// 01:00:30 (suspended 00:45..01:30: not counted), 02:00:30; 03:00:30 is after the end.
TEST_F(CronJobSummaryTest, every_keeps_its_phase_across_a_pause) {
  at(30s);
  const api::ObjectId hourly = create_cron_job("hourly", "@every 1h");
  at(45min);
  update<api::CronJob>(hourly, [](api::CronJob& c) { c.spec.edit().suspend = true; });
  at(90min);
  update<api::CronJob>(hourly, [](api::CronJob& c) { c.spec.edit().suspend = false; });
  finish(3h);
  EXPECT_EQ(cron_jobs_section()["hourly"]["schedules"], 1);
  EXPECT_EQ(cron_jobs_section()["hourly"]["missed"], 1);
}

// Replace: the CronJob controller announces why it deleted a Job (cluster/lifecycle.hpp).
// A Replace counts; a history cleanup does not; a user's delete has no announcement (not
// counted); the SuccessfulDelete Event's text counts nothing by itself.
TEST_F(CronJobSummaryTest, replaced_counts_the_jobs_the_controller_replaced) {
  const api::ObjectId nightly = create_cron_job("nightly", "0 0 * * *");
  const api::ObjectId done = create_job_of(nightly, "done");
  const api::ObjectId running = create_job_of(nightly, "running");
  const api::ObjectId other = create_job_of(nightly, "other");
  at(1min);
  complete(done);
  at(2min);
  remove(api::Kind::Job, done);
  cronjob_event(nightly, "SuccessfulDelete", "Deleted job done");
  lifecycle_.cron_job_job_deleted.emit(
      {.cron_job = nightly, .job = done, .why = cluster::CronJobDeleteReason::HistoryCleanup});
  remove(api::Kind::Job, running);
  cronjob_event(nightly, "SuccessfulDelete", "Deleted job running");
  lifecycle_.cron_job_job_deleted.emit(
      {.cron_job = nightly, .job = running, .why = cluster::CronJobDeleteReason::Replaced});
  remove(api::Kind::Job, other);
  at(3min);
  cronjob_event(nightly, "SuccessfulDelete", "Deleted job other");
  create_job_of(nightly, "manual");  // no scheduled-timestamp annotation: no start delay
  finish(4min);
  EXPECT_EQ(cron_jobs_section(), (Json{{"nightly",
                                        {{"schedules", 0},
                                         {"jobsCreated", 4},
                                         {"missed", 0},
                                         {"skipped", 0},
                                         {"replaced", 1},
                                         {"maxConcurrentJobs", 3},
                                         {"startDelay", kNoDelays}}}}));
}

// The text summary's CronJobs table, aligned like the Jobs table.
TEST_F(CronJobSummaryTest, text_table) {
  const api::ObjectId backup = create_cron_job("backup", "*/5 * * * *");
  create_cron_job("hourly-report", "0 * * * *");
  at(5min + 100ms);
  create_job_of(backup, "backup-29453765", "2026-01-01T00:05:00Z");
  at(10min + 100ms);
  already_active(backup);
  finish(11min);
  const std::vector<std::string> lines = split_lines(text_summary());
  ASSERT_GE(lines.size(), 6u);
  EXPECT_EQ(lines[3], "CronJobs (2)");
  EXPECT_EQ(lines[4],
            "  NAME           SCHEDULES  CREATED  SKIPPED  MISSED  REPLACED  MAX-CONCURRENT  START-DELAY-P95");
  EXPECT_EQ(lines[5],
            "  backup                 2        1        1       0         0               1  100ms");
  EXPECT_EQ(lines[6],
            "  hourly-report          0        0        0       0         0               0  -");
}

}  // namespace
}  // namespace jobsim::report::testing
