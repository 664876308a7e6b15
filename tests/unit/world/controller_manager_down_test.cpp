// controllerManagerDown: while kube-controller-manager is down the kubelets and the scheduler go
// on, but nothing that a controller does happens; when it comes back it re-lists and syncs
// every object once with empty queues and no in-memory state. Every expected instant is derived
// in the case's comment from upstream's rules (upstream pkg/controller/job/job_controller.go; pkg/controller/ttlafterfinished/ttlafterfinished_controller.go; pkg/controller/garbagecollector/garbagecollector.go; docs/fidelity.md)
// and the model's timings: podStartup 2 s, syncJobBatchPeriod 1 s, scheduler 0 s.
#include <gtest/gtest.h>

#include <functional>

#include "testing/builders.hpp"
#include "testing/trace.hpp"
#include "testing/table.hpp"

namespace jobsim {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using testing::kStart;
using testing::make_job;
using testing::ScenarioBuilder;

using Expect = testing::ExpectedTimes;

struct Outage {
  engine::Duration at;
  engine::Duration duration;
};

struct OutageCase {
  std::string_view name;
  std::function<ScenarioBuilder()> scenario;
  std::vector<Outage> outages;
  std::vector<Expect> expect;
  std::function<void(world::World&)> check = nullptr;  // extra assertions on the final state
};

scenario::Scenario with_outages(ScenarioBuilder builder, const std::vector<Outage>& outages) {
  scenario::Scenario scenario = builder.build();
  for (const Outage& outage : outages) {
    scenario.faults.push_back({.kind = scenario::FaultKind::ControllerManagerDown,
                               .at = scenario.start + outage.at,
                               .duration = outage.duration});
  }
  return scenario;
}

const api::Job* find_job(world::World& world, std::string_view name) {
  return world.api().jobs().get(world.api().jobs().find("default", name));
}

const OutageCase kCases[] = {
    // The pod fails at 32 (Running at 2, runs 30 s) while the controllers are down (10..70).
    // Without the outage the sync at 33 counts it and the replacement waits 10 s (created at 42).
    // At 70 the Job controller syncs the Job at once (informer add → immediate enqueue): the
    // failed pod still carries the tracking finalizer, so it is a "new" failure; the backoff
    // record starts empty (backoff_utils.go newBackoffRecord: no stored record) and becomes
    // {1 failure, last at 32}; 10 s − (70 − 32) < 0, so the replacement is created at 70. It
    // runs 72..102 and exits 0; the Job completes at the batched sync at 103.
    {.name = "pod_failure_during_outage_is_counted_at_restart_and_replaced_at_once",
     .scenario = [] { return ScenarioBuilder().behavior("worker:v1", 30s, {1, 0}).object(make_job("flaky")); },
     .outages = {{10s, 60s}},
     .expect = {{"Pod", "Created", {0, 70}},
                {"Pod", "Failed", {32}},
                {"Pod", "Succeeded", {102}},
                {"Job", "Complete", {103}}},
     .check = [](world::World& world) {
       EXPECT_EQ(find_job(world, "flaky")->status->failed, 1);
       EXPECT_EQ(find_job(world, "flaky")->status->succeeded, 1);
     }},
    // Without an outage: pods at 0, 12 (10 s after the failure at 2), 34 (20 s after 14), 76.
    // The 2nd failure (14) is counted and its finalizer removed at the sync at 15, which
    // requeues for 34. The outage 20..25 drops that requeue and the in-memory record
    // {2 failures, last at 14}. At 25 the sync sees no new finished pod: the fresh record is
    // empty, no backoff, the 3rd pod is created at 25 (not 34). It fails at 27; the sync at 28
    // makes the record {1, 27}: remaining 10 − 1 = 9 s, so the 4th pod is created at 37,
    // runs at 39 and exits 0; the Job completes at 40.
    {.name = "backoff_record_is_lost_so_the_next_pod_is_not_delayed",
     .scenario = [] {
       return ScenarioBuilder().behavior("worker:v1", 0s, {1, 1, 1, 0}).object(make_job("retry").backoff_limit(6));
     },
     .outages = {{20s, 5s}},
     .expect = {{"Pod", "Created", {0, 12, 25, 37}}, {"Pod", "Failed", {2, 14, 27}}, {"Job", "Complete", {40}}},
     .check = [](world::World& world) { EXPECT_EQ(find_job(world, "retry")->status->failed, 3); }},
    // Objects created at start while the controllers are down are synced when they come back:
    // the pod is created at 60 (not 0), Running at 62, the Job completes at 63.
    {.name = "outage_at_start_delays_the_first_sync",
     .scenario = [] { return ScenarioBuilder().object(make_job("hello")); },
     .outages = {{0s, 60s}},
     .expect = {{"Pod", "Created", {60}}, {"Pod", "Succeeded", {62}}, {"Job", "Complete", {63}}}},
    // The Job completes at 3 and its TTL expires at 103, during the outage 50..200. At 200 the
    // TTL controller re-lists, finds the TTL expired and deletes the Job (Foreground): the
    // garbage collector deletes the pod, then the Job goes (both at 200; at 103 without outage).
    {.name = "ttl_expiring_during_outage_deletes_at_restart",
     .scenario = [] { return ScenarioBuilder().object(make_job("ttl").ttl_seconds_after_finished(100)); },
     .outages = {{50s, 150s}},
     .expect = {{"Job", "Complete", {3}}, {"Pod", "Deleted", {200}}, {"Job", "Deleted", {200}}}},
    // kubectl's Background delete at 30 removes the Job at once (batch/v1 Jobs carry no
    // finalizer), but the garbage collector that deletes its pods is down (10..100): the pod
    // keeps running. At 100 the GC re-lists, finds the pod's owner gone and deletes the pod
    // (Terminating at 100; SIGTERM, exits at once: Failed at 100); the Job controller, also
    // back, removes the tracking finalizer of the orphan; the kubelet's final delete removes it.
    {.name = "background_delete_during_outage_leaves_pods_until_restart",
     .scenario = [] {
       return ScenarioBuilder().never_ending("worker:v1").object(make_job("doomed")).delete_at(30s, "Job", "doomed");
     },
     .outages = {{10s, 90s}},
     .expect = {{"Job", "Deleted", {30}},
                {"Pod", "Terminating", {100}},
                {"Pod", "Failed", {100}},
                {"Pod", "Deleted", {100}}}},
    // Two outages, each followed by a resync. The 1st pod fails at 32 during 10..40; at 40 the
    // fresh record is {1, 32}: 10 s − 8 s = 2 s left, so the replacement waits until 42 (the
    // backoff measured from the pod's finish time survives the restart when it has not run
    // out). The 2nd pod (Running 44) fails at 74 during 50..100; at 100 its 10 s are long over:
    // replaced at once. The 3rd succeeds at 132; Complete at 133.
    {.name = "two_outages_each_resync_at_their_end",
     .scenario = [] { return ScenarioBuilder().behavior("worker:v1", 30s, {1, 1, 0}).object(make_job("twice")); },
     .outages = {{10s, 30s}, {50s, 50s}},
     .expect = {{"Pod", "Created", {0, 42, 100}}, {"Pod", "Failed", {32, 74}}, {"Job", "Complete", {133}}}},
};

class ControllerManagerDown : public ::testing::TestWithParam<OutageCase> {};

TEST_P(ControllerManagerDown, HappensWhenUpstreamSays) {
  const OutageCase& test_case = GetParam();
  const scenario::Scenario scenario = with_outages(test_case.scenario(), test_case.outages);
  world::World world(scenario);
  testing::Trace trace(world);
  world.finish();
  testing::expect_times(trace, test_case.expect);
  if (test_case.check) test_case.check(world);
}

INSTANTIATE_TEST_SUITE_P(Upstream, ControllerManagerDown, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<OutageCase>& param_info) { return std::string(param_info.param.name); });

TEST(ControllerManagerDownLines, EventsJsonlShowsDownAndUp) {
  const scenario::Scenario scenario = with_outages(ScenarioBuilder().object(make_job("hello")), {{10s, 45min}});
  world::World world(scenario);
  testing::StreamedHistory history(world);
  world.finish();
  EXPECT_EQ(testing::events_jsonl_lines(history, "\"ControllerManager\""),
            (std::vector<std::string>{
                R"({"time":"2026-01-01T00:00:10Z","kind":"ControllerManager","namespace":"","name":"kube-controller-manager","event":"Down"})",
                R"({"time":"2026-01-01T00:45:10Z","kind":"ControllerManager","namespace":"","name":"kube-controller-manager","event":"Up"})",
            }));
  EXPECT_TRUE(world.controller_manager_running());
}

TEST(ControllerManagerDownLines, OutagePastTheEndLeavesTheControllersDown) {
  // The run lasts 1 h; the outage starts at 30 m and would last 2 h: no Up line, and the Job
  // created at start (synced at 0, pod at 0) is never seen complete.
  const scenario::Scenario scenario =
      with_outages(ScenarioBuilder().never_ending("worker:v1").object(make_job("long")), {{30min, 2h}});
  world::World world(scenario);
  testing::StreamedHistory history(world);
  world.finish();
  EXPECT_EQ(testing::events_jsonl_lines(history, "\"ControllerManager\"").size(), 1u);
  EXPECT_FALSE(world.controller_manager_running());
}

TEST(ControllerManagerDownLines, StopAndStartAreIdempotent) {
  const scenario::Scenario scenario = ScenarioBuilder().object(make_job("hello")).build();
  world::World world(scenario);
  testing::StreamedHistory history(world);
  world.run_until(kStart + 10s);
  world.stop_controller_manager();
  world.stop_controller_manager();
  EXPECT_FALSE(world.controller_manager_running());
  world.start_controller_manager();
  world.start_controller_manager();
  EXPECT_TRUE(world.controller_manager_running());
  world.finish();
  EXPECT_EQ(testing::events_jsonl_lines(history, "\"ControllerManager\"").size(), 2u);
}

}  // namespace
}  // namespace jobsim
