// Sweep throughput (issue #10): replications per second of the capacity lab
// (scenarios/capacity/nightly-batch-window.yaml, 4 nodes), on 1 and 2 threads, through the same
// sweep::run_tasks that `jobsim sweep` uses (each thread loads its own scenario once per point).
//
//   build/release/bench/sweep_bench
//
// items_per_second is replications per wall second; the --jobs 2 speed-up is the ratio of the
// two cases' items_per_second (target: at least 1.8 on 2 cores, docs/performance.md).
#include <benchmark/benchmark.h>

#include <string>

#include "jobsim/sweep/plan.hpp"
#include "jobsim/sweep/replication.hpp"

namespace {

namespace sweep = jobsim::sweep;

void BM_SweepBatchWindow(benchmark::State& state) {
  sweep::SweepPlan plan;
  plan.scenario = std::string(JOBSIM_SOURCE_DIR) + "/scenarios/capacity/nightly-batch-window.yaml";
  plan.seed = 11;
  plan.replications = 40;
  plan.points = sweep::expand_grid({});
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    const auto records = sweep::run_tasks(plan, sweep::Shard{}, threads, {});
    benchmark::DoNotOptimize(records.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(plan.runs()));
}
BENCHMARK(BM_SweepBatchWindow)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
