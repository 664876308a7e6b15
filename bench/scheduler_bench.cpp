// Benchmark of the scheduler alone (issue #9 point 5): the cost of scheduling one pod on a
// cluster of 50, 1,000 and 10,000 nodes. Not pass/fail; run on demand:
//
//   build/release/bench/scheduler_bench
//
// Each iteration creates one pending pod (100m / 128Mi), lets the Scheduler bind it (filter,
// score, the binding write, the Scheduled Event) and force-deletes it, so the cluster stays the
// same. Every node already runs one bound pod of 1 to 8 cpu, so the scores differ. Upstream
// examines every node up to 100 nodes, 420 of 1,000 and 500 of 10,000 (numFeasibleNodesToFind);
// the target is a pod on 10,000 nodes costing at most 1.5x a pod on 1,000.
// Counter: examined (nodes filtered per pod: next_start_index advance, at most all nodes).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/timings.hpp"
#include "jobsim/cluster/api_server.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/cluster/scheduler.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "jobsim/engine/simulator.hpp"

namespace {

namespace api = jobsim::api;
namespace cluster = jobsim::cluster;
namespace engine = jobsim::engine;

constexpr std::int64_t kGi = 1024LL * 1024 * 1024;
constexpr std::int64_t kMi = 1024LL * 1024;

api::Pod make_pod(std::string name, std::int64_t cpu_millis, std::int64_t memory_bytes) {
  api::Pod pod;
  pod.metadata.edit().name = std::move(name);
  api::Container container{.name = "main", .image = "busybox"};
  container.resources.requests.cpu_millis = cpu_millis;
  container.resources.requests.memory_bytes = memory_bytes;
  pod.spec.edit().containers = {container};
  pod.spec.edit().restart_policy = api::RestartPolicy::Never;
  pod.spec.edit().restart_policy_set = true;
  return pod;
}

struct Cluster {
  explicit Cluster(int nodes) {
    for (int i = 0; i < nodes; ++i) {
      api::Node node;
      node.metadata.edit().name = "node-" + std::to_string(i);
      node.status.edit().capacity = {.cpu_millis = 16000, .memory_bytes = 64 * kGi, .pods = 110};
      node.status.edit().conditions = {{.type = "Ready", .status = api::ConditionStatus::True}};
      server.create(std::move(node));
      api::Pod busy = make_pod("busy-" + std::to_string(i), 1000 * (1 + i % 8), 2 * kGi);
      busy.spec.edit().node_name = "node-" + std::to_string(i);
      server.create(std::move(busy));
    }
    sim.run();
  }
  engine::Simulator sim{engine::SimTime{std::chrono::seconds{1767225600}}};  // 2026-01-01
  cluster::ApiServer server{sim, engine::RandomStreams(1)};
  cluster::Client client{server};
  cluster::EventSink sink;
  api::Timings timings;
  cluster::Scheduler scheduler{sim, server.pods(), server.nodes(), client,
                               cluster::EventRecorder(sim, sink, "default-scheduler"), timings};
};

void BM_ScheduleOnePod(benchmark::State& state) {
  const auto nodes = static_cast<int>(state.range(0));
  Cluster c(nodes);
  std::uint64_t pod = 0;
  std::uint64_t examined = 0;
  cluster::DeleteOptions force;
  force.grace_period_seconds = 0;
  for (auto _ : state) {
    const std::size_t start = c.scheduler.next_start_index();
    const cluster::ApiResult created = c.client.create(make_pod("p-" + std::to_string(pod++), 100, 128 * kMi));
    c.sim.run();
    const std::size_t end = c.scheduler.next_start_index();
    examined += end > start ? end - start : (end < start ? end + nodes - start : nodes);
    c.client.remove(api::Kind::Pod, created.id, force);
    c.sim.run();
  }
  state.counters["examined"] = benchmark::Counter(static_cast<double>(examined), benchmark::Counter::kAvgIterations);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScheduleOnePod)->Arg(50)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
