// nodes.csv: per node, the requested, used and allocatable resources and the bound pods after
// each instant at which they changed (coalesced like timeseries.csv), a first row when the node
// appears, a last row per node at finish, instants ordered by node name. Expected rows are
// written by hand from the writes of each test (16Gi = 17179869184, 8Gi = 8589934592,
// 1Gi = 1073741824 bytes; allocatable defaults to capacity, make_node sets only capacity).
#include <chrono>

#include "recorder_fixture.hpp"

namespace jobsim::report::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kHeader =
    "time,node,requested_cpu_m,requested_memory_bytes,used_cpu_m,used_memory_bytes,allocatable_cpu_m,"
    "allocatable_memory_bytes,pods";

using NodesCsvTest = RecorderTest;

api::Pod bound_pod(std::string name, std::string node, std::int64_t cpu_m, std::int64_t memory_bytes) {
  api::Pod pod = make_pod(std::move(name), "j", cpu_m, memory_bytes);
  pod.spec.edit().node_name = std::move(node);
  return pod;
}

// worker-b is created before worker-a: within an instant rows are by name, not by creation.
//   0 s: both nodes appear (first rows); p1 (500m, 1Gi) bound to worker-a.
//   10 s: p2 (1000m, 2Gi) bound to worker-b; p1 Running (nothing per node changes: no row).
//   20 s: p1 Succeeded: worker-a back to 0 requested, 0 pods.
//   30 s: finish: a last row for each node.
TEST_F(NodesCsvTest, two_nodes_pods_binding_and_finishing) {
  create(make_node("worker-b", 2000, 8LL << 30));
  create(make_node("worker-a", 4000, 16LL << 30));
  const api::ObjectId p1 = create(bound_pod("p1", "worker-a", 500, 1LL << 30));
  at(10s);
  create(bound_pod("p2", "worker-b", 1000, 2LL << 30));
  update<api::Pod>(p1, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Running; });
  at(20s);
  update<api::Pod>(p1, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Succeeded; });
  finish(30s);
  EXPECT_EQ(nodes_csv_lines(), Lines({kHeader,  //
                                      "2026-01-01T00:00:00Z,worker-a,500,1073741824,0,0,4000,17179869184,1",
                                      "2026-01-01T00:00:00Z,worker-b,0,0,0,0,2000,8589934592,0",
                                      "2026-01-01T00:00:10Z,worker-b,1000,2147483648,0,0,2000,8589934592,1",
                                      "2026-01-01T00:00:20Z,worker-a,0,0,0,0,4000,17179869184,0",
                                      "2026-01-01T00:00:30Z,worker-a,0,0,0,0,4000,17179869184,0",
                                      "2026-01-01T00:00:30Z,worker-b,1000,2147483648,0,0,2000,8589934592,1"}));
}

// Several writes at one instant are one row, the state after the instant:
//   0 s: a (500m, 1Gi) on worker-1; worker-2 idle.
//   10 s: a Succeeded and b (500m, 1Gi) bound on worker-1: nets out, no row.
//   15 s: b deleted gracefully: Terminating still holds its requests (no row).
//   20 s: b Failed, c (250m, 512Mi) and d (250m, 512Mi) bound: one row, 500m, 2 pods.
//   20 s: finish at the last change: worker-1 has its row then, worker-2 gets its last row.
TEST_F(NodesCsvTest, same_instant_changes_coalesce_or_net_out) {
  create(make_node("worker-1", 4000, 16LL << 30));
  create(make_node("worker-2", 4000, 16LL << 30));
  const api::ObjectId a = create(bound_pod("a", "worker-1", 500, 1LL << 30));
  at(10s);
  update<api::Pod>(a, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Succeeded; });
  const api::ObjectId b = create(bound_pod("b", "worker-1", 500, 1LL << 30));
  at(15s);
  server_.remove(api::Kind::Pod, b);
  at(20s);
  update<api::Pod>(b, [](api::Pod& p) { p.status.edit().phase = api::PodPhase::Failed; });
  create(bound_pod("c", "worker-1", 250, 512LL << 20));
  create(bound_pod("d", "worker-1", 250, 512LL << 20));
  finish(20s);
  EXPECT_EQ(nodes_csv_lines(), Lines({kHeader,  //
                                      "2026-01-01T00:00:00Z,worker-1,500,1073741824,0,0,4000,17179869184,1",
                                      "2026-01-01T00:00:00Z,worker-2,0,0,0,0,4000,17179869184,0",
                                      "2026-01-01T00:00:20Z,worker-1,500,1073741824,0,0,4000,17179869184,2",
                                      "2026-01-01T00:00:20Z,worker-2,0,0,0,0,4000,17179869184,0"}));
}

// Usage, allocatable and late nodes:
//   0 s: worker-1 (4000m, 16Gi) appears.
//   5 s: the kubelet publishes 300m / 64Mi for pod u (bound at 0 s with no requests) and the
//        node's allocatable drops to 3500m, 15Gi: one row with both.
//   15 s: a pod is bound to "edge-0", a node the report has no Node object for: its first row
//         has allocatable 0. worker-0 (1000m, 1Gi) registers at the same instant.
//   25 s: u is deleted without a last zero: it uses nothing from then (row).
//   40 s: finish.
TEST_F(NodesCsvTest, usage_allocatable_and_nodes_appearing_late) {
  const api::ObjectId node = create(make_node("worker-1", 4000, 16LL << 30));
  const api::ObjectId u = create(bound_pod("u", "worker-1", 0, 0));
  at(5s);
  usage_.emit({.pod = u, .node = node, .cpu_millis = 300, .memory_bytes = 64LL << 20});
  update<api::Node>(node, [](api::Node& n) {
    n.status.edit().allocatable = {.cpu_millis = 3500, .memory_bytes = 15LL << 30, .pods = 110};
  });
  at(15s);
  create(bound_pod("e", "edge-0", 100, 0));
  create(make_node("worker-0", 1000, 1LL << 30));
  at(25s);
  server_.remove(api::Kind::Pod, u, {.grace_period_seconds = 0});
  finish(40s);
  EXPECT_EQ(nodes_csv_lines(), Lines({kHeader,  //
                                      "2026-01-01T00:00:00Z,worker-1,0,0,0,0,4000,17179869184,1",
                                      "2026-01-01T00:00:05Z,worker-1,0,0,300,67108864,3500,16106127360,1",
                                      "2026-01-01T00:00:15Z,edge-0,100,0,0,0,0,0,1",
                                      "2026-01-01T00:00:15Z,worker-0,0,0,0,0,1000,1073741824,0",
                                      "2026-01-01T00:00:25Z,worker-1,0,0,0,0,3500,16106127360,0",
                                      "2026-01-01T00:00:40Z,edge-0,100,0,0,0,0,0,1",
                                      "2026-01-01T00:00:40Z,worker-0,0,0,0,0,1000,1073741824,0",
                                      "2026-01-01T00:00:40Z,worker-1,0,0,0,0,3500,16106127360,0"}));
}

TEST_F(NodesCsvTest, run_without_nodes_has_only_the_header) {
  at(1s);
  create(make_pod("unbound", "j", 100, 0));  // never bound: no node to report
  finish(1h);
  EXPECT_EQ(nodes_csv_lines(), Lines({kHeader}));
}

// Times are formatted like timeseries.csv: milliseconds only when the instant is not whole.
TEST_F(NodesCsvTest, fractional_instants_have_milliseconds) {
  at(1500ms);
  create(make_node("worker-1", 1000, 1LL << 30));
  finish(1500ms);
  EXPECT_EQ(nodes_csv_lines(), Lines({kHeader, "2026-01-01T00:00:01.500Z,worker-1,0,0,0,0,1000,1073741824,0"}));
}

// A Node's name is an RFC 1123 subdomain, but a pod's spec.nodeName is not checked against one:
// a name with a comma or a quote is quoted as RFC 4180 says, so the columns stay aligned.
TEST_F(NodesCsvTest, names_with_csv_characters_are_quoted) {
  create(bound_pod("p", "rack \"7\",slot 2", 100, 0));
  finish(1s);
  EXPECT_EQ(nodes_csv_lines(), Lines({kHeader,  //
                                      "2026-01-01T00:00:00Z,\"rack \"\"7\"\",slot 2\",100,0,0,0,0,0,1",
                                      "2026-01-01T00:00:01Z,\"rack \"\"7\"\",slot 2\",100,0,0,0,0,0,1"}));
}

}  // namespace
}  // namespace jobsim::report::testing
