// End-to-end benchmarks: one World (engine, API server, scheduler, kubelets, Job controller,
// garbage collector, run recorder) running an Indexed Job from creation to Complete. Not
// pass/fail; run on demand. The scenario is built in C++ (the few builder bits needed are copied
// from tests/testing/builders.cpp, so the bench does not link the test library); the same
// workload as YAML is bench/scenarios/indexed-*.yaml, for `jobsim run` (LargeFullCluster is
// indexed-100k.yaml with --set 'cluster.nodes[0].capacity.pods=4').
//
//   build/release/bench/scenario_bench --benchmark_filter=Small/   # about a second
//   build/release/bench/scenario_bench                             # all (about half a minute)
//
// Counters: events (engine events run), pods (pods created), sim_s (simulated seconds until the
// Job completed); items_per_second is events per wall second.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <streambuf>

#include "jobsim/api/job.hpp"
#include "jobsim/api/resources.hpp"
#include "jobsim/engine/time.hpp"
#include "jobsim/scenario/scenario.hpp"
#include "jobsim/world/world.hpp"

namespace {

using namespace std::chrono_literals;
namespace api = jobsim::api;
namespace engine = jobsim::engine;
namespace scenario = jobsim::scenario;

struct Size {
  std::int32_t completions;
  std::int32_t parallelism;
  std::int32_t nodes;
  std::int64_t pods_per_node = 110;
};

constexpr Size kSmall{.completions = 10'000, .parallelism = 100, .nodes = 20};
constexpr Size kLarge{.completions = 100'000, .parallelism = 1'000, .nodes = 200};
// A full cluster: 200 nodes of 4 pods hold 800 of the 1,000 pods the Job wants, so about 200
// pods are always pending and every finished pod triggers a scheduling pass over them.
constexpr Size kLargeFullCluster{.completions = 100'000, .parallelism = 1'000, .nodes = 200, .pods_per_node = 4};

// indexed_job_scenario: `nodes` nodes of 16 cpu / 64Gi / `pods_per_node` pods; one Indexed Job whose pods
// request 100m / 128Mi, run lognormal(median 60 s, p95 120 s) and exit 1 with probability 0.05;
// restartPolicy Never and a backoffLimit that the failures never reach.
scenario::Scenario indexed_job_scenario(const Size& size) {
  scenario::Scenario s;
  s.file = "scenario_bench";
  s.name = "indexed-job-bench";
  s.start = *engine::parse_rfc3339("2026-01-01T00:00:00Z");
  s.until = s.start + std::chrono::hours(24 * 7);  // far beyond completion, where the run stops
  s.seed = 1;

  scenario::NodeGroup group;
  group.name = "worker";
  group.count = size.nodes;
  group.capacity.cpu_millis = api::parse_cpu_millis("16");
  group.capacity.memory_bytes = api::parse_memory_bytes("64Gi");
  group.capacity.pods = size.pods_per_node;
  s.cluster.nodes.push_back(group);

  scenario::Behavior behavior;
  behavior.match.image = "worker:v1";
  behavior.duration = scenario::DurationDist{.kind = scenario::DurationDist::Kind::Lognormal, .median = 60s, .p95 = 120s};
  behavior.exit_code = scenario::ExitCodeSpec{.kind = scenario::ExitCodeSpec::Kind::Table, .table = {{0, 0.95}, {1, 0.05}}};
  s.behaviors.push_back(behavior);

  api::Job job;
  job.metadata.edit().name = "indexed";
  job.spec.edit().completions = size.completions;
  job.spec.edit().parallelism = size.parallelism;
  job.spec.edit().completion_mode = api::CompletionMode::Indexed;
  job.spec.edit().backoff_limit = 100'000;
  api::Container container;
  container.name = "main";
  container.image = "worker:v1";
  container.resources.requests.cpu_millis = api::parse_cpu_millis("100m");
  container.resources.requests.memory_bytes = api::parse_memory_bytes("128Mi");
  job.spec.edit().template_.spec.edit().containers.push_back(container);
  job.spec.edit().template_.spec.edit().restart_policy = api::RestartPolicy::Never;
  job.spec.edit().template_.spec.edit().restart_policy_set = true;
  s.objects.push_back({job, {}});
  return s;
}

// A stream that discards everything (for timing the writers without disk I/O).
class NullBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

struct RunResult {
  std::uint64_t events = 0;
  std::size_t pods = 0;
  double sim_seconds = 0;
  bool completed = false;
};

// run_to_completion runs the World until the Job is Complete (or Failed), stopping right after
// the event that wrote the final condition.
RunResult run_to_completion(const scenario::Scenario& s, bool write_outputs) {
  jobsim::world::World world(s);
  // The outputs are streamed while the run goes (as `jobsim run --out` does), into a null sink.
  NullBuffer buffer;
  std::ostream out(&buffer);
  if (write_outputs) world.recorder().stream_history({.events_jsonl = &out, .timeseries_csv = &out, .nodes_csv = &out});
  bool finished = false;
  world.api().jobs().on_update([&](api::ObjectId, const api::Job&, const api::Job& job) {
    if (!finished && api::is_job_finished(job)) {
      finished = true;
      world.sim().stop();
    }
  });
  world.run_until(s.until);
  RunResult result;
  result.events = world.sim().events_processed();
  result.pods = world.api().pods().id_limit() - 1;  // ids are never reused; 0 is kNoObject
  result.sim_seconds = std::chrono::duration<double>(world.sim().now() - s.start).count();
  result.completed = finished;
  if (write_outputs) {
    world.finish();
    world.recorder().write_summary_json(out);
  }
  return result;
}

void BM_IndexedJob(benchmark::State& state, Size size, bool write_outputs) {
  const scenario::Scenario s = indexed_job_scenario(size);
  RunResult last;
  std::uint64_t events = 0;
  for (auto _ : state) {
    last = run_to_completion(s, write_outputs);
    events += last.events;
  }
  if (!last.completed) state.SkipWithError("the Job did not finish before `until`");
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events"] = static_cast<double>(last.events);
  state.counters["pods"] = static_cast<double>(last.pods);
  state.counters["sim_s"] = last.sim_seconds;
}

BENCHMARK_CAPTURE(BM_IndexedJob, Small, kSmall, false)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK_CAPTURE(BM_IndexedJob, SmallWithOutputs, kSmall, true)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK_CAPTURE(BM_IndexedJob, Large, kLarge, false)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_IndexedJob, LargeFullCluster, kLargeFullCluster, false)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
BENCHMARK_MAIN();
