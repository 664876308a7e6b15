// Tests for the scheduler's node cache and upstream's node sampling (issue #9 point 5):
// numFeasibleNodesToFind (pkg/scheduler/schedule_one.go, percentageOfNodesToScore unset), the
// node-tree order (pkg/scheduler/backend/cache/node_tree.go: zones interleaved, insertion order
// within a zone) and the rotating nextStartNodeIndex; and that node updates refresh the cached
// readiness, cordon, taint and allocatable the filters read.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/cluster/scheduler.hpp"
#include "testing/table.hpp"
#include "unit/cluster/test_cluster.hpp"

namespace jobsim::cluster {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using test::kGi;
using test::make_pod;

struct ToFindCase {
  std::string_view name;
  std::int32_t all_nodes;
  std::int32_t want;
};

// Upstream's figures: every node below 100; at least 100; 50 - n/125 percent, at least 5 %.
const ToFindCase kToFindCases[] = {
    {.name = "none", .all_nodes = 0, .want = 0},
    {.name = "one", .all_nodes = 1, .want = 1},
    {.name = "ninety_nine", .all_nodes = 99, .want = 99},
    {.name = "hundred", .all_nodes = 100, .want = 100},
    {.name = "hundred_and_one", .all_nodes = 101, .want = 100},
    {.name = "two_hundred", .all_nodes = 200, .want = 100},      // 49 % = 98, raised to 100
    {.name = "two_hundred_fifty", .all_nodes = 250, .want = 120},  // 48 %
    {.name = "thousand", .all_nodes = 1000, .want = 420},          // 42 %
    {.name = "five_thousand", .all_nodes = 5000, .want = 500},     // 10 %
    {.name = "six_thousand", .all_nodes = 6000, .want = 300},      // 2 %, raised to 5 %
    {.name = "ten_thousand", .all_nodes = 10000, .want = 500},     // 5 %
};

class ToFindTest : public testing::TestWithParam<ToFindCase> {};

TEST_P(ToFindTest, matches_upstream) {
  EXPECT_EQ(Scheduler::num_feasible_nodes_to_find(GetParam().all_nodes), GetParam().want);
}

std::string to_find_name(const testing::TestParamInfo<ToFindCase>& info) { return std::string(info.param.name); }

INSTANTIATE_TEST_SUITE_P(Table, ToFindTest, testing::ValuesIn(kToFindCases), to_find_name);

class SamplingTest : public testing::Test {
 protected:
  static std::string numbered(int index) {
    char name[16];
    std::snprintf(name, sizeof name, "node-%03d", index);
    return name;
  }
  // add_node: a Ready node of 4 cpu / 8Gi; `zone` sets topology.kubernetes.io/zone.
  api::ObjectId add_node(const std::string& name, const std::string& zone = "", bool cordoned = false) {
    api::Node node;
    node.metadata.edit().name = name;
    if (!zone.empty()) node.metadata.edit().labels = {{"topology.kubernetes.io/zone", zone}};
    node.spec.edit().unschedulable = cordoned;
    node.status.edit().capacity = {.cpu_millis = 4000, .memory_bytes = 8 * kGi, .pods = 110};
    node.status.edit().conditions = {{.type = "Ready", .status = api::ConditionStatus::True}};
    const ApiResult result = cluster.server.create(std::move(node));
    EXPECT_TRUE(result.ok());
    ids[name] = result.id;
    return result.id;
  }
  std::vector<std::string> list_names() {
    std::vector<std::string> names;
    for (api::ObjectId id : scheduler.node_list()) names.push_back(cluster.server.nodes().get(id)->metadata->name);
    return names;
  }
  // bind_one creates a pod of 100m / 100Mi, runs the scheduler and returns its node's name.
  std::string bind_one(const std::string& pod_name) {
    const api::ObjectId id = cluster.add_pod(make_pod(pod_name, 100, 100 * test::kMi));
    cluster.sim.run();
    return cluster.pod(id)->spec->node_name;
  }
  void update_node(const std::string& name, void (*change)(api::Node&)) {
    api::Node node = *cluster.server.nodes().get(ids.at(name));
    change(node);
    ASSERT_TRUE(cluster.client.update(ids.at(name), node).ok());
  }

  test::TestCluster cluster;
  Scheduler scheduler{cluster.sim, cluster.server.pods(), cluster.server.nodes(), cluster.client,
                      cluster.recorder("default-scheduler"), cluster.timings};
  std::map<std::string, api::ObjectId> ids;
};

TEST_F(SamplingTest, node_list_is_insertion_order_without_zones) {
  add_node("c");
  add_node("a");
  add_node("b");
  EXPECT_EQ(list_names(), (std::vector<std::string>{"c", "a", "b"}));
}

TEST_F(SamplingTest, node_list_interleaves_zones_in_order_of_first_appearance) {
  add_node("a1", "zone-a");
  add_node("b1", "zone-b");
  add_node("a2", "zone-a");
  add_node("a3", "zone-a");
  add_node("b2", "zone-b");
  add_node("c1", "zone-c");
  EXPECT_EQ(list_names(), (std::vector<std::string>{"a1", "b1", "c1", "a2", "b2", "a3"}));
}

TEST_F(SamplingTest, node_list_follows_removals_and_zone_changes) {
  add_node("a1", "zone-a");
  add_node("b1", "zone-b");
  add_node("a2", "zone-a");
  add_node("c1", "zone-c");
  // b1 leaves: zone-b is removed with its last node (node_tree.go removeZone).
  ASSERT_TRUE(cluster.client.remove(api::Kind::Node, ids.at("b1"), {}).ok());
  EXPECT_EQ(list_names(), (std::vector<std::string>{"a1", "c1", "a2"}));
  // a1 moves to zone-c: removed from zone-a, appended to zone-c (updateNode).
  update_node("a1", [](api::Node& node) { node.metadata.edit().labels.edit()["topology.kubernetes.io/zone"] = "zone-c"; });
  EXPECT_EQ(list_names(), (std::vector<std::string>{"a2", "c1", "a1"}));
  // A region label alone makes a zone key of its own.
  add_node("r1");
  update_node("r1", [](api::Node& node) { node.metadata.edit().labels.edit()["topology.kubernetes.io/region"] = "eu"; });
  add_node("plain");
  EXPECT_EQ(list_names(), (std::vector<std::string>{"a2", "c1", "r1", "plain", "a1"}));
}

TEST_F(SamplingTest, up_to_100_nodes_every_node_is_examined_and_the_start_stays) {
  for (int i = 0; i < 100; ++i) add_node(numbered(i));
  // Equal empty nodes: every pod sees all 100, and ties go to the node created first.
  EXPECT_EQ(bind_one("p0"), "node-000");
  EXPECT_EQ(bind_one("p1"), "node-001");
  EXPECT_EQ(bind_one("p2"), "node-002");
  EXPECT_EQ(scheduler.next_start_index(), 0u);
}

TEST_F(SamplingTest, above_100_nodes_filtering_stops_at_100_feasible_and_the_start_rotates) {
  for (int i = 0; i < 200; ++i) add_node(numbered(i));
  // 200 nodes: 100 feasible nodes are enough. The first pod sees nodes 0-99, the second
  // 100-199 (where every node is empty), the third 0-99 again (node-000 now holds a pod).
  EXPECT_EQ(bind_one("p0"), "node-000");
  EXPECT_EQ(scheduler.next_start_index(), 100u);
  EXPECT_EQ(bind_one("p1"), "node-100");
  EXPECT_EQ(scheduler.next_start_index(), 0u);
  EXPECT_EQ(bind_one("p2"), "node-001");
  EXPECT_EQ(bind_one("p3"), "node-101");
}

TEST_F(SamplingTest, infeasible_nodes_count_as_processed) {
  for (int i = 0; i < 200; ++i) add_node(numbered(i), "", /*cordoned=*/i < 50);
  // Pod 1 processes the 50 cordoned nodes and nodes 50-149: 150 nodes, next start 150.
  EXPECT_EQ(bind_one("p0"), "node-050");
  EXPECT_EQ(scheduler.next_start_index(), 150u);
  // Pod 2: 150-199, the cordoned 0-49, then 50-99 (node-050 holds a pod): 150 processed.
  EXPECT_EQ(bind_one("p1"), "node-051");
  EXPECT_EQ(scheduler.next_start_index(), 100u);
  // Pod 3: 100-199 are 100 feasible nodes.
  EXPECT_EQ(bind_one("p2"), "node-100");
  EXPECT_EQ(scheduler.next_start_index(), 0u);
}

TEST_F(SamplingTest, an_unschedulable_pod_examines_every_node_and_leaves_the_start) {
  for (int i = 0; i < 200; ++i) add_node(numbered(i));
  EXPECT_EQ(bind_one("p0"), "node-000");
  const api::ObjectId big = cluster.add_pod(make_pod("big", 64000, 1 * kGi));
  cluster.sim.run();
  EXPECT_EQ(cluster.pod(big)->spec->node_name, "");
  EXPECT_EQ(scheduler.next_start_index(), 100u);
  const auto failed = cluster.events_with_reason("FailedScheduling");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].message,
            "0/200 nodes are available: 200 Insufficient cpu. preemption: 0/200 nodes are available: 200 No "
            "preemption victims found for incoming pod.");
}

TEST_F(SamplingTest, node_updates_refresh_the_cached_node_state) {
  add_node("node-a");
  add_node("node-b");
  // Cordon node-a: the pod goes to node-b although node-a comes first.
  update_node("node-a", [](api::Node& node) { node.spec.edit().unschedulable = true; });
  EXPECT_EQ(bind_one("p0"), "node-b");
  // Uncordon node-a, taint node-b, make node-a NotReady: nothing fits.
  update_node("node-a", [](api::Node& node) { node.spec.edit().unschedulable = false; });
  update_node("node-b", [](api::Node& node) { node.spec.edit().taints = {{.key = "k", .effect = "NoSchedule"}}; });
  update_node("node-a", [](api::Node& node) { node.status.edit().conditions[0].status = api::ConditionStatus::False; });
  EXPECT_EQ(bind_one("p1"), "");
  // node-a Ready again but with room for no pod: still nothing; with room, p1 binds there.
  update_node("node-a", [](api::Node& node) {
    node.status.edit().conditions[0].status = api::ConditionStatus::True;
    node.status.edit().capacity.cpu_millis = 50;
    node.status.edit().allocatable.cpu_millis = 50;
  });
  EXPECT_EQ(bind_one("p2"), "");
  update_node("node-a", [](api::Node& node) {
    node.status.edit().capacity.cpu_millis = 4000;
    node.status.edit().allocatable.cpu_millis = 4000;
  });
  cluster.sim.run();
  EXPECT_EQ(cluster.pod(cluster.server.pods().find("default", "p1"))->spec->node_name, "node-a");
  EXPECT_EQ(cluster.pod(cluster.server.pods().find("default", "p2"))->spec->node_name, "node-a");
}

}  // namespace
}  // namespace jobsim::cluster
