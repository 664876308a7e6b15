// Tests for the scheduler's unschedulable path and outages: the FailedScheduling message of
// upstream FitError.Error() (pkg/scheduler/framework/types.go: "0/<n> nodes are available: "
// then "<count> <reason>" entries sorted as strings, then the preemption part of
// defaultpreemption in the same form), the PodScheduled=False condition with reason
// Unschedulable, ToleratesTaint (k8s.io/api core/v1 toleration.go) and stop/start.
// Reasons: NodeUnschedulable "node(s) were unschedulable", TaintToleration "node(s) had
// untolerated taint {<key>: <value>}", NodeAffinity "node(s) didn't match Pod's node
// affinity/selector", NodeResourcesFit "Too many pods" / "Insufficient cpu" / "Insufficient
// memory"; preemption: "No preemption victims found for incoming pod" for resource shortages
// (no pod has a lower priority), "Preemption is not helpful for scheduling" for the others.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "jobsim/cluster/scheduler.hpp"
#include "testing/table.hpp"
#include "unit/cluster/test_cluster.hpp"

namespace jobsim::cluster {
namespace {

using namespace std::chrono_literals;
using test::kGi;
using test::kMi;
using test::kStart;
using test::make_pod;

using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

class SchedulerMessageTest : public testing::Test {
 protected:
  // three Ready nodes node-1..3 with 4 cpu and 8Gi; change(i, node) edits node i (1-based).
  void add_nodes(void (*change)(int, api::Node&)) {
    for (int i = 1; i <= 3; ++i) {
      api::Node node;
      node.metadata.edit().name = "node-" + std::to_string(i);
      node.status.edit().capacity = {.cpu_millis = 4000, .memory_bytes = 8 * kGi, .pods = 110};
      node.status.edit().conditions = {{.type = "Ready", .status = api::ConditionStatus::True}};
      if (change != nullptr) change(i, node);
      ASSERT_TRUE(cluster.server.create(node).ok());
    }
  }

  test::TestCluster cluster;
  Scheduler scheduler{cluster.sim, cluster.server.pods(), cluster.server.nodes(), cluster.client,
                      cluster.recorder("default-scheduler"), cluster.timings};
};

struct MessageCase {
  std::string_view name;
  void (*change_node)(int, api::Node&) = nullptr;
  void (*change_pod)(api::Pod&) = nullptr;
  std::string_view want;
};

const MessageCase kMessageCases[] = {
    {.name = "insufficient_cpu_everywhere",
     .change_pod = [](api::Pod& pod) { pod.spec.edit().containers[0].resources.requests.cpu_millis = 5000; },
     .want = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption "
             "victims found for incoming pod."},
    {.name = "insufficient_cpu_and_memory_are_both_counted",
     .change_pod =
         [](api::Pod& pod) {
           pod.spec.edit().containers[0].resources.requests.cpu_millis = 5000;
           pod.spec.edit().containers[0].resources.requests.memory_bytes = 10 * kGi;
         },
     .want = "0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory. preemption: 0/3 nodes are "
             "available: 3 No preemption victims found for incoming pod."},
    {.name = "entries_sort_as_strings_count_first",
     .change_node = [](int i, api::Node& node) { node.status.edit().capacity.pods = i == 1 ? 0 : 110; },
     .change_pod = [](api::Pod& pod) { pod.spec.edit().containers[0].resources.requests.memory_bytes = 10 * kGi; },
     // Every shortage of a node is a reason: node-1 lacks both. "1 T" sorts before "3 I".
     .want = "0/3 nodes are available: 1 Too many pods, 3 Insufficient memory. preemption: 0/3 nodes are available: 3 "
             "No preemption victims found for incoming pod."},
    {.name = "first_failing_filter_per_node",
     .change_node =
         [](int i, api::Node& node) {
           if (i == 1) node.spec.edit().taints = {{.key = "dedicated", .value = "gpu", .effect = "NoSchedule"}};
           if (i == 2) node.spec.edit().unschedulable = true;
         },
     .change_pod = [](api::Pod& pod) { pod.spec.edit().containers[0].resources.requests.cpu_millis = 5000; },
     .want = "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}, 1 "
             "node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for "
             "incoming pod, 2 Preemption is not helpful for scheduling."},
    {.name = "node_selector",
     .change_pod = [](api::Pod& pod) { pod.spec.edit().node_selector = {{"disk", "ssd"}}; },
     .want = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes "
             "are available: 3 Preemption is not helpful for scheduling."},
    {.name = "not_ready_nodes_carry_the_not_ready_taint",
     .change_node = [](int, api::Node& node) { node.status.edit().conditions[0].status = api::ConditionStatus::False; },
     .want = "0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: "
             "0/3 nodes are available: 3 Preemption is not helpful for scheduling."},
    {.name = "unknown_readiness_is_the_unreachable_taint",
     .change_node = [](int, api::Node& node) { node.status.edit().conditions[0].status = api::ConditionStatus::Unknown; },
     .want = "0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. "
             "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."},
};

class FailedSchedulingTest : public SchedulerMessageTest, public testing::WithParamInterface<MessageCase> {};

TEST_P(FailedSchedulingTest, reports_upstream_message_and_condition) {
  const MessageCase& c = GetParam();
  add_nodes(c.change_node);
  api::Pod pod = make_pod("p", 100, 100 * kMi);
  if (c.change_pod != nullptr) c.change_pod(pod);
  const api::ObjectId id = cluster.add_pod(pod);
  cluster.sim.run();

  const api::Pod& pending = *cluster.pod(id);
  EXPECT_EQ(pending.spec->node_name, "");
  const auto events = cluster.events_with_reason("FailedScheduling");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, api::EventType::Warning);
  EXPECT_EQ(events[0].message, c.want);
  const api::PodCondition* scheduled = api::find_condition(pending.status, "PodScheduled");
  ASSERT_NE(scheduled, nullptr);
  EXPECT_EQ(*scheduled, (api::PodCondition{.type = "PodScheduled",
                                           .status = api::ConditionStatus::False,
                                           .reason = "Unschedulable",
                                           .message = std::string(c.want),
                                           .last_transition_time = kStart}));
}

INSTANTIATE_TEST_SUITE_P(Table, FailedSchedulingTest, testing::ValuesIn(kMessageCases), name_of<MessageCase>);

TEST_F(SchedulerMessageTest, no_nodes_at_all) {
  cluster.add_pod(make_pod("p", 100, 100 * kMi));
  cluster.sim.run();
  const auto events = cluster.events_with_reason("FailedScheduling");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].message, "no nodes available to schedule pods");  // ErrNoNodesAvailable
}

TEST_F(SchedulerMessageTest, unschedulable_pod_is_bound_later_and_its_condition_turns_true) {
  add_nodes(nullptr);
  const api::ObjectId big = cluster.add_pod(make_pod("big", 3000, 1 * kGi));
  const api::ObjectId id = cluster.add_pod(make_pod("p", 3000, 1 * kGi));
  const api::ObjectId third = cluster.add_pod(make_pod("third", 3000, 1 * kGi));
  const api::ObjectId fourth = cluster.add_pod(make_pod("fourth", 3000, 1 * kGi));
  cluster.sim.run();
  ASSERT_EQ(cluster.pod(fourth)->spec->node_name, "");
  EXPECT_EQ(cluster.events_with_reason("FailedScheduling").size(), 1u);
  cluster.sim.run_until(kStart + 10s);
  api::Pod done = *cluster.pod(big);
  done.status.edit().phase = api::PodPhase::Succeeded;
  ASSERT_TRUE(cluster.client.update(big, done).ok());
  cluster.sim.run();
  EXPECT_NE(cluster.pod(fourth)->spec->node_name, "");
  const api::PodCondition* scheduled = api::find_condition(cluster.pod(fourth)->status, "PodScheduled");
  ASSERT_NE(scheduled, nullptr);
  EXPECT_EQ(scheduled->status, api::ConditionStatus::True);
  EXPECT_EQ(scheduled->reason, "");
  EXPECT_EQ(scheduled->last_transition_time, std::optional<engine::SimTime>(kStart + 10s));
  EXPECT_NE(cluster.pod(id)->spec->node_name, "");
  EXPECT_NE(cluster.pod(third)->spec->node_name, "");
}

// --- stop / start (schedulerDown) ----------------------------------------------------------------

TEST_F(SchedulerMessageTest, nothing_is_bound_while_stopped_and_pending_pods_are_bound_on_start) {
  add_nodes(nullptr);
  cluster.sim.run();
  scheduler.stop();
  const api::ObjectId first = cluster.add_pod(make_pod("first", 100, 100 * kMi));
  cluster.sim.run_until(kStart + 10min);
  const api::ObjectId second = cluster.add_pod(make_pod("second", 100, 100 * kMi));
  cluster.sim.run_until(kStart + 30min);
  EXPECT_EQ(cluster.pod(first)->spec->node_name, "");
  EXPECT_EQ(cluster.pod(second)->spec->node_name, "");
  EXPECT_TRUE(cluster.events_with_reason("Scheduled").empty());

  scheduler.start();
  cluster.sim.run();
  EXPECT_NE(cluster.pod(first)->spec->node_name, "");
  EXPECT_NE(cluster.pod(second)->spec->node_name, "");
  const auto bound = cluster.events_with_reason("Scheduled");
  ASSERT_EQ(bound.size(), 2u);
  EXPECT_EQ(bound[0].object.name, "first") << "re-listed in creation order";
  EXPECT_EQ(bound[0].time, kStart + 30min);
  EXPECT_EQ(bound[1].object.name, "second");
}

// --- ToleratesTaint ------------------------------------------------------------------------------

struct TolerationCase {
  std::string_view name;
  api::Toleration toleration;
  api::Taint taint;
  bool want;
};

const TolerationCase kTolerationCases[] = {
    {.name = "equal_key_value_and_effect",
     .toleration = {.key = "gpu", .operator_ = "Equal", .value = "true", .effect = "NoSchedule"},
     .taint = {.key = "gpu", .value = "true", .effect = "NoSchedule"},
     .want = true},
    {.name = "equal_with_another_value",
     .toleration = {.key = "gpu", .operator_ = "Equal", .value = "false", .effect = "NoSchedule"},
     .taint = {.key = "gpu", .value = "true", .effect = "NoSchedule"},
     .want = false},
    {.name = "empty_operator_means_equal",
     .toleration = {.key = "gpu", .operator_ = "", .value = "true"},
     .taint = {.key = "gpu", .value = "true", .effect = "NoExecute"},
     .want = true},
    {.name = "exists_ignores_the_value",
     .toleration = {.key = "gpu", .operator_ = "Exists", .effect = "NoSchedule"},
     .taint = {.key = "gpu", .value = "anything", .effect = "NoSchedule"},
     .want = true},
    {.name = "exists_with_another_key",
     .toleration = {.key = "gpu", .operator_ = "Exists"},
     .taint = {.key = "dedicated", .effect = "NoSchedule"},
     .want = false},
    {.name = "empty_key_with_exists_tolerates_everything",
     .toleration = {.key = "", .operator_ = "Exists"},
     .taint = {.key = "node.kubernetes.io/unreachable", .effect = "NoExecute"},
     .want = true},
    {.name = "empty_effect_matches_every_effect",
     .toleration = {.key = "gpu", .operator_ = "Exists", .effect = ""},
     .taint = {.key = "gpu", .effect = "NoExecute"},
     .want = true},
    {.name = "another_effect",
     .toleration = {.key = "gpu", .operator_ = "Exists", .effect = "NoSchedule"},
     .taint = {.key = "gpu", .effect = "NoExecute"},
     .want = false},
    {.name = "empty_key_with_exists_but_another_effect",
     .toleration = {.key = "", .operator_ = "Exists", .effect = "NoExecute"},
     .taint = {.key = "gpu", .effect = "NoSchedule"},
     .want = false},
    {.name = "unknown_operator_tolerates_nothing",
     .toleration = {.key = "gpu", .operator_ = "Lt", .value = "5"},
     .taint = {.key = "gpu", .value = "5", .effect = "NoSchedule"},
     .want = false},
};

class ToleratesTaintTest : public testing::TestWithParam<TolerationCase> {};

TEST_P(ToleratesTaintTest, matches_upstream) {
  const TolerationCase& c = GetParam();
  EXPECT_EQ(api::tolerates_taint(c.toleration, c.taint), c.want);
}

INSTANTIATE_TEST_SUITE_P(Table, ToleratesTaintTest, testing::ValuesIn(kTolerationCases), name_of<TolerationCase>);

// A NoSchedule taint with a toleration binds; the same node without it is avoided (end to end).
TEST_F(SchedulerMessageTest, tolerated_taint_lets_the_pod_bind) {
  add_nodes([](int, api::Node& node) {
    node.spec.edit().taints = {{.key = "dedicated", .value = "batch", .effect = "NoSchedule"}};
  });
  api::Pod pod = make_pod("p", 100, 100 * kMi);
  pod.spec.edit().tolerations = {{.key = "dedicated", .operator_ = "Equal", .value = "batch", .effect = "NoSchedule"}};
  const api::ObjectId id = cluster.add_pod(pod);
  cluster.sim.run();
  EXPECT_EQ(cluster.pod(id)->spec->node_name, "node-1");
}

}  // namespace
}  // namespace jobsim::cluster
