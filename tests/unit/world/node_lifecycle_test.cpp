// Node faults end to end: a machine that stops (nodeDown), the node lifecycle controller,
// the taint eviction controller, the Job controller's view of the evicted pod, and the kubelet
// after the reboot. Every instant is derived in the case's comment from upstream's rules
// (upstream pkg/controller/job/job_controller.go; pkg/controller/nodelifecycle/node_lifecycle_controller.go, pkg/controller/tainteviction/taint_eviction.go; docs/fidelity.md "Node lifecycle") and
// the timings: Lease renewals every 10 s from the node's start (0), monitor ticks every 5 s from
// the controller's start (0), grace 50 s, default toleration 300 s, podStartup 2 s,
// Job sync batch 1 s, pod-failure backoff 10 s from the pod's Ready=False transition.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "testing/builders.hpp"
#include "testing/table.hpp"
#include "testing/trace.hpp"

namespace jobsim {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using testing::kStart;
using testing::make_job;
using testing::ScenarioBuilder;

using Expect = testing::ExpectedTimes;

struct NodeOutage {
  engine::Duration at;
  std::optional<engine::Duration> duration;  // nullopt: until the end
};

// NodeFacts: seconds after start of the node-level facts the tables check.
struct NodeFacts {
  std::vector<double> not_ready;
  std::vector<double> ready;
  std::vector<double> no_execute_added;
  std::vector<double> no_execute_removed;
  std::vector<double> evictions;      // TaintManagerEviction "Marking for deletion"
  std::vector<double> cancellations;  // TaintManagerEviction "Cancelling deletion"
};

struct NodeCase {
  std::string_view name;
  std::function<ScenarioBuilder()> scenario;
  std::vector<NodeOutage> outages;                       // of worker
  std::vector<std::pair<engine::Duration, engine::Duration>> controller_manager_down;
  NodeFacts nodes;
  std::vector<Expect> expect;
  std::function<void(world::World&)> check = nullptr;
};

double seconds(engine::SimTime t) { return std::chrono::duration<double>(t - kStart).count(); }

bool has_no_execute(const api::Node& node) {
  return std::ranges::any_of(node.spec->taints, [](const api::Taint& t) {
    return t.key == "node.kubernetes.io/unreachable" && t.effect == "NoExecute";
  });
}

const api::Job* find_job(world::World& world, std::string_view name) {
  return world.api().jobs().get(world.api().jobs().find("default", name));
}

const NodeCase kCases[] = {
    // The machine stops at 100; the renewal due at 100 still went out. The controller saw it at
    // its tick 100 (probe 100) and marks Ready=Unknown at the first tick after 150: 155. The
    // tick at 160 observes Unknown and adds unreachable:NoExecute; the pod tolerates it for
    // 300 s: deleted at 460 (Terminating). The Job counts it as failed at its sync at 461 and
    // replaces it at once (10 s since the Ready=False transition at 155 are over); the
    // replacement cannot run on the tainted only node and waits Pending. The machine stays down
    // until the end (1 h): the old pod never finishes.
    {.name = "power_loss_evicts_after_grace_tick_and_toleration",
     .scenario = [] { return ScenarioBuilder().never_ending("worker:v1").object(make_job("steady")); },
     .outages = {{100s, std::nullopt}},
     .nodes = {.not_ready = {155}, .no_execute_added = {160}, .evictions = {460}},
     .expect = {{"Pod", "Created", {0, 461}}, {"Pod", "Running", {2}}, {"Pod", "Terminating", {460}}},
     .check = [](world::World& world) { EXPECT_EQ(find_job(world, "steady")->status->failed, 1); }},
    // Down at 103, between renewals: the last one was at 100, so the instants are the same.
    {.name = "power_loss_between_renewals_counts_from_the_last_renewal",
     .scenario = [] { return ScenarioBuilder().never_ending("worker:v1").object(make_job("steady")); },
     .outages = {{103s, std::nullopt}},
     .nodes = {.not_ready = {155}, .no_execute_added = {160}, .evictions = {460}},
     .expect = {{"Pod", "Terminating", {460}}}},
    // Down at 100 for 100 s: back at 200, before the eviction (460). The kubelet posts Ready at
    // 200 and the tick at 200 removes the NoExecute taint, which cancels the planned deletion.
    // The container is gone: restartPolicy Never → Failed (ContainerStatusUnknown, 137) at 200.
    // The Job counts it at 201 and replaces it at once (backoff from 155); Running at 203.
    {.name = "node_back_before_the_toleration_cancels_the_eviction",
     .scenario = [] { return ScenarioBuilder().never_ending("worker:v1").object(make_job("steady")); },
     .outages = {{100s, 100s}},
     .nodes = {.not_ready = {155},
               .ready = {200},
               .no_execute_added = {160},
               .no_execute_removed = {200},
               .cancellations = {200}},
     .expect = {{"Pod", "Created", {0, 201}}, {"Pod", "Failed", {200}}, {"Pod", "Running", {2, 203}}},
     .check = [](world::World& world) { EXPECT_EQ(find_job(world, "steady")->status->failed, 1); }},
    // restartPolicy OnFailure: at the reboot (200) the lost container counts as a restart
    // (restartCount 1, lastState ContainerStatusUnknown 137) and runs again after podStartup
    // (202). The pod stays Running throughout; nothing is replaced.
    {.name = "on_failure_pod_restarts_in_place_after_the_reboot",
     .scenario = [] {
       return ScenarioBuilder().never_ending("worker:v1").object(
           make_job("steady").restart_policy(api::RestartPolicy::OnFailure));
     },
     .outages = {{100s, 100s}},
     .nodes = {.not_ready = {155}, .ready = {200}, .no_execute_added = {160}, .no_execute_removed = {200},
               .cancellations = {200}},
     .expect = {{"Pod", "Created", {0}}, {"Pod", "Restarted", {200}}, {"Pod", "Failed", {}}},
     .check =
         [](world::World& world) {
           const api::Pod* pod = nullptr;
           world.api().pods().for_each([&pod](api::ObjectId, const api::Pod& p) { pod = &p; });
           ASSERT_NE(pod, nullptr);
           const api::ContainerStatus& status = pod->status->container_statuses.at(0);
           EXPECT_EQ(status.state.kind, api::ContainerStateKind::Running);
           EXPECT_EQ(status.state.started_at, kStart + 202s);
           ASSERT_TRUE(status.last_termination_state.has_value());
           EXPECT_EQ(status.last_termination_state->reason, "ContainerStatusUnknown");
           EXPECT_EQ(status.last_termination_state->exit_code, 137);
           EXPECT_EQ(status.last_termination_state->message,
                     "The container could not be located when the pod was deleted.  The container used to be Running");
         }},
    // kube-controller-manager is down 200..300 while the node is down (since 100, tainted at
    // 160). At 300 both controllers restart: the taint eviction controller sees the NoExecute
    // taint anew and the 300 s toleration starts again from 300 (upstream measures from when
    // it processes the taint, not from timeAdded): deleted at 600, not 460.
    {.name = "controller_manager_restart_restarts_the_toleration",
     .scenario = [] { return ScenarioBuilder().never_ending("worker:v1").object(make_job("steady")); },
     .outages = {{100s, std::nullopt}},
     .controller_manager_down = {{200s, 100s}},
     .nodes = {.not_ready = {155}, .no_execute_added = {160}, .evictions = {600}},
     .expect = {{"Pod", "Terminating", {600}}}},
    // podReplacementPolicy Failed: evicted at 460 but not replaced while Terminating; back at
    // 1000, the pod ends Failed (ContainerStatusUnknown) and is counted at 1001 and replaced.
    {.name = "replace_failed_waits_for_the_reboot",
     .scenario = [] {
       return ScenarioBuilder().never_ending("worker:v1").object(
           make_job("steady").pod_replacement_policy(api::PodReplacementPolicy::Failed));
     },
     .outages = {{100s, 900s}},
     .nodes = {.not_ready = {155}, .ready = {1000}, .no_execute_added = {160}, .no_execute_removed = {1000},
               .evictions = {460}},
     .expect = {{"Pod", "Created", {0, 1001}}, {"Pod", "Terminating", {460}}, {"Pod", "Failed", {1000}},
                {"Pod", "Deleted", {1001}}},
     .check = [](world::World& world) { EXPECT_EQ(find_job(world, "steady")->status->failed, 1); }},
};

class NodeLifecycle : public ::testing::TestWithParam<NodeCase> {};

TEST_P(NodeLifecycle, HappensWhenUpstreamSays) {
  const NodeCase& test_case = GetParam();
  scenario::Scenario scenario = test_case.scenario().build();
  for (const NodeOutage& outage : test_case.outages) {
    scenario.faults.push_back({.kind = scenario::FaultKind::NodeDown,
                               .at = scenario.start + outage.at,
                               .duration = outage.duration.value_or(engine::Duration::zero()),
                               .node = "worker"});
  }
  for (const auto& [at, duration] : test_case.controller_manager_down) {
    scenario.faults.push_back(
        {.kind = scenario::FaultKind::ControllerManagerDown, .at = scenario.start + at, .duration = duration});
  }
  world::World world(scenario);
  testing::Trace trace(world);
  NodeFacts facts;
  world.api().nodes().on_update([&](api::ObjectId, const api::Node& old_node, const api::Node& node) {
    const double now = seconds(world.sim().now());
    if (api::is_node_ready(old_node) && !api::is_node_ready(node)) facts.not_ready.push_back(now);
    if (!api::is_node_ready(old_node) && api::is_node_ready(node)) facts.ready.push_back(now);
    if (!has_no_execute(old_node) && has_no_execute(node)) facts.no_execute_added.push_back(now);
    if (has_no_execute(old_node) && !has_no_execute(node)) facts.no_execute_removed.push_back(now);
  });
  world.events().connect([&](const api::Event& event) {
    if (event.reason != "TaintManagerEviction") return;
    (event.message.str().starts_with("Marking") ? facts.evictions : facts.cancellations).push_back(seconds(event.time));
  });
  world.finish();
  testing::expect_times(trace, test_case.expect);
  EXPECT_EQ(facts.not_ready, test_case.nodes.not_ready);
  EXPECT_EQ(facts.ready, test_case.nodes.ready);
  EXPECT_EQ(facts.no_execute_added, test_case.nodes.no_execute_added);
  EXPECT_EQ(facts.no_execute_removed, test_case.nodes.no_execute_removed);
  EXPECT_EQ(facts.evictions, test_case.nodes.evictions);
  EXPECT_EQ(facts.cancellations, test_case.nodes.cancellations);
  if (test_case.check) test_case.check(world);
}

INSTANTIATE_TEST_SUITE_P(Upstream, NodeLifecycle, ::testing::ValuesIn(kCases), test_support::name_of<NodeCase>);

// The NotReady node's Ready condition and taints, as kubectl would show them.
TEST(NodeLifecycleStatus, UnknownConditionAndTaintsWithTimeAdded) {
  scenario::Scenario scenario = ScenarioBuilder().never_ending("worker:v1").object(make_job("steady")).build();
  scenario.faults.push_back({.kind = scenario::FaultKind::NodeDown, .at = kStart + 100s, .node = "worker"});
  world::World world(scenario);
  world.run_until(kStart + 170s);
  const api::Node& node = *world.api().nodes().get(world.api().nodes().find("", "worker"));
  ASSERT_EQ(node.status->conditions.size(), 1u);
  EXPECT_EQ(node.status->conditions[0].status, api::ConditionStatus::Unknown);
  EXPECT_EQ(node.status->conditions[0].reason, "NodeStatusUnknown");
  EXPECT_EQ(node.status->conditions[0].message, "Kubelet stopped posting node status.");
  EXPECT_EQ(node.status->conditions[0].last_transition_time, kStart + 155s);
  EXPECT_EQ(node.spec->taints,
            (std::vector<api::Taint>{
                {.key = "node.kubernetes.io/unreachable", .effect = "NoSchedule", .time_added = kStart + 155s},
                {.key = "node.kubernetes.io/unreachable", .effect = "NoExecute", .time_added = kStart + 160s},
            }));
  EXPECT_TRUE(world.kubelet().node_is_down("worker"));
}

// The evicted pod carries upstream's DisruptionTarget condition and stays Running (phase).
TEST(NodeLifecycleStatus, EvictedPodHasDisruptionTargetAndKeepsItsPhase) {
  scenario::Scenario scenario = ScenarioBuilder().never_ending("worker:v1").object(make_job("steady")).build();
  scenario.faults.push_back({.kind = scenario::FaultKind::NodeDown, .at = kStart + 100s, .node = "worker"});
  world::World world(scenario);
  world.run_until(kStart + 500s);
  const api::Pod* evicted = nullptr;
  world.api().pods().for_each([&](api::ObjectId, const api::Pod& pod) {
    if (pod.metadata->deletion_timestamp) evicted = &pod;
  });
  ASSERT_NE(evicted, nullptr);
  EXPECT_EQ(evicted->status->phase, api::PodPhase::Running);
  const api::PodCondition* target = api::find_condition(evicted->status, "DisruptionTarget");
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->status, api::ConditionStatus::True);
  EXPECT_EQ(target->reason, "DeletionByTaintManager");
  EXPECT_EQ(target->message, "Taint manager: deleting due to NoExecute taint");
  EXPECT_EQ(target->last_transition_time, kStart + 460s);
  const api::PodCondition* ready = api::find_condition(evicted->status, "Ready");
  ASSERT_NE(ready, nullptr);
  EXPECT_EQ(ready->status, api::ConditionStatus::False);
  EXPECT_EQ(ready->last_transition_time, kStart + 155s);  // MarkPodsNotReady
}

// The usage the kubelet publishes (the report's "used" resources) drops to zero when the machine
// stops: its containers are gone. The pod (restartPolicy Never) runs from 2 s (podStartup) with
// 500m; the machine stops at 100 s and boots at 200 s, before any eviction (460 s): the kubelet
// then ends the pod Failed (ContainerStatusUnknown) and publishes nothing more for it.
TEST(NodeLifecycleUsage, DropsToZeroWhenTheMachineStops) {
  scenario::Scenario scenario = ScenarioBuilder().never_ending("worker:v1").object(make_job("steady")).build();
  scenario.behaviors.at(0).usage_cpu_millis = 500;
  scenario.faults.push_back(
      {.kind = scenario::FaultKind::NodeDown, .at = kStart + 100s, .duration = 100s, .node = "worker"});
  world::World world(scenario);
  std::vector<std::pair<double, std::int64_t>> first_pod;  // (seconds, cpu) of the first pod
  api::ObjectId first = api::kNoObject;
  world.usage().connect([&](const cluster::PodUsage& usage) {
    if (first == api::kNoObject) first = usage.pod;
    if (usage.pod == first) first_pod.emplace_back(seconds(world.sim().now()), usage.cpu_millis);
  });
  world.finish();
  const std::vector<std::pair<double, std::int64_t>> want = {{2, 500}, {100, 0}};
  EXPECT_EQ(first_pod, want);
}

// A pod whose image never pulled (ImagePullBackOff) on a machine that reboots. The image fails
// 0..180 s; pulls at 2, 12, 32, 72 s (backoff 10, 20, 40 s), the one due at 152 is lost with
// the machine (down 90..150). After the boot the kubelet has no container of it and a new
// image backoff (kubelet memory): the container was never Running, so there is no
// ContainerStatusUnknown and getPhase keeps the pod Pending even with restartPolicy Never
// (kubelet_pods.go: a waiting container without lastState → Pending); the kubelet pulls at
// 152 (podStartup), 162, 182: the last one works, the container runs 60 s (Succeeded at 242)
// and the Job completes at 243 (1 s batch). Before the fix the Never pod ended Failed at 150
// and an OnFailure pod ran at 152 without pulling, its phase left Pending.
TEST(NodeLifecycleImagePull, PodInImagePullBackOffPullsAgainAfterTheReboot) {
  for (const api::RestartPolicy policy : {api::RestartPolicy::Never, api::RestartPolicy::OnFailure}) {
    SCOPED_TRACE(policy == api::RestartPolicy::Never ? "Never" : "OnFailure");
    scenario::Scenario scenario =
        ScenarioBuilder().behavior("worker:v1", 60s).object(make_job("pull").restart_policy(policy)).build();
    scenario.faults.push_back({.kind = scenario::FaultKind::ImagePullFailure,
                               .at = kStart,
                               .duration = 180s,
                               .image = "worker:v1"});
    scenario.faults.push_back(
        {.kind = scenario::FaultKind::NodeDown, .at = kStart + 90s, .duration = 60s, .node = "worker"});
    world::World world(scenario);
    testing::Trace trace(world);
    world.finish();
    testing::expect_times(trace, {{"Pod", "Created", {0}},
                                  {"Pod", "Running", {182}},
                                  {"Pod", "Succeeded", {242}},
                                  {"Pod", "Failed", {}},
                                  {"Job", "Complete", {243}}});
    std::vector<double> pulls;
    for (const testing::Fact& fact : trace.facts()) {
      if (fact.kind == "Event" && fact.event == "Pulling") pulls.push_back(fact.seconds);
    }
    EXPECT_EQ(pulls, (std::vector<double>{2, 12, 32, 72, 152, 162, 182}));
  }
}

// A scenario's patch of a Node (kubectl cordon) finds it although patch targets default to the
// namespace "default": Nodes are cluster-scoped. Before the fix the patch warned
// `Node "worker" not found` and changed nothing.
TEST(NodeLifecycleActions, PatchOfANodeIgnoresTheDefaultNamespace) {
  scenario::Scenario scenario = ScenarioBuilder()
                                    .never_ending("worker:v1")
                                    .object(make_job("steady"))
                                    .patch_at(60s, "Node", "worker", "spec.unschedulable", "true")
                                    .build();
  world::World world(scenario);
  world.run_until(kStart + 61s);
  EXPECT_EQ(world.warnings(), std::vector<std::string>{});
  EXPECT_TRUE(world.api().nodes().get(world.api().nodes().find("", "worker"))->spec->unschedulable);
}

// An imagePullFailure naming an image that no container uses would do nothing: the run says so
// once, with the fault's position; a fault on a used image is silent.
TEST(ImagePullFailureWarning, NamesAnImageNoContainerUses) {
  scenario::Scenario scenario = ScenarioBuilder().never_ending("worker:v1").object(make_job("steady")).build();
  scenario.faults.push_back({.kind = scenario::FaultKind::ImagePullFailure,
                             .at = kStart + 10s,
                             .image = "worker:v2",
                             .pos = {"scen.yaml", 12, 5}});
  scenario.faults.push_back({.kind = scenario::FaultKind::ImagePullFailure,
                             .at = kStart + 10s,
                             .image = "worker:v1",
                             .pos = {"scen.yaml", 14, 5}});
  world::World world(scenario);
  world.finish();
  EXPECT_EQ(world.warnings(),
            std::vector<std::string>{
                "2026-01-01T00:00:00Z scen.yaml:12:5: imagePullFailure: no container of this scenario uses image "
                "\"worker:v2\""});
}

}  // namespace
}  // namespace jobsim
