// schedulerDown: while kube-scheduler is down nothing is bound, so new pods stay Pending; the
// controllers and kubelets go on. When it comes back it lists every pod and binds the pending
// ones at once (scheduler latency 0). Expected instants use the model's timings: podStartup 2 s,
// syncJobBatchPeriod 1 s, the Job controller's pod backoff 10 s (upstream pkg/controller/job/backoff_utils.go),
// and the events.jsonl lines of docs/faults.md.
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

scenario::Scenario with_outages(ScenarioBuilder builder, const std::vector<Outage>& outages) {
  scenario::Scenario scenario = builder.build();
  for (const Outage& outage : outages) {
    scenario.faults.push_back(
        {.kind = scenario::FaultKind::SchedulerDown, .at = scenario.start + outage.at, .duration = outage.duration});
  }
  return scenario;
}

struct OutageCase {
  std::string_view name;
  std::function<ScenarioBuilder()> scenario;
  std::vector<Outage> outages;
  std::vector<Expect> expect;
};

const OutageCase kCases[] = {
    // The Job controller creates the pod at 0; nobody binds it until the scheduler is back at
    // 1800. It runs at 1802 (podStartup), exits 0 at once; the Job completes at 1803.
    {.name = "pod_created_during_the_outage_is_bound_when_it_ends",
     .scenario = [] { return ScenarioBuilder().object(make_job("hello")); },
     .outages = {{0s, 30min}},
     .expect = {{"Pod", "Created", {0}},
                {"Pod", "Running", {1802}},
                {"Pod", "Succeeded", {1802}},
                {"Job", "Complete", {1803}}}},
    // The first pod runs 2..32 and fails (the kubelet goes on during the outage 10..70); the
    // controller counts it at 33 and creates the replacement 10 s after the failure, at 42. It
    // waits for the scheduler until 70, runs 72..102 and exits 0; the Job completes at 103.
    {.name = "replacement_pod_waits_for_the_scheduler",
     .scenario = [] { return ScenarioBuilder().behavior("worker:v1", 30s, {1, 0}).object(make_job("flaky")); },
     .outages = {{10s, 60s}},
     .expect = {{"Pod", "Created", {0, 42}},
                {"Pod", "Running", {2, 72}},
                {"Pod", "Failed", {32}},
                {"Pod", "Succeeded", {102}},
                {"Job", "Complete", {103}}}},
};

class SchedulerDown : public ::testing::TestWithParam<OutageCase> {};

TEST_P(SchedulerDown, HappensWhenUpstreamSays) {
  const OutageCase& test_case = GetParam();
  const scenario::Scenario scenario = with_outages(test_case.scenario(), test_case.outages);
  world::World world(scenario);
  testing::Trace trace(world);
  world.finish();
  testing::expect_times(trace, test_case.expect);
}

INSTANTIATE_TEST_SUITE_P(Model, SchedulerDown, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<OutageCase>& param_info) {
                           return std::string(param_info.param.name);
                         });

TEST(SchedulerDownLines, EventsJsonlShowsDownAndUp) {
  const scenario::Scenario scenario = with_outages(ScenarioBuilder().object(make_job("hello")), {{10s, 30min}});
  world::World world(scenario);
  testing::StreamedHistory history(world);
  world.finish();
  EXPECT_EQ(testing::events_jsonl_lines(history, "\"kind\":\"Scheduler\""),
            (std::vector<std::string>{
                R"({"time":"2026-01-01T00:00:10Z","kind":"Scheduler","namespace":"","name":"kube-scheduler","event":"Down"})",
                R"({"time":"2026-01-01T00:30:10Z","kind":"Scheduler","namespace":"","name":"kube-scheduler","event":"Up"})",
            }));
}

TEST(SchedulerDownLines, OutagePastTheEndLeavesThePodPending) {
  const scenario::Scenario scenario = with_outages(ScenarioBuilder().object(make_job("hello")), {{0s, 48h}});
  world::World world(scenario);
  testing::StreamedHistory history(world);
  world.finish();
  EXPECT_EQ(testing::events_jsonl_lines(history, "\"kind\":\"Scheduler\"").size(), 1u);
  std::size_t pending = 0;
  world.api().pods().for_each([&](api::ObjectId, const api::Pod& pod) {
    if (pod.status->phase == api::PodPhase::Pending && pod.spec->node_name.empty()) ++pending;
  });
  EXPECT_EQ(pending, 1u);
}

}  // namespace
}  // namespace jobsim
