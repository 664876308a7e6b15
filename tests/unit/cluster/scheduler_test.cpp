// Tests for cluster/scheduler.hpp, driven by a Simulator, an ApiServer and a Client. Expected
// behaviour is kube-scheduler's: NodeResourcesFit and the node filters (readiness, unschedulable,
// NoSchedule/NoExecute taints, nodeSelector) decide where a pod may go, LeastAllocated picks the
// node with the most room left after placing it, the queue is FIFO among equal priorities,
// unschedulable pods stay Pending (Warning FailedScheduling) until resources are freed or a node
// appears, and binding emits Normal Scheduled "Successfully assigned <ns>/<pod> to <node>".
// Ties between equal scores are not asserted (upstream picks at random; we pick the first node).
#include "jobsim/cluster/scheduler.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>

#include "unit/cluster/test_cluster.hpp"
#include "testing/table.hpp"

namespace jobsim::cluster {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
using test::kGi;
using test::kMi;
using test::kStart;
using test::make_pod;

using jobsim::test_support::name_of;

class SchedulerTest : public testing::Test {
 protected:
  std::string node_of(api::ObjectId pod) const {
    const api::Pod* found = cluster.pod(pod);
    return found == nullptr ? "<deleted>" : found->spec->node_name;
  }
  // finish marks a bound pod terminal, as its kubelet would, which frees its resources.
  void finish(api::ObjectId id, api::PodPhase phase) {
    api::Pod done = *cluster.pod(id);
    done.status.edit().phase = phase;
    ASSERT_TRUE(cluster.client.update(id, done).ok());
  }

  test::TestCluster cluster;
  Scheduler scheduler{cluster.sim, cluster.server.pods(), cluster.server.nodes(), cluster.client,
                      cluster.recorder("default-scheduler"), cluster.timings};
};

TEST_F(SchedulerTest, binds_to_the_least_allocated_node) {
  cluster.add_node("node-a", 4000, 8 * kGi);
  cluster.add_node("node-b", 4000, 8 * kGi);
  api::Pod busy = make_pod("busy", 3000, 6 * kGi);
  busy.spec.edit().node_name = "node-a";  // already bound: the scheduler only accounts for it
  cluster.add_pod(busy);

  const api::ObjectId pod = cluster.add_pod(make_pod("p", 500, 1 * kGi));
  cluster.sim.run();

  EXPECT_EQ(node_of(pod), "node-b");
  const api::PodCondition* scheduled = api::find_condition(cluster.pod(pod)->status, "PodScheduled");
  ASSERT_NE(scheduled, nullptr);
  EXPECT_EQ(scheduled->status, api::ConditionStatus::True);
  EXPECT_EQ(scheduled->last_transition_time, std::optional<engine::SimTime>(kStart));
  const auto events = cluster.events_with_reason("Scheduled");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type, api::EventType::Normal);
  EXPECT_EQ(events[0].message, "Successfully assigned default/p to node-b");
  EXPECT_EQ(events[0].object.name, "p");
}

TEST_F(SchedulerTest, bigger_node_has_more_room_left) {
  cluster.add_node("small", 2000, 4 * kGi);
  cluster.add_node("large", 8000, 16 * kGi);
  const api::ObjectId pod = cluster.add_pod(make_pod("p", 1000, 1 * kGi));
  cluster.sim.run();
  EXPECT_EQ(node_of(pod), "large");
}

TEST_F(SchedulerTest, pods_spread_over_equal_nodes) {
  const api::ObjectId node_a = cluster.add_node("node-a", 4000, 8 * kGi);
  const api::ObjectId node_b = cluster.add_node("node-b", 4000, 8 * kGi);
  const api::ObjectId first = cluster.add_pod(make_pod("p1", 1000, 1 * kGi));
  const api::ObjectId second = cluster.add_pod(make_pod("p2", 1000, 1 * kGi));
  cluster.sim.run();
  EXPECT_NE(node_of(first), node_of(second)) << "the second pod must go to the emptier node";
  EXPECT_EQ(scheduler.usage(node_a).pods, 1);
  EXPECT_EQ(scheduler.usage(node_b).pods, 1);
  EXPECT_EQ(scheduler.usage(node_a).cpu_millis, 1000);
  EXPECT_EQ(scheduler.usage(node_b).memory_bytes, 1 * kGi);
}

TEST_F(SchedulerTest, pods_wait_in_fifo_order_until_resources_are_freed) {
  const api::ObjectId node = cluster.add_node("node-a", 1000, 4 * kGi);
  const api::ObjectId p1 = cluster.add_pod(make_pod("p1", 1000, 1 * kGi));
  const api::ObjectId p2 = cluster.add_pod(make_pod("p2", 1000, 1 * kGi));
  const api::ObjectId p3 = cluster.add_pod(make_pod("p3", 1000, 1 * kGi));
  cluster.sim.run();
  EXPECT_EQ(node_of(p1), "node-a");
  EXPECT_EQ(node_of(p2), "");
  EXPECT_EQ(node_of(p3), "");
  EXPECT_EQ(cluster.pod(p2)->status->phase, api::PodPhase::Pending);
  EXPECT_EQ(scheduler.pending(), 2u);
  const auto failed = cluster.events_with_reason("FailedScheduling");
  ASSERT_EQ(failed.size(), 2u) << "one Warning per unschedulable pod";
  EXPECT_EQ(failed[0].type, api::EventType::Warning);
  EXPECT_EQ(failed[0].object.name, "p2");
  EXPECT_EQ(failed[1].object.name, "p3");

  cluster.sim.run_until(kStart + 10s);
  finish(p1, api::PodPhase::Succeeded);
  cluster.sim.run();
  EXPECT_EQ(node_of(p2), "node-a") << "p2 was queued first";
  EXPECT_EQ(node_of(p3), "");
  EXPECT_EQ(api::find_condition(cluster.pod(p2)->status, "PodScheduled")->last_transition_time,
            std::optional<engine::SimTime>(kStart + 10s));
  EXPECT_EQ(scheduler.usage(node).cpu_millis, 1000);

  finish(p2, api::PodPhase::Failed);
  cluster.sim.run();
  EXPECT_EQ(node_of(p3), "node-a");
  EXPECT_EQ(scheduler.pending(), 0u);
  EXPECT_EQ(cluster.events_with_reason("FailedScheduling").size(), 2u) << "no repeated Warning while waiting";
}

TEST_F(SchedulerTest, deleting_a_bound_pod_frees_its_resources) {
  cluster.add_node("node-a", 1000, 4 * kGi);
  const api::ObjectId p1 = cluster.add_pod(make_pod("p1", 1000, 1 * kGi));
  const api::ObjectId p2 = cluster.add_pod(make_pod("p2", 1000, 1 * kGi));
  cluster.sim.run();
  ASSERT_EQ(node_of(p2), "");
  ASSERT_TRUE(cluster.client.remove(api::Kind::Pod, p1, {.grace_period_seconds = 0}).ok());
  cluster.sim.run();
  EXPECT_EQ(node_of(p2), "node-a");
}

TEST_F(SchedulerTest, pending_pod_is_bound_when_a_node_is_added) {
  const api::ObjectId pod = cluster.add_pod(make_pod("p", 1000, 1 * kGi));
  cluster.sim.run();
  EXPECT_EQ(node_of(pod), "");
  cluster.sim.run_until(kStart + 5s);
  cluster.add_node("late", 2000, 4 * kGi);
  cluster.sim.run();
  EXPECT_EQ(node_of(pod), "late");
  EXPECT_EQ(api::find_condition(cluster.pod(pod)->status, "PodScheduled")->last_transition_time,
            std::optional<engine::SimTime>(kStart + 5s));
}

TEST_F(SchedulerTest, pod_for_another_scheduler_is_left_alone) {
  cluster.add_node("node-a", 4000, 8 * kGi);
  api::Pod other = make_pod("p", 100, 1 * kMi);
  other.spec.edit().scheduler_name = "my-scheduler";
  const api::ObjectId pod = cluster.add_pod(other);
  cluster.sim.run();
  EXPECT_EQ(node_of(pod), "");
}

// --- filters -----------------------------------------------------------------------------------

// node-a is empty and would win on score; node-b (labelled disk=ssd) is feasible but mostly full.
// A case changes node-a or the pod; want says where the pod lands.
struct FilterCase {
  std::string_view name;
  void (*change_node)(api::Node&) = nullptr;
  void (*change_pod)(api::Pod&) = nullptr;
  std::string_view want_node;
};

void PrintTo(const FilterCase& c, std::ostream* out) { *out << c.name; }

const FilterCase kFilterCases[] = {
    {.name = "preferred_node_when_nothing_filters_it", .want_node = "node-a"},
    {.name = "node_not_ready",
     .change_node = [](api::Node& node) { node.status.edit().conditions[0].status = api::ConditionStatus::False; },
     .want_node = "node-b"},
    {.name = "node_without_ready_condition",
     .change_node = [](api::Node& node) { node.status.edit().conditions.clear(); },
     .want_node = "node-b"},
    {.name = "node_unschedulable",
     .change_node = [](api::Node& node) { node.spec.edit().unschedulable = true; },
     .want_node = "node-b"},
    {.name = "no_schedule_taint_not_tolerated",
     .change_node = [](api::Node& node) { node.spec.edit().taints = {{.key = "gpu", .value = "true", .effect = "NoSchedule"}}; },
     .want_node = "node-b"},
    {.name = "no_execute_taint_not_tolerated",
     .change_node = [](api::Node& node) { node.spec.edit().taints = {{.key = "maintenance", .effect = "NoExecute"}}; },
     .want_node = "node-b"},
    {.name = "no_schedule_taint_tolerated_with_equal",
     .change_node = [](api::Node& node) { node.spec.edit().taints = {{.key = "gpu", .value = "true", .effect = "NoSchedule"}}; },
     .change_pod =
         [](api::Pod& pod) {
           pod.spec.edit().tolerations = {{.key = "gpu", .operator_ = "Equal", .value = "true", .effect = "NoSchedule"}};
         },
     .want_node = "node-a"},
    {.name = "no_schedule_taint_tolerated_with_exists",
     .change_node = [](api::Node& node) { node.spec.edit().taints = {{.key = "gpu", .value = "true", .effect = "NoSchedule"}}; },
     .change_pod = [](api::Pod& pod) { pod.spec.edit().tolerations = {{.key = "gpu", .operator_ = "Exists"}}; },
     .want_node = "node-a"},
    {.name = "toleration_with_another_value_does_not_tolerate",
     .change_node = [](api::Node& node) { node.spec.edit().taints = {{.key = "gpu", .value = "true", .effect = "NoSchedule"}}; },
     .change_pod =
         [](api::Pod& pod) {
           pod.spec.edit().tolerations = {{.key = "gpu", .operator_ = "Equal", .value = "false", .effect = "NoSchedule"}};
         },
     .want_node = "node-b"},
    {.name = "prefer_no_schedule_taint_does_not_filter",
     .change_node = [](api::Node& node) { node.spec.edit().taints = {{.key = "spot", .effect = "PreferNoSchedule"}}; },
     .want_node = "node-a"},
    {.name = "node_selector_mismatch",
     .change_pod = [](api::Pod& pod) { pod.spec.edit().node_selector = {{"disk", "ssd"}}; },
     .want_node = "node-b"},
    {.name = "node_selector_match",
     .change_node = [](api::Node& node) { node.metadata.edit().labels = {{"disk", "ssd"}}; },
     .change_pod = [](api::Pod& pod) { pod.spec.edit().node_selector = {{"disk", "ssd"}}; },
     .want_node = "node-a"},
    {.name = "insufficient_cpu",
     .change_node = [](api::Node& node) { node.status.edit().capacity.cpu_millis = 500; },
     .want_node = "node-b"},
    {.name = "insufficient_memory",
     .change_node = [](api::Node& node) { node.status.edit().capacity.memory_bytes = 512 * kMi; },
     .want_node = "node-b"},
    {.name = "too_many_pods",
     .change_node = [](api::Node& node) { node.status.edit().capacity.pods = 0; },
     .want_node = "node-b"},
};

class SchedulerFilterTest : public SchedulerTest, public testing::WithParamInterface<FilterCase> {};

TEST_P(SchedulerFilterTest, binds_where_the_filters_allow) {
  const FilterCase& c = GetParam();
  api::Node node_a;
  node_a.metadata.edit().name = "node-a";
  node_a.status.edit().capacity = {.cpu_millis = 4000, .memory_bytes = 8 * kGi, .pods = 110};
  node_a.status.edit().conditions = {{.type = "Ready", .status = api::ConditionStatus::True}};
  if (c.change_node != nullptr) c.change_node(node_a);
  ASSERT_TRUE(cluster.server.create(node_a).ok());
  api::Node node_b;
  node_b.metadata.edit().name = "node-b";
  node_b.metadata.edit().labels = {{"disk", "ssd"}};
  node_b.status.edit().capacity = {.cpu_millis = 8000, .memory_bytes = 16 * kGi, .pods = 110};
  node_b.status.edit().conditions = {{.type = "Ready", .status = api::ConditionStatus::True}};
  ASSERT_TRUE(cluster.server.create(node_b).ok());
  api::Pod busy = make_pod("busy", 6000, 12 * kGi);
  busy.spec.edit().node_name = "node-b";
  cluster.add_pod(busy);

  api::Pod pod = make_pod("p", 1000, 1 * kGi);
  if (c.change_pod != nullptr) c.change_pod(pod);
  const api::ObjectId id = cluster.add_pod(pod);
  cluster.sim.run();
  EXPECT_EQ(node_of(id), c.want_node);
}

INSTANTIATE_TEST_SUITE_P(Table, SchedulerFilterTest, testing::ValuesIn(kFilterCases),
                         name_of<FilterCase>);

}  // namespace
}  // namespace jobsim::cluster
