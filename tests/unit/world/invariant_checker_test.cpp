// InvariantChecker: each case feeds the API server a sequence of writes, violating or not, and
// compares the violations the checker reports (a recording handler) with the expected
// messages; a death test shows that the default handler aborts. A checker that never fires
// fails the violating cases, so the suite cannot pass vacuously.
#include "jobsim/world/invariant_checker.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "jobsim/cluster/api_server.hpp"
#include "jobsim/engine/clock.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "testing/table.hpp"

namespace jobsim::world {
namespace {

using namespace std::chrono_literals;

const engine::SimTime kStart = *engine::parse_rfc3339("2026-01-01T00:00:00Z");

api::Node node(std::string name, std::int64_t cpu_m, std::int64_t memory_bytes, std::int64_t pods = 110) {
  api::Node result;
  result.metadata.edit().name = std::move(name);
  result.status.edit().capacity = {.cpu_millis = cpu_m, .memory_bytes = memory_bytes, .pods = pods};
  result.status.edit().allocatable = result.status->capacity;
  return result;
}

api::Pod pod(std::string name, std::int64_t cpu_m, std::int64_t memory_bytes, std::string node_name = "") {
  api::Pod result;
  result.metadata.edit().name = std::move(name);
  api::Container container{.name = "main", .image = "busybox"};
  if (cpu_m > 0) container.resources.requests.cpu_millis = cpu_m;
  if (memory_bytes > 0) container.resources.requests.memory_bytes = memory_bytes;
  result.spec.edit().containers.push_back(std::move(container));
  result.spec.edit().restart_policy = api::RestartPolicy::Never;
  result.spec.edit().restart_policy_set = true;
  result.spec.edit().node_name = std::move(node_name);
  return result;
}

// Harness: an API server on a fake clock, with the checker recording what it reports.
struct Harness {
  engine::FakeClock clock{kStart};
  engine::RandomStreams streams{1};
  cluster::ApiServer server{clock, streams};
  std::vector<std::string> violations;
  InvariantChecker checker{clock, server, [this](const std::string& message) { violations.push_back(message); }};

  api::ObjectId create_pod(api::Pod object) { return server.create(std::move(object)).id; }
  void bind(api::ObjectId id, std::string node_name) {
    api::Pod object = *server.pods().get(id);
    object.spec.edit().node_name = std::move(node_name);
    EXPECT_TRUE(server.update(id, std::move(object)).ok());
  }
  void finish_pod(api::ObjectId id) {
    api::Pod object = *server.pods().get(id);
    object.status.edit().phase = api::PodPhase::Succeeded;
    EXPECT_TRUE(server.update(id, std::move(object)).ok());
  }
};

struct Case {
  std::string_view name;
  std::function<void(Harness&)> writes;
  std::vector<std::string> want;  // violation messages, in order
};
JOBSIM_PRINT_CASES_BY_NAME()

const Case kCases[] = {
    {.name = "pods_that_fit_exactly",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker", 4000, 8LL << 30));
           h.bind(h.create_pod(pod("a", 2000, 4LL << 30)), "worker");
           h.bind(h.create_pod(pod("b", 2000, 4LL << 30)), "worker");
         }},
    {.name = "binding_over_allocatable_cpu",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker", 4000, 8LL << 30));
           h.bind(h.create_pod(pod("a", 3000, 0)), "worker");
           h.bind(h.create_pod(pod("b", 2000, 0)), "worker");
         },
     .want = {"invariant violated at 2026-01-01T00:00:00Z: pod default/b bound to node \"worker\" brings its cpu "
              "(millicores) requests to 5000, over its allocatable 4000; the scheduler must count every bound, "
              "non-terminal pod"}},
    {.name = "binding_over_allocatable_memory",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker", 4000, 1000));
           h.bind(h.create_pod(pod("a", 0, 600)), "worker");
           h.bind(h.create_pod(pod("b", 0, 600)), "worker");
         },
     .want = {"invariant violated at 2026-01-01T00:00:00Z: pod default/b bound to node \"worker\" brings its memory "
              "(bytes) requests to 1200, over its allocatable 1000; the scheduler must count every bound, "
              "non-terminal pod"}},
    {.name = "binding_over_allocatable_pod_count",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker", 4000, 1000, 1));
           h.bind(h.create_pod(pod("a", 0, 0)), "worker");
           h.bind(h.create_pod(pod("b", 0, 0)), "worker");
         },
     .want = {"invariant violated at 2026-01-01T00:00:00Z: pod default/b bound to node \"worker\" brings its pod "
              "count requests to 2, over its allocatable 1; the scheduler must count every bound, non-terminal pod"}},
    {.name = "a_finished_pod_frees_its_requests",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker", 4000, 8LL << 30));
           const api::ObjectId a = h.create_pod(pod("a", 3000, 0));
           h.bind(a, "worker");
           h.finish_pod(a);
           h.bind(h.create_pod(pod("b", 2000, 0)), "worker");
         }},
    {.name = "a_terminating_pod_still_holds_its_requests",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker", 4000, 8LL << 30));
           const api::ObjectId a = h.create_pod(pod("a", 3000, 0));
           h.bind(a, "worker");
           h.server.remove(api::Kind::Pod, a);  // graceful: still running, still counted
           h.clock.set(kStart + 1s);
           h.bind(h.create_pod(pod("b", 2000, 0)), "worker");
         },
     .want = {"invariant violated at 2026-01-01T00:00:01Z: pod default/b bound to node \"worker\" brings its cpu "
              "(millicores) requests to 5000, over its allocatable 4000; the scheduler must count every bound, "
              "non-terminal pod"}},
    {.name = "a_deleted_pod_frees_its_requests",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker", 4000, 8LL << 30));
           const api::ObjectId a = h.create_pod(pod("a", 3000, 0));
           h.bind(a, "worker");
           h.server.remove(api::Kind::Pod, a, {.grace_period_seconds = 0});
           h.bind(h.create_pod(pod("b", 2000, 0)), "worker");
         }},
    // Upstream fitsRequest skips a resource the pod does not request: a pod without cpu
    // requests fits a node that user-bound pods (created with spec.nodeName) overfilled.
    {.name = "user_bound_pods_are_not_checked_and_zero_requests_fit",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker", 4000, 8LL << 30));
           h.create_pod(pod("a", 3000, 0, "worker"));
           h.create_pod(pod("b", 3000, 0, "worker"));
           h.bind(h.create_pod(pod("c", 0, 1 << 20)), "worker");
         }},
    {.name = "node_name_changes_once_set",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker-1", 4000, 8LL << 30));
           h.server.create(node("worker-2", 4000, 8LL << 30));
           const api::ObjectId a = h.create_pod(pod("a", 1000, 0));
           h.bind(a, "worker-1");
           h.bind(a, "worker-2");
         },
     .want = {"invariant violated at 2026-01-01T00:00:00Z: pod default/a moved from node \"worker-1\" to "
              "\"worker-2\"; spec.nodeName is immutable once set (a pod is bound at most once)"}},
    {.name = "node_name_cleared",
     .writes =
         [](Harness& h) {
           h.server.create(node("worker-1", 4000, 8LL << 30));
           const api::ObjectId a = h.create_pod(pod("a", 1000, 0));
           h.bind(a, "worker-1");
           h.bind(a, "");
         },
     .want = {"invariant violated at 2026-01-01T00:00:00Z: pod default/a moved from node \"worker-1\" to \"\"; "
              "spec.nodeName is immutable once set (a pod is bound at most once)"}},
};

class InvariantCheckerTest : public ::testing::TestWithParam<Case> {};

TEST_P(InvariantCheckerTest, reports_exactly_the_violations) {
  const Case& c = GetParam();
  Harness harness;
  c.writes(harness);
  harness.checker.finish();
  EXPECT_EQ(harness.violations, c.want);
}

INSTANTIATE_TEST_SUITE_P(Table, InvariantCheckerTest, ::testing::ValuesIn(kCases), test_support::name_of<Case>);

// created = deleted + present: objects created, deleted and kept balance; an object the
// checker never saw created (it subscribed too late, as if the store gained an object without
// a watch event) breaks the count at finish.
TEST(InvariantCheckerEnd, created_equals_deleted_plus_present) {
  Harness harness;
  harness.server.create(node("worker", 4000, 8LL << 30));
  const api::ObjectId a = harness.create_pod(pod("a", 0, 0));
  harness.create_pod(pod("b", 0, 0));
  harness.server.remove(api::Kind::Pod, a);
  harness.checker.finish();
  EXPECT_EQ(harness.violations, std::vector<std::string>{});

  std::vector<std::string> late_violations;
  InvariantChecker late(harness.clock, harness.server,
                        [&](const std::string& message) { late_violations.push_back(message); });
  late.finish();
  EXPECT_EQ(late_violations,
            (std::vector<std::string>{
                "invariant violated at 2026-01-01T00:00:00Z: Nodes: 0 created, 0 deleted, but 1 present at the end; "
                "every object created must be deleted (watch event) or still stored",
                "invariant violated at 2026-01-01T00:00:00Z: Pods: 0 created, 0 deleted, but 1 present at the end; "
                "every object created must be deleted (watch event) or still stored"}));
}

// move_a_bound_pod_without_handler moves a bound pod to another node under a checker with the
// default handler, as in every World.
void move_a_bound_pod_without_handler() {
  engine::FakeClock clock{kStart};
  engine::RandomStreams streams{1};
  cluster::ApiServer server{clock, streams};
  InvariantChecker checker{clock, server};
  server.create(node("worker-1", 4000, 8LL << 30));
  const api::ObjectId id = server.create(pod("a", 1000, 0, "worker-1")).id;
  api::Pod moved = *server.pods().get(id);
  moved.spec.edit().node_name = "worker-2";
  server.update(id, std::move(moved));
}

// Without a handler a violation aborts the run with its message.
TEST(InvariantCheckerDeathTest, default_handler_aborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(move_a_bound_pod_without_handler(),
               "internal error: .*invariant violated at 2026-01-01T00:00:00Z: pod default/a moved from node "
               "\"worker-1\" to \"worker-2\"");
}

}  // namespace
}  // namespace jobsim::world
