// CronJob fleet benchmark (issue #3): bench/scenarios/cronjob-fleet.yaml, 200 CronJobs every
// 5 minutes with Forbid on 50 nodes, loaded as `jobsim run` loads it, for one day and for the
// full 7 days. Not pass/fail; run on demand:
//
//   build/release/bench/cronjob_fleet_bench --benchmark_filter=Fleet/1d
//   build/release/bench/cronjob_fleet_bench                      # both (the 7-day run is long)
//
// Counters: events (engine events run), jobs (Jobs created), pods (pods created), sim_days;
// items_per_second is events per wall second.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "jobsim/scenario/load.hpp"
#include "jobsim/world/world.hpp"

namespace {

namespace scenario = jobsim::scenario;

void BM_Fleet(benchmark::State& state, const std::string& until) {
  scenario::LoadOptions options;
  options.until = until;
  const scenario::Scenario s = scenario::load_scenario(JOBSIM_SOURCE_DIR "/bench/scenarios/cronjob-fleet.yaml", options);
  std::uint64_t events = 0;
  std::size_t jobs = 0;
  std::size_t pods = 0;
  for (auto _ : state) {
    jobsim::world::World world(s);
    world.run_until(s.until);
    events += world.sim().events_processed();
    jobs = world.api().jobs().id_limit() - 1;  // ids are never reused; 0 is kNoObject
    pods = world.api().pods().id_limit() - 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
  state.counters["jobs"] = static_cast<double>(jobs);
  state.counters["pods"] = static_cast<double>(pods);
  state.counters["sim_days"] = std::chrono::duration<double>(s.until - s.start).count() / 86400.0;
}

BENCHMARK_CAPTURE(BM_Fleet, 1d, std::string("+1d"))->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_Fleet, 7d, std::string("+7d"))->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
