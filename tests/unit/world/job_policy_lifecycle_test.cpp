// End-to-end Indexed-Job policies: backoffLimitPerIndex, maxFailedIndexes, the FailIndex
// action and successPolicy (upstream pkg/controller/job/job_controller.go,
// indexed_job_utils.go, success_policy.go, backoff_utils.go). Every expected time is derived in the case's comment from those rules
// and the model's timings: podStartup 2 s, syncJobBatchPeriod 1 s, scheduler 0 s, pod-failure
// backoff 10 s · 2^(n−1).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "testing/builders.hpp"
#include "testing/trace.hpp"
#include "testing/table.hpp"

namespace jobsim {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using testing::make_job;
using testing::ScenarioBuilder;

using Expect = testing::ExpectedTimes;

struct LifecycleCase {
  std::string_view name;
  std::function<scenario::Scenario()> scenario;
  std::vector<Expect> expect;
  std::function<void(world::World&)> check = nullptr;
};

const api::Job& job_named(world::World& world, std::string_view name) {
  const api::Job* job = world.api().jobs().get(world.api().jobs().find("default", name));
  EXPECT_NE(job, nullptr) << "no Job " << name;
  static const api::Job kEmpty;
  return job != nullptr ? *job : kEmpty;
}

// The behaviors added so far apply to every pod; narrow the last one to one completion index.
void only_index(scenario::Scenario& scenario, std::string_view index) {
  scenario.behaviors.back().match.labels[std::string(api::kJobCompletionIndexAnnotation)] = std::string(index);
}

// Behaviors match in order: put the index-specific one first.
scenario::Scenario with_index_behavior_first(ScenarioBuilder builder, std::string_view index) {
  scenario::Scenario scenario = builder.build();
  only_index(scenario, index);
  std::rotate(scenario.behaviors.begin(), scenario.behaviors.end() - 1, scenario.behaviors.end());
  return scenario;
}

api::Job indexed(std::string name, std::int32_t completions) {
  return make_job(std::move(name)).indexed().completions(completions).parallelism(completions).image("worker:v1");
}

std::string annotation(const api::Pod& pod, std::string_view key) {
  const auto found = pod.metadata->annotations.find(std::string(key));
  return found == pod.metadata->annotations.end() ? "<none>" : found->second;
}

const LifecycleCase kCases[] = {
    // backoffLimitPerIndex 1, 4 indexes; index 2 always exits 1 after 5 s, the others exit 0
    // after 10 s. All start at 0 (Running 2). Index 2 fails at 7; sync at 8: its count 0 < 1, so
    // the index is retried after its own backoff: n = 0 + 1 → 10 s from 7 → pod at 17 carrying
    // job-index-failure-count 1 (the failed pod keeps its finalizer until then). Indexes 0, 1,
    // 3 succeed at 12. The replacement runs at 19, fails at 24; sync at 25: count 1 ≥ 1 →
    // index 2 failed; 1 failed + 3 succeeded = completions → FailureTarget and Failed
    // (FailedIndexes) at 25, nothing left to terminate.
    {.name = "backoff_limit_per_index_fails_the_job_with_failed_indexes",
     .scenario = [] {
       api::Job job = indexed("per-index", 4);
       job.spec.edit().backoff_limit_per_index = 1;
       return with_index_behavior_first(
           ScenarioBuilder().behavior("worker:v1", 10s).behavior("worker:v1", 5s, {1}).object(job), "2");
     },
     .expect = {{"Pod", "Created", {0, 0, 0, 0, 17}},
                {"Pod", "Failed", {7, 24}},
                {"Pod", "Succeeded", {12, 12, 12}},
                {"Job", "FailureTarget", {25}},
                {"Job", "Failed", {25}},
                {"Event", "FailedIndexes", {25}}},
     .check = [](world::World& world) {
       const api::Job& job = job_named(world, "per-index");
       EXPECT_EQ(job.status->failed_indexes, "2");
       EXPECT_EQ(job.status->completed_indexes, "0,1,3");
       EXPECT_EQ(job.status->failed, 2);
       EXPECT_EQ(job.status->succeeded, 3);
       EXPECT_EQ(job.spec->backoff_limit, 2147483647) << "backoffLimit defaults to MaxInt32 with backoffLimitPerIndex";
       EXPECT_EQ(api::find_job_condition(job.status, "Failed")->message, "Job has failed indexes");
       std::vector<std::string> index_two_counts;
       world.api().pods().for_each([&](api::ObjectId, const api::Pod& pod) {
         if (annotation(pod, api::kJobCompletionIndexAnnotation) == "2") {
           index_two_counts.push_back(annotation(pod, "batch.kubernetes.io/job-index-failure-count"));
         }
         EXPECT_EQ(annotation(pod, "batch.kubernetes.io/job-index-ignored-failure-count"), "<none>");
       });
       EXPECT_EQ(index_two_counts, (std::vector<std::string>{"0", "1"}));
     }},
    // maxFailedIndexes 0 with backoffLimitPerIndex 0: index 1 exits 1 at 7; sync at 8: one failed
    // index > 0 → FailureTarget MaxFailedIndexesExceeded at 8; the running pods 0 and 2 are
    // deleted (they exit at once, Failed at 8, counted as failed) → Failed at the next sync, 9.
    {.name = "max_failed_indexes_exceeded_fails_at_once",
     .scenario = [] {
       api::Job job = indexed("max-failed", 3);
       job.spec.edit().backoff_limit_per_index = 0;
       job.spec.edit().max_failed_indexes = 0;
       return with_index_behavior_first(
           ScenarioBuilder().never_ending("worker:v1").behavior("worker:v1", 5s, {1}).object(job), "1");
     },
     .expect = {{"Pod", "Created", {0, 0, 0}},
                {"Job", "FailureTarget", {8}},
                {"Event", "SuccessfulDelete", {8, 8}},
                {"Pod", "Failed", {7, 8, 8}},
                {"Job", "Failed", {9}},
                {"Event", "MaxFailedIndexesExceeded", {9}}},
     .check = [](world::World& world) {
       const api::Job& job = job_named(world, "max-failed");
       EXPECT_EQ(job.status->failed_indexes, "1");
       EXPECT_EQ(job.status->failed, 3) << "pods deleted by a failing Job count as failed";
       EXPECT_EQ(api::find_job_condition(job.status, "Failed")->message,
                 "Job has exceeded the specified maximal number of failed indexes");
     }},
    // FailIndex on exit code 42 with backoffLimitPerIndex 3: index 1 exits 42 at 7 → its index
    // fails at once (sync 8) and is not retried, although 3 retries were allowed. Index 0
    // succeeds at 12; sync at 13: 1 failed + 1 succeeded = completions → FailedIndexes at 13.
    {.name = "fail_index_action_fails_the_index_without_retries",
     .scenario = [] {
       api::Job job = indexed("fail-index", 2);
       job.spec.edit().backoff_limit_per_index = 3;
       job.spec.edit().pod_failure_policy = api::PodFailurePolicy{
           .rules = {{.action = api::PodFailurePolicyAction::FailIndex,
                      .on_exit_codes = api::PodFailurePolicyOnExitCodesRequirement{.values = {42}}}}};
       return with_index_behavior_first(
           ScenarioBuilder().behavior("worker:v1", 10s).behavior("worker:v1", 5s, {42}).object(job), "1");
     },
     .expect = {{"Pod", "Created", {0, 0}},
                {"Pod", "Failed", {7}},
                {"Job", "FailureTarget", {13}},
                {"Job", "Failed", {13}},
                {"Event", "FailedIndexes", {13}}},
     .check = [](world::World& world) {
       const api::Job& job = job_named(world, "fail-index");
       EXPECT_EQ(job.status->failed_indexes, "1");
       EXPECT_EQ(job.status->completed_indexes, "0");
       EXPECT_EQ(job.status->failed, 1);
     }},
    // successPolicy succeededIndexes "0": the leader (index 0) exits 0 at 12; the workers run
    // until stopped and take 5 s to exit after SIGTERM. Sync at 13: rule 0 matches →
    // SuccessCriteriaMet (SuccessPolicy) and the 3 workers are deleted, not counted as failed
    // (backoffLimit 0 would otherwise fail the Job). They end Failed at 18; sync at 19: nothing
    // terminating → Complete with the same reason and message.
    {.name = "success_policy_completes_when_the_leader_succeeds",
     .scenario = [] {
       api::Job job = indexed("leader", 4);
       job.spec.edit().backoff_limit = 0;
       job.spec.edit().success_policy = api::SuccessPolicy{.rules = {{.succeeded_indexes = "0"}}};
       return with_index_behavior_first(
           ScenarioBuilder().never_ending("worker:v1", 5s).behavior("worker:v1", 10s).object(job), "0");
     },
     .expect = {{"Pod", "Created", {0, 0, 0, 0}},
                {"Pod", "Succeeded", {12}},
                {"Job", "SuccessCriteriaMet", {13}},
                {"Event", "SuccessfulDelete", {13, 13, 13}},
                {"Pod", "Failed", {18, 18, 18}},
                {"Job", "Complete", {19}},
                {"Job", "FailureTarget", {}},
                {"Event", "Completed", {19}}},
     .check = [](world::World& world) {
       const api::Job& job = job_named(world, "leader");
       EXPECT_EQ(job.status->failed, 0);
       EXPECT_EQ(job.status->succeeded, 1);
       EXPECT_EQ(job.status->completed_indexes, "0");
       EXPECT_FALSE(job.status->failed_indexes.has_value()) << "nil without backoffLimitPerIndex";
       EXPECT_EQ(job.status->completion_time, testing::kStart + 19s);
       const api::JobCondition* complete = api::find_job_condition(job.status, "Complete");
       ASSERT_NE(complete, nullptr);
       EXPECT_EQ(complete->reason, "SuccessPolicy");
       EXPECT_EQ(complete->message, "Matched rules at index 0");
     }},
    // Failure wins over a success policy matched in the same sync: index 0 succeeds and index 1
    // fails (backoffLimitPerIndex 0) at 12; the sync at 13 sees both; FailedIndexes is decided
    // before the success policy is looked at.
    {.name = "failed_indexes_win_over_success_policy_in_the_same_sync",
     .scenario = [] {
       api::Job job = indexed("both", 2);
       job.spec.edit().backoff_limit_per_index = 0;
       job.spec.edit().success_policy = api::SuccessPolicy{.rules = {{.succeeded_indexes = "0"}}};
       return with_index_behavior_first(
           ScenarioBuilder().behavior("worker:v1", 10s).behavior("worker:v1", 10s, {1}).object(job), "1");
     },
     .expect = {{"Job", "SuccessCriteriaMet", {}}, {"Job", "FailureTarget", {13}}, {"Job", "Failed", {13}}},
     .check = [](world::World& world) {
       EXPECT_EQ(api::find_job_condition(job_named(world, "both").status, "Failed")->reason, "FailedIndexes");
     }},
};

class JobPolicyLifecycle : public ::testing::TestWithParam<LifecycleCase> {};

TEST_P(JobPolicyLifecycle, HappensWhenUpstreamSays) {
  const LifecycleCase& test_case = GetParam();
  const scenario::Scenario scenario = test_case.scenario();
  world::World world(scenario);
  testing::Trace trace(world);
  world.finish();
  testing::expect_times(trace, test_case.expect);
  if (test_case.check) test_case.check(world);
}

INSTANTIATE_TEST_SUITE_P(Upstream, JobPolicyLifecycle, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<LifecycleCase>& param_info) {
                           return std::string(param_info.param.name);
                         });

}  // namespace
}  // namespace jobsim
