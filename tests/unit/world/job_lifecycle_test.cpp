// End-to-end Job behaviour: a scenario runs in a World and the exact instants of pod creations,
// restarts and Job conditions are compared with what upstream's rules give. Every expected
// time is derived in the case's comment from the rules (upstream pkg/controller/job/job_controller.go; pkg/kubelet/kuberuntime/kuberuntime_manager.go)
// and the model's documented timings: podStartup 2 s, syncJobBatchPeriod 1 s, scheduler 0 s.
#include <gtest/gtest.h>

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
  std::function<void(world::World&)> check = nullptr;  // extra assertions on the final state
};

const api::Job& job_named(world::World& world, std::string_view name) {
  const api::Job* job = world.api().jobs().get(world.api().jobs().find("default", name));
  EXPECT_NE(job, nullptr) << "no Job " << name;
  static const api::Job kEmpty;
  return job != nullptr ? *job : kEmpty;
}

const LifecycleCase kCases[] = {
    // Pod created at 0, Running at 0+2 (podStartup), exits 0 at once; the Job sync batched 1 s
    // later writes SuccessCriteriaMet and, nothing terminating, Complete in the same sync.
    {.name = "hello_world_completes_one_second_after_the_pod",
     .scenario = [] {
       return ScenarioBuilder().object(make_job("hello").image("busybox:1.35").command({"echo", "Hello"})).build();
     },
     .expect = {{"Pod", "Created", {0}},
                {"Pod", "Running", {2}},
                {"Pod", "Succeeded", {2}},
                {"Job", "SuccessCriteriaMet", {3}},
                {"Job", "Complete", {3}}},
     .check = [](world::World& world) {
       const api::Job& job = job_named(world, "hello");
       EXPECT_EQ(job.status->succeeded, 1);
       EXPECT_EQ(job.status->completion_time, testing::kStart + 3s);
       EXPECT_EQ(api::find_job_condition(job.status, "Complete")->reason, "CompletionsReached");
     }},
    // backoffLimit 3 with Never: the 4th failed pod fails the Job (failed > backoffLimit).
    // Recreation waits 10 s·2^(n-1) from the last failure: fails at 2 → new pod at 12; fails 14
    // → 34; fails 36 → 76; fails 78 → sync at 79: failed = 4 > 3.
    {.name = "backoff_limit_3_never_fails_on_the_fourth_pod",
     .scenario = [] {
       return ScenarioBuilder()
           .object(make_job("failure-demo").backoff_limit(3).command({"sh", "-c", "echo 'about to fail'; exit 1"}))
           .build();
     },
     .expect = {{"Pod", "Created", {0, 12, 34, 76}},
                {"Pod", "Failed", {2, 14, 36, 78}},
                {"Job", "FailureTarget", {79}},
                {"Job", "Failed", {79}},
                {"Event", "BackoffLimitExceeded", {79}},
                {"Pod", "Deleted", {}}},
     .check = [](world::World& world) {
       const api::Job& job = job_named(world, "failure-demo");
       EXPECT_EQ(job.status->failed, 4);
       EXPECT_EQ(world.api().pods().size(), 4u) << "failed pods are retained";
     }},
    // The backoff caps at 600 s (not the six minutes the docs say): creation gaps after each
    // failure are 10, 20, 40, 80, 160, 320, 600, 600, 600, 600 s; 11 failures fail the Job.
    {.name = "pod_recreation_backoff_caps_at_600s",
     .scenario = [] {
       return ScenarioBuilder().until(2h).object(make_job("cap").backoff_limit(10).command({"sh", "-c", "exit 1"})).build();
     },
     .expect = {{"Pod", "Created", {0, 12, 34, 76, 158, 320, 642, 1244, 1846, 2448, 3050}},
                {"Job", "Failed", {3053}}}},
    // Failures count since the last success: pod 1 fails at 2 (next at 12), pod 2 succeeds at
    // 14 and resets the record (pod 3 at 15 without delay), pod 3 fails at 17 → one failure
    // since the success → 10 s → pod 4 at 27 succeeds at 29 → Complete at 30.
    {.name = "backoff_counts_failures_since_the_last_success",
     .scenario = [] {
       return ScenarioBuilder()
           .behavior("flaky:v1", 0s, {1, 0, 1, 0})
           .object(make_job("flaky").completions(2).image("flaky:v1"))
           .build();
     },
     .expect = {{"Pod", "Created", {0, 12, 15, 27}}, {"Job", "Complete", {30}}}},
    // Waves of two: each wave starts at 13k, succeeds at 13k+12, the sync at 13k+13 starts the
    // next; the fifth wave succeeds at 64 → Complete at 65.
    {.name = "completions_10_parallelism_2_runs_in_waves",
     .scenario = [] {
       return ScenarioBuilder()
           .behavior("worker:v1", 10s)
           .object(make_job("parallel").completions(10).parallelism(2))
           .build();
     },
     .expect = {{"Pod", "Created", {0, 0, 13, 13, 26, 26, 39, 39, 52, 52}}, {"Job", "Complete", {65}}}},
    // Active pods are capped at the remaining completions: one pod, nothing races or is killed.
    {.name = "completions_1_parallelism_5_runs_one_pod",
     .scenario = [] {
       return ScenarioBuilder().behavior("worker:v1", 30s).object(make_job("race").completions(1).parallelism(5)).build();
     },
     .expect = {{"Pod", "Created", {0}}, {"Pod", "Deleted", {}}, {"Job", "Complete", {33}}}},
    // Work-queue mode (parallelism only): three pods; after the first success no new pod.
    {.name = "work_queue_mode_completes_when_all_pods_exit",
     .scenario = [] { return ScenarioBuilder().behavior("worker:v1", 10s).object(make_job("queue").parallelism(3)).build(); },
     .expect = {{"Pod", "Created", {0, 0, 0}}, {"Job", "Complete", {13}}},
     .check = [](world::World& world) { EXPECT_FALSE(job_named(world, "queue").spec->completions.has_value()); }},
    // OnFailure: the kubelet restarts in place after 0, 10, 20, 40 s (CrashLoopBackOff). The 4th
    // restart (at 72) reaches backoffLimit 4 → FailureTarget at 73; the pod, waiting in back-off,
    // is deleted and ends Failed at once; Failed follows at the next sync (74).
    {.name = "on_failure_restarts_count_toward_backoff_limit",
     .scenario = [] {
       return ScenarioBuilder()
           .behavior("processor:v1", 0s, {1})
           .object(make_job("image-processor").restart_policy(api::RestartPolicy::OnFailure).backoff_limit(4).image("processor:v1"))
           .build();
     },
     .expect = {{"Pod", "Created", {0}},
                {"Pod", "Restarted", {2, 12, 32, 72}},
                {"Job", "FailureTarget", {73}},
                {"Pod", "Failed", {73}},
                {"Job", "Failed", {74}}},
     .check = [](world::World& world) { EXPECT_EQ(job_named(world, "image-processor").status->failed, 1); }},
    // activeDeadlineSeconds counts from startTime (0): at 30 the Job gets FailureTarget and its
    // pod is deleted; the container exits 5 s after SIGTERM (143) → Failed at the next sync.
    {.name = "active_deadline_fails_after_the_pod_terminates",
     .scenario = [] {
       return ScenarioBuilder()
           .never_ending("worker:v1", 5s)
           .object(make_job("deadline").active_deadline_seconds(30))
           .build();
     },
     .expect = {{"Job", "FailureTarget", {30}},
                {"Pod", "Terminating", {30}},
                {"Pod", "Failed", {35}},
                {"Job", "Failed", {36}},
                {"Event", "DeadlineExceeded", {36}}},
     .check = [](world::World& world) {
       EXPECT_EQ(api::find_job_condition(job_named(world, "deadline").status, "Failed")->reason, "DeadlineExceeded");
     }},
    // A container that ignores SIGTERM is killed at the grace period (30 s): exit 137.
    {.name = "sigkill_at_the_grace_period",
     .scenario = [] {
       return ScenarioBuilder()
           .never_ending("worker:v1", 1h)
           .object(make_job("stubborn").active_deadline_seconds(10))
           .build();
     },
     .expect = {{"Pod", "Terminating", {10}}, {"Pod", "Failed", {40}}, {"Job", "Failed", {41}}}},
    // ttlSecondsAfterFinished 100: Complete at 3, deleted at 103 with Foreground propagation:
    // the pod goes first, then the Job, in the same instant.
    {.name = "ttl_after_finished_deletes_job_and_pods",
     .scenario = [] { return ScenarioBuilder().object(make_job("ttl").ttl_seconds_after_finished(100)).build(); },
     .expect = {{"Job", "Complete", {3}}, {"Pod", "Deleted", {103}}, {"Job", "Deleted", {103}}}},
    // Created suspended: no pod and no startTime; resumed at 60 → pod at 60, startTime 60.
    {.name = "suspended_job_starts_on_resume",
     .scenario = [] {
       return ScenarioBuilder()
           .behavior("worker:v1", 10s)
           .object(make_job("later").suspend(true))
           .patch_at(60s, "Job", "later", "spec.suspend", "false")
           .build();
     },
     .expect = {{"Job", "Suspended", {0}},
                {"Pod", "Created", {60}},
                {"Job", "Suspended=False", {60}},
                {"Job", "Started", {60}},
                {"Job", "Complete", {73}}}},
    // Scaling parallelism down deletes the surplus at once; scale-down pods lose the tracking
    // finalizer first, so they never count as failed.
    {.name = "parallelism_scale_down_deletes_without_counting_failures",
     .scenario = [] {
       return ScenarioBuilder()
           .never_ending("worker:v1")
           .object(make_job("scale").completions(3).parallelism(3))
           .patch_at(10s, "Job", "scale", "spec.parallelism", "1")
           .build();
     },
     .expect = {{"Pod", "Created", {0, 0, 0}}, {"Event", "SuccessfulDelete", {10, 10}}, {"Pod", "Deleted", {10, 10}}},
     .check = [](world::World& world) {
       EXPECT_EQ(job_named(world, "scale").status->failed, 0);
       EXPECT_EQ(job_named(world, "scale").status->active, 1);
     }},
    // Indexed: one pod per index with its hostname and JOB_COMPLETION_INDEX; completedIndexes.
    {.name = "indexed_job_tracks_completed_indexes",
     .scenario = [] {
       return ScenarioBuilder().behavior("worker:v1", 10s).object(make_job("idx").indexed().completions(3).parallelism(3)).build();
     },
     .expect = {{"Pod", "Created", {0, 0, 0}}, {"Job", "Complete", {13}}},
     .check = [](world::World& world) {
       const api::Job& job = job_named(world, "idx");
       EXPECT_EQ(job.status->completed_indexes, "0-2");
       EXPECT_EQ(job.status->succeeded, 3);
       std::vector<std::string> hostnames;
       world.api().pods().for_each([&](api::ObjectId, const api::Pod& pod) {
         hostnames.push_back(pod.spec->hostname);
         const auto& env = pod.spec->containers[0].env;
         ASSERT_FALSE(env.empty());
         EXPECT_EQ(env.back().name, "JOB_COMPLETION_INDEX");
         EXPECT_EQ(pod.metadata->annotations.at("batch.kubernetes.io/job-completion-index"), env.back().value);
       });
       EXPECT_EQ(hostnames, (std::vector<std::string>{"idx-0", "idx-1", "idx-2"}));
     }},
};

class JobLifecycle : public ::testing::TestWithParam<LifecycleCase> {};

TEST_P(JobLifecycle, HappensWhenUpstreamSays) {
  const LifecycleCase& test_case = GetParam();
  const scenario::Scenario scenario = test_case.scenario();
  world::World world(scenario);
  testing::Trace trace(world);
  world.finish();
  testing::expect_times(trace, test_case.expect);
  if (test_case.check) test_case.check(world);
}

INSTANTIATE_TEST_SUITE_P(Upstream, JobLifecycle, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<LifecycleCase>& param_info) { return std::string(param_info.param.name); });

}  // namespace
}  // namespace jobsim
