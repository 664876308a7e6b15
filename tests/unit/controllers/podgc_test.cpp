// PodGcController against the real ApiServer (no kubelet, no scheduler): the controller is
// built at +0, so it collects at +0, +20 s, +40 s, ... (gcCheckPeriod, wait.Until runs at
// once). Pods are created at +5 s with the creationTimestamp a case gives; nodes at +0 unless
// said otherwise. Every case lists what happened to pods, with the instant: phase changes
// ("Failed") and erasures ("Deleted").
// Expected values follow pkg/controller/podgc/gc_controller.go: gcTerminated deletes
// count - threshold pods in byEvictionAndCreationTimestamp order; gcOrphaned waits
// quarantineTime (40 s) from the first collection that saw the node missing; every deletion is
// markFailedAndDeletePod: Failed first when not terminal, then DELETE with grace 0.
#include "jobsim/controllers/podgc/podgc_controller.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "jobsim/cluster/api_server.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "testing/table.hpp"

namespace jobsim::controllers::podgc {
namespace {

using namespace std::chrono_literals;

constexpr engine::SimTime kStart{std::chrono::seconds{1767225600}};  // 2026-01-01T00:00:00Z

struct NodeRow {
  std::string name;
  bool ready = true;
  bool out_of_service = false;  // node.kubernetes.io/out-of-service:NoExecute
  int created_at_s = 0;
};

struct PodRow {
  std::string name;
  api::PodPhase phase = api::PodPhase::Succeeded;
  int created_s = 0;        // creationTimestamp, seconds after start
  std::string node;         // spec.nodeName ("" = never scheduled)
  std::string reason;       // status.reason ("Evicted")
  bool hold = false;        // a finalizer keeps the object after DELETE
  std::optional<int> delete_at_s;  // a graceful DELETE (30 s grace) at this instant
};

struct PodGcCase {
  std::string_view name;
  std::int64_t threshold = 12500;
  std::vector<NodeRow> nodes;
  std::vector<PodRow> pods;
  std::vector<std::string> want;  // "<seconds>s <Failed|Deleted> <pod>"
};

JOBSIM_PRINT_CASES_BY_NAME()

const PodGcCase kCases[] = {
    // 5 terminated, threshold 3: the 2 oldest (b at 1, d at 2) go at the first collection after
    // they exist (+20 s). Succeeded pods are not patched to Failed.
    {.name = "terminated_over_threshold_deletes_the_oldest",
     .threshold = 3,
     .nodes = {{.name = "n1"}},
     .pods = {{.name = "a", .created_s = 5, .node = "n1"},
              {.name = "b", .created_s = 1, .node = "n1"},
              {.name = "c", .created_s = 4, .node = "n1"},
              {.name = "d", .created_s = 2, .node = "n1"},
              {.name = "e", .created_s = 3, .node = "n1"}},
     .want = {"20s Deleted b", "20s Deleted d"}},
    {.name = "equal_creation_times_break_ties_by_name",
     .threshold = 1,
     .nodes = {{.name = "n1"}},
     .pods = {{.name = "c", .node = "n1"}, {.name = "a", .node = "n1"}, {.name = "b", .node = "n1"}},
     .want = {"20s Deleted a", "20s Deleted b"}},
    // Evicted pods go first even when they are the newest.
    {.name = "evicted_pods_are_deleted_first",
     .threshold = 2,
     .nodes = {{.name = "n1"}},
     .pods = {{.name = "old", .created_s = 1, .node = "n1"},
              {.name = "evicted", .phase = api::PodPhase::Failed, .created_s = 9, .node = "n1", .reason = "Evicted"},
              {.name = "new", .created_s = 5, .node = "n1"}},
     .want = {"20s Deleted evicted"}},
    // Failed and Succeeded both count; Running and Pending pods do not.
    {.name = "only_terminated_pods_count",
     .threshold = 1,
     .nodes = {{.name = "n1"}},
     .pods = {{.name = "r1", .phase = api::PodPhase::Running, .created_s = 0, .node = "n1"},
              {.name = "r2", .phase = api::PodPhase::Pending, .created_s = 0},
              {.name = "s", .created_s = 2, .node = "n1"},
              {.name = "f", .phase = api::PodPhase::Failed, .created_s = 1, .node = "n1"}},
     .want = {"20s Deleted f"}},
    {.name = "count_equal_to_threshold_deletes_nothing",
     .threshold = 2,
     .nodes = {{.name = "n1"}},
     .pods = {{.name = "a", .node = "n1"}, {.name = "b", .node = "n1"}}},
    // --terminated-pod-gc-threshold <= 0 disables the terminated-pod part.
    {.name = "threshold_zero_disables",
     .threshold = 0,
     .nodes = {{.name = "n1"}},
     .pods = {{.name = "a", .node = "n1"}, {.name = "b", .node = "n1"}}},
    // Bound to a node that does not exist: first seen missing at +20 → quarantined until +60;
    // the +40 collection waits; at +60 the node is still missing: Failed, then force-deleted.
    {.name = "orphaned_pod_deleted_after_quarantine",
     .pods = {{.name = "o", .phase = api::PodPhase::Running, .node = "gone"}},
     .want = {"60s Failed o", "60s Deleted o"}},
    // The node shows up during the quarantine: nothing happens.
    {.name = "node_appearing_during_quarantine_keeps_its_pods",
     .nodes = {{.name = "late", .created_at_s = 30}},
     .pods = {{.name = "o", .phase = api::PodPhase::Running, .node = "late"}}},
    // A terminal orphan is not patched, only deleted.
    {.name = "terminal_orphan_is_only_deleted",
     .pods = {{.name = "o", .phase = api::PodPhase::Succeeded, .node = "gone"}},
     .want = {"60s Deleted o"}},
    // Deleted while never scheduled, held by a finalizer: Failed at the next collection (the
    // DELETE with grace 0 changes nothing more, the finalizer still holds it).
    {.name = "unscheduled_terminating_pod_is_marked_failed",
     .pods = {{.name = "u", .phase = api::PodPhase::Pending, .hold = true, .delete_at_s = 6}},
     .want = {"20s Failed u"}},
    // Terminating (30 s grace, no kubelet to finish it) on a NotReady node with the
    // out-of-service taint: Failed and force-deleted at the next collection.
    {.name = "terminating_pod_on_out_of_service_node_is_force_deleted",
     .nodes = {{.name = "n1", .ready = false, .out_of_service = true}},
     .pods = {{.name = "t", .phase = api::PodPhase::Running, .node = "n1", .delete_at_s = 6}},
     .want = {"20s Failed t", "20s Deleted t"}},
    // Without the taint the pod keeps terminating.
    {.name = "terminating_pod_on_not_ready_node_without_taint_stays",
     .nodes = {{.name = "n1", .ready = false}},
     .pods = {{.name = "t", .phase = api::PodPhase::Running, .node = "n1", .delete_at_s = 6}}},
};

class PodGcFixture {
 public:
  explicit PodGcFixture(std::int64_t threshold) {
    timings_.terminated_pod_gc_threshold = threshold;
    controller_ = std::make_unique<PodGcController>(sim_, server_.pods(), server_.nodes(), client_, timings_);
    server_.pods().on_update([this](api::ObjectId, const api::Pod& old_pod, const api::Pod& pod) {
      if (old_pod.status->phase != pod.status->phase) log(std::string(api::to_string(pod.status->phase)), pod.metadata->name);
    });
    server_.pods().on_delete([this](api::ObjectId, const api::Pod& pod) { log("Deleted", pod.metadata->name); });
  }

  void add_node(const NodeRow& row) {
    api::Node node;
    node.metadata.edit().name = row.name;
    node.status.edit().capacity = {.cpu_millis = 4000, .memory_bytes = 1LL << 34, .pods = 110};
    node.status.edit().conditions = {{.type = "Ready", .status = row.ready ? api::ConditionStatus::True : api::ConditionStatus::False}};
    if (row.out_of_service) node.spec.edit().taints.push_back({.key = std::string(kTaintNodeOutOfService), .effect = "NoExecute"});
    ASSERT_TRUE(server_.create(std::move(node)).ok());
  }

  api::ObjectId add_pod(const PodRow& row) {
    api::Pod pod;
    pod.metadata.edit().name = row.name;
    pod.metadata.edit().creation_timestamp = kStart + std::chrono::seconds(row.created_s);
    if (row.hold) pod.metadata.edit().finalizers.emplace_back("example.com/hold");
    pod.spec.edit().containers.push_back({.name = "main", .image = "worker:v1"});
    pod.spec.edit().node_name = row.node;
    pod.status.edit().phase = row.phase;
    pod.status.edit().reason = row.reason;
    const cluster::ApiResult result = server_.create(std::move(pod));
    EXPECT_TRUE(result.ok()) << result.message;
    return result.id;
  }

  engine::Simulator& sim() { return sim_; }
  cluster::ApiServer& server() { return server_; }
  PodGcController& controller() { return *controller_; }
  const std::vector<std::string>& facts() const { return facts_; }

 private:
  void log(const std::string& what, const std::string& name) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(sim_.now() - kStart).count();
    facts_.push_back(std::to_string(seconds) + "s " + what + " " + name);
  }

  engine::Simulator sim_{kStart};
  cluster::ApiServer server_{sim_, engine::RandomStreams(1)};
  cluster::Client client_{server_};
  api::Timings timings_;
  std::unique_ptr<PodGcController> controller_;
  std::vector<std::string> facts_;
};

class PodGcTable : public ::testing::TestWithParam<PodGcCase> {};

TEST_P(PodGcTable, CollectsAsUpstream) {
  const PodGcCase& test_case = GetParam();
  PodGcFixture fixture(test_case.threshold);
  for (const NodeRow& node : test_case.nodes) {
    fixture.sim().schedule_at(kStart + std::chrono::seconds(node.created_at_s), {"test.node", 0},
                              [&fixture, &node] { fixture.add_node(node); });
  }
  for (const PodRow& pod : test_case.pods) {
    fixture.sim().schedule_at(kStart + 5s, {"test.pod", 0}, [&fixture, &pod] {
      const api::ObjectId id = fixture.add_pod(pod);
      if (!pod.delete_at_s) return;
      fixture.sim().schedule_at(kStart + std::chrono::seconds(*pod.delete_at_s), {"test.delete", 0}, [&fixture, id] {
        fixture.server().remove(api::Kind::Pod, id);
      });
    });
  }
  fixture.sim().run_until(kStart + 90s);
  EXPECT_EQ(fixture.facts(), test_case.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, PodGcTable, ::testing::ValuesIn(kCases), test_support::name_of<PodGcCase>);

// The orphan's DisruptionTarget condition, verbatim from markFailedAndDeletePodWithCondition.
TEST(PodGc, OrphanedPodGetsTheDisruptionTargetCondition) {
  PodGcFixture fixture(12500);
  api::Pod seen;
  fixture.server().pods().on_update([&](api::ObjectId, const api::Pod&, const api::Pod& pod) { seen = pod; });
  fixture.sim().schedule_at(kStart + 5s, {"test.pod", 0}, [&] {
    fixture.add_pod({.name = "o", .phase = api::PodPhase::Running, .node = "gone"});
  });
  fixture.sim().run_until(kStart + 90s);
  const api::PodCondition* condition = api::find_condition(seen.status, kDisruptionTarget);
  ASSERT_NE(condition, nullptr);
  EXPECT_EQ(*condition, (api::PodCondition{.type = "DisruptionTarget",
                                           .status = api::ConditionStatus::True,
                                           .reason = "DeletionByPodGC",
                                           .message = "PodGC: node no longer exists",
                                           .last_transition_time = kStart + 60s}));
  EXPECT_EQ(seen.status->phase, api::PodPhase::Failed);
}

// An outage drops the quarantine queue: a node first seen missing at +20 is forgotten by the
// stop at +30; the restart at +50 collects at once (quarantine from +50), then at +70, +90;
// the pod goes at +90, not +60.
TEST(PodGc, OutageRestartsTheQuarantine) {
  PodGcFixture fixture(12500);
  std::vector<std::string> deleted;
  fixture.server().pods().on_delete([&](api::ObjectId, const api::Pod&) {
    deleted.push_back(std::to_string(std::chrono::duration_cast<std::chrono::seconds>(fixture.sim().now() - kStart).count()));
  });
  fixture.sim().schedule_at(kStart + 5s, {"test.pod", 0}, [&] {
    fixture.add_pod({.name = "o", .phase = api::PodPhase::Running, .node = "gone"});
  });
  fixture.sim().schedule_at(kStart + 30s, {"test.stop", 0}, [&] { fixture.controller().stop(); });
  fixture.sim().schedule_at(kStart + 50s, {"test.start", 0}, [&] { fixture.controller().start(); });
  fixture.sim().run_until(kStart + 120s);
  EXPECT_EQ(deleted, (std::vector<std::string>{"90"}));
}

}  // namespace
}  // namespace jobsim::controllers::podgc
