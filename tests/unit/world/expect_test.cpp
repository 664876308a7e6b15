// Expectations evaluated over real runs: each form passes and fails with the exact value
// observed. The instants come from the Job controller's rules as job_lifecycle_test.cpp derives
// them (podStartup 2 s, syncJobBatchPeriod 1 s, pod recreation back-off 10 s·2^(n-1)):
//   failure_demo: backoffLimit 3, every container exits 1: pods created at 0, 12, 34, 76 and
//     Failed at 2, 14, 36, 78; the Job fails (BackoffLimitExceeded, a Warning Event) at 79.
//   parallel: completions 10, parallelism 2, 10 s runs: waves at 0, 13, 26, 39, 52; Running
//     2 s after creation, Succeeded 10 s later; Complete at 65.
//   ttl: one 0 s pod, Complete at 3, Job and pod deleted at 103 (ttlSecondsAfterFinished 100).
//   backups: a CronJob object "backup" (no CronJob controller needed) owning Jobs backup-1 and
//     backup-2, plus an unowned Job "other"; one 10 s pod each, all created at 0, Complete at 13.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>

#include "jobsim/scenario/expectation.hpp"
#include "jobsim/world/world.hpp"
#include "testing/builders.hpp"
#include "testing/table.hpp"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace jobsim {
namespace {

using namespace std::chrono_literals;
using scenario::Expectation;
using scenario::ExpectationForm;
using testing::kStart;
using testing::make_job;
using testing::ScenarioBuilder;

constexpr const char* kCronJobUid = "uid-cronjob-backup";

scenario::Scenario failure_demo() {
  return ScenarioBuilder()
      .object(make_job("failure-demo").backoff_limit(3).command({"sh", "-c", "echo 'about to fail'; exit 1"}))
      .build();
}

scenario::Scenario parallel() {
  return ScenarioBuilder().behavior("worker:v1", 10s).object(make_job("parallel").completions(10).parallelism(2)).build();
}

scenario::Scenario ttl() { return ScenarioBuilder().object(make_job("ttl").ttl_seconds_after_finished(100)).build(); }

api::Job owned_by_backup(std::string name) {
  api::Job job = make_job(std::move(name));
  job.metadata.edit().owner_references.push_back(
      {.api_version = "batch/v1", .kind = "CronJob", .name = "backup", .uid = kCronJobUid, .controller = true});
  return job;
}

scenario::Scenario backups() {
  scenario::Scenario built = ScenarioBuilder()
                                 .behavior("worker:v1", 10s)
                                 .object(owned_by_backup("backup-1"))
                                 .object(owned_by_backup("backup-2"))
                                 .object(make_job("other"))
                                 .build();
  api::CronJob cron_job;
  cron_job.metadata.edit().name = "backup";
  cron_job.metadata.edit().uid = kCronJobUid;
  cron_job.spec.edit().schedule = "0 0 1 1 *";
  cron_job.spec.edit().job_template.spec.edit().template_ = make_job("template").build().spec->template_;
  built.objects.insert(built.objects.begin(), {cron_job, {}});  // owners before dependents
  return built;
}

struct ExpectCase {
  std::string_view name;
  std::function<scenario::Scenario()> scenario;
  Expectation expectation;
  std::int64_t want_observed = 0;
  bool want_passed = false;
  std::string_view want_message = "";  // checked when given
};

JOBSIM_PRINT_CASES_BY_NAME()

const scenario::SourcePos kPos{"test.yaml", 10, 5};

const ExpectCase kCases[] = {
    // --- job: Jobs that had a condition -------------------------------------------------------
    {.name = "job_failed_backoff_limit_exceeded_once",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Job, .condition = "Failed", .reason = "BackoffLimitExceeded", .equals = 1},
     .want_observed = 1,
     .want_passed = true},
    {.name = "job_failed_breaks_max_0",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Job, .objects = {.name = "failure-demo"}, .condition = "Failed", .max = 0, .pos = kPos},
     .want_observed = 1,
     .want_message = "test.yaml:10:5: expect[0] job{name: failure-demo, condition: Failed}: observed 1, expected max 0"},
    // FailureTarget carries the same reason; a Job is counted once whatever matched.
    {.name = "job_reason_without_condition_counts_the_job_once",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Job, .reason = "BackoffLimitExceeded", .equals = 1},
     .want_observed = 1,
     .want_passed = true},
    {.name = "job_never_complete",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Job, .condition = "Complete", .min = 1},
     .want_observed = 0},
    {.name = "job_complete_from_a_cron_job",
     .scenario = backups,
     .expectation = {.form = ExpectationForm::Job, .objects = {.cron_job = "backup"}, .condition = "Complete", .equals = 2},
     .want_observed = 2,
     .want_passed = true},
    {.name = "job_without_condition_counts_matching_jobs",
     .scenario = backups,
     .expectation = {.form = ExpectationForm::Job, .objects = {.cron_job = "backup"}, .max = 1},
     .want_observed = 2},

    // --- count: objects at an instant (after every write at it) -------------------------------
    // The second pod fails at exactly +14 s: included.
    {.name = "count_at_the_instant_of_a_failure_includes_it",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Count,
                     .objects = {.kind = api::Kind::Pod, .phase = api::PodPhase::Failed},
                     .at = kStart + 14s,
                     .equals = 2},
     .want_observed = 2,
     .want_passed = true},
    {.name = "count_just_before_a_failure_excludes_it",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Count,
                     .objects = {.kind = api::Kind::Pod, .phase = api::PodPhase::Failed},
                     .at = kStart + 13s,
                     .at_text = "+13s",
                     .equals = 2,
                     .pos = kPos},
     .want_observed = 1,
     .want_message = "test.yaml:10:5: expect[0] count{kind: Pod, phase: Failed, at: +13s}: observed 1, expected equals 2"},
    // Failed pods are retained: four at the end.
    {.name = "count_retained_failed_pods_at_end",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Count,
                     .objects = {.kind = api::Kind::Pod, .phase = api::PodPhase::Failed},
                     .at = kStart + 1h,
                     .at_text = "end",
                     .max = 3,
                     .pos = kPos},
     .want_observed = 4,
     .want_message = "test.yaml:10:5: expect[0] count{kind: Pod, phase: Failed, at: end}: observed 4, expected max 3"},
    {.name = "count_running_pods_of_a_wave",
     .scenario = parallel,
     .expectation = {.form = ExpectationForm::Count,
                     .objects = {.kind = api::Kind::Pod, .job = "parallel", .phase = api::PodPhase::Running},
                     .at = kStart + 5s,
                     .equals = 2},
     .want_observed = 2,
     .want_passed = true},
    {.name = "count_succeeded_pods_at_end",
     .scenario = parallel,
     .expectation = {.form = ExpectationForm::Count,
                     .objects = {.kind = api::Kind::Pod, .phase = api::PodPhase::Succeeded},
                     .at = kStart + 1h,
                     .min = 10},
     .want_observed = 10,
     .want_passed = true},
    {.name = "count_job_before_ttl_deletion",
     .scenario = ttl,
     .expectation = {.form = ExpectationForm::Count, .objects = {.kind = api::Kind::Job}, .at = kStart + 102s, .equals = 1},
     .want_observed = 1,
     .want_passed = true},
    {.name = "count_job_at_the_instant_of_ttl_deletion",
     .scenario = ttl,
     .expectation = {.form = ExpectationForm::Count, .objects = {.kind = api::Kind::Job}, .at = kStart + 103s, .equals = 1},
     .want_observed = 0},
    {.name = "count_nodes_at_start",
     .scenario = ttl,
     .expectation = {.form = ExpectationForm::Count, .objects = {.kind = api::Kind::Node, .name = "worker"}, .at = kStart, .equals = 1},
     .want_observed = 1,
     .want_passed = true},
    {.name = "count_cron_jobs_at_end",
     .scenario = backups,
     .expectation = {.form = ExpectationForm::Count, .objects = {.kind = api::Kind::CronJob}, .at = kStart + 1h, .equals = 0},
     .want_observed = 1},
    {.name = "count_pods_of_a_cron_job",
     .scenario = backups,
     .expectation = {.form = ExpectationForm::Count, .objects = {.kind = api::Kind::Pod, .cron_job = "backup"}, .at = kStart + 1h, .equals = 2},
     .want_observed = 2,
     .want_passed = true},

    // --- maxConcurrent: peak of active objects ------------------------------------------------
    {.name = "max_concurrent_pods_one_at_a_time",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::MaxConcurrent, .objects = {.kind = api::Kind::Pod, .job = "failure-demo"}, .max = 1},
     .want_observed = 1,
     .want_passed = true},
    {.name = "max_concurrent_pods_of_a_wave",
     .scenario = parallel,
     .expectation = {.form = ExpectationForm::MaxConcurrent, .objects = {.kind = api::Kind::Pod}, .max = 1, .pos = kPos},
     .want_observed = 2,
     .want_message = "test.yaml:10:5: expect[0] maxConcurrent{kind: Pod}: observed 2, expected max 1"},
    {.name = "max_concurrent_jobs_of_a_cron_job",
     .scenario = backups,
     .expectation = {.form = ExpectationForm::MaxConcurrent, .objects = {.kind = api::Kind::Job, .cron_job = "backup"}, .max = 1},
     .want_observed = 2},
    {.name = "max_concurrent_jobs_all",
     .scenario = backups,
     .expectation = {.form = ExpectationForm::MaxConcurrent, .objects = {.kind = api::Kind::Job}, .equals = 3},
     .want_observed = 3,
     .want_passed = true},
    {.name = "max_concurrent_pods_of_a_cron_job",
     .scenario = backups,
     .expectation = {.form = ExpectationForm::MaxConcurrent, .objects = {.kind = api::Kind::Pod, .cron_job = "backup"}, .equals = 2},
     .want_observed = 2,
     .want_passed = true},
    // With a phase, maxConcurrent counts pods in that phase: the 10 succeeded pods are retained.
    {.name = "max_concurrent_with_phase",
     .scenario = parallel,
     .expectation = {.form = ExpectationForm::MaxConcurrent,
                     .objects = {.kind = api::Kind::Pod, .phase = api::PodPhase::Succeeded},
                     .min = 10},
     .want_observed = 10,
     .want_passed = true},

    // --- event: Kubernetes Events -------------------------------------------------------------
    {.name = "event_backoff_limit_exceeded_warning",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Event,
                     .event = {.reason = "BackoffLimitExceeded",
                               .type = api::EventType::Warning,
                               .kind = api::Kind::Job,
                               .name = "failure-demo",
                               .message_contains = "backoff limit"},
                     .equals = 1},
     .want_observed = 1,
     .want_passed = true},
    {.name = "event_backoff_limit_exceeded_is_not_normal",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Event,
                     .event = {.reason = "BackoffLimitExceeded", .type = api::EventType::Normal},
                     .min = 1},
     .want_observed = 0},
    {.name = "event_successful_create_per_pod",
     .scenario = failure_demo,
     .expectation = {.form = ExpectationForm::Event,
                     .event = {.reason = "SuccessfulCreate", .kind = api::Kind::Job, .name = "failure-demo"},
                     .max = 3,
                     .pos = kPos},
     .want_observed = 4,
     .want_message =
         "test.yaml:10:5: expect[0] event{reason: SuccessfulCreate, object: Job/failure-demo}: observed 4, expected max 3"},
};

class Expectations : public ::testing::TestWithParam<ExpectCase> {};

TEST_P(Expectations, ObserveTheExactValue) {
  const ExpectCase& test_case = GetParam();
  scenario::Scenario scenario = test_case.scenario();
  scenario.expectations.push_back(test_case.expectation);
  world::World world(scenario);
  world.finish();
  const auto& results = world.expectations().results();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].observed, test_case.want_observed) << results[0].message;
  EXPECT_EQ(results[0].passed, test_case.want_passed) << results[0].message;
  if (!test_case.want_message.empty()) {
    EXPECT_EQ(results[0].message, test_case.want_message);
  }
}

INSTANTIATE_TEST_SUITE_P(Forms, Expectations, ::testing::ValuesIn(kCases), test_support::name_of<ExpectCase>);

TEST(Expectations, ResultsKeepFileOrderAndCountFailures) {
  scenario::Scenario scenario = failure_demo();
  // Two counts at one instant, listed out of time order; a job check in between.
  scenario.expectations = {
      {.form = ExpectationForm::Count, .objects = {.kind = api::Kind::Pod}, .at = kStart + 40s, .equals = 3},
      {.form = ExpectationForm::Job, .condition = "Failed", .max = 0},
      {.form = ExpectationForm::Count, .objects = {.kind = api::Kind::Pod}, .at = kStart + 1s, .equals = 1},
  };
  world::World world(scenario);
  world.finish();
  const auto& results = world.expectations().results();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].observed, 3);
  EXPECT_EQ(results[1].observed, 1);
  EXPECT_EQ(results[2].observed, 1);
  EXPECT_EQ(world.expectations().failed(), 1u);
  EXPECT_FALSE(world.expectations().all_passed());
}

TEST(Expectations, SummaryJsonListsEveryResult) {
  scenario::Scenario scenario = failure_demo();
  scenario.expectations = {{.form = ExpectationForm::Job,
                            .condition = "Failed",
                            .reason = "BackoffLimitExceeded",
                            .equals = 1,
                            .description = "the Job gives up",
                            .pos = kPos}};
  world::World world(scenario);
  world.finish();
  std::ostringstream summary;
  world.recorder().write_summary_json(summary);
  const std::string text = summary.str();
  EXPECT_NE(text.find(R"(  "expectations": [
    {
      "index": 0,
      "expect": "job{condition: Failed, reason: BackoffLimitExceeded}",
      "location": "test.yaml:10:5",
      "description": "the Job gives up",
      "passed": true,
      "observed": 1,
      "equals": 1
    }
  ])"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace jobsim
