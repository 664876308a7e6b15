// Node failures benchmark (issue #4): bench/scenarios/node-failures-year.yaml, a year of 12
// CronJobs starting parallel Jobs every 2 hours on 20 nodes that fail at random
// (nodeFailures mtbf 72h, mttr 20m): node lifecycle ticks, taint evictions, reboots and the
// usage signal on top of the CronJob/Job/TTL path. Loaded as `jobsim run` loads it, with the
// report attached (World always has one). Not pass/fail; run on demand:
//
//   build/release/bench/node_failures_bench --benchmark_filter=Year/30d
//   build/release/bench/node_failures_bench                        # 30 days and the full year
//
// Counters: events (engine events run), jobs and pods created, evictions (pods deleted by the
// taint eviction controller), sim_days; items_per_second is events per wall second.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "jobsim/scenario/load.hpp"
#include "jobsim/world/world.hpp"

namespace {

namespace scenario = jobsim::scenario;

void BM_NodeFailures(benchmark::State& state, const std::string& until) {
  scenario::LoadOptions options;
  options.until = until;
  const scenario::Scenario s =
      scenario::load_scenario(JOBSIM_SOURCE_DIR "/bench/scenarios/node-failures-year.yaml", options);
  std::uint64_t events = 0;
  std::size_t jobs = 0;
  std::size_t pods = 0;
  std::size_t evictions = 0;
  for (auto _ : state) {
    jobsim::world::World world(s);
    std::size_t evicted = 0;
    world.events().connect([&evicted](const jobsim::api::Event& event) {
      if (event.reason == "TaintManagerEviction" && event.message.str().starts_with("Marking")) ++evicted;
    });
    world.run_until(s.until);
    events += world.sim().events_processed();
    jobs = world.api().jobs().id_limit() - 1;  // ids are never reused; 0 is kNoObject
    pods = world.api().pods().id_limit() - 1;
    evictions = evicted;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
  state.counters["jobs"] = static_cast<double>(jobs);
  state.counters["pods"] = static_cast<double>(pods);
  state.counters["evictions"] = static_cast<double>(evictions);
  state.counters["sim_days"] = std::chrono::duration<double>(s.until - s.start).count() / 86400.0;
}

BENCHMARK_CAPTURE(BM_NodeFailures, Year/30d, std::string("+30d"))->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_NodeFailures, Year/365d, std::string("+365d"))->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
