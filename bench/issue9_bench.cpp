// Issue #9 benchmarks: the W1 CronJob fleet (bench/scenarios/w1-cronfleet.yaml: 200 CronJobs
// every 5 minutes on 50 nodes) for 1 and 7 days, without and with outputs, and a year of a Job
// per minute without ttlSecondsAfterFinished (bench/scenarios/job-per-minute-year.yaml), each
// loaded as `jobsim run` loads it. Not pass/fail; the figures and the plain-Python model they
// are compared with are in docs/performance.md. Peak RSS is per process, so run one case per
// process to read it:
//
//   build/release/bench/issue9_bench --benchmark_filter='BM_W1/1d'
//   build/release/bench/issue9_bench --benchmark_filter='BM_W1/7d'
//   build/release/bench/issue9_bench --benchmark_filter='BM_W1WithOutputs/7d'
//   build/release/bench/issue9_bench --benchmark_filter='JobPerMinuteYear'
//
// Counters: events (engine events run), jobs and pods (created), peak_rss_mib (the process's
// peak resident set so far, getrusage), retained (Jobs + pods in the store at the end);
// items_per_second is events per wall second.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <ostream>
#include <streambuf>
#include <string>

#include "jobsim/scenario/load.hpp"
#include "jobsim/world/world.hpp"

namespace {

namespace scenario = jobsim::scenario;

// NullBuffer: the outputs are formatted and streamed as with --out, then dropped.
class NullBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void run_scenario(benchmark::State& state, const std::string& file, const std::string& until, bool outputs) {
  scenario::LoadOptions options;
  options.until = until;
  const scenario::Scenario s = scenario::load_scenario(std::string(JOBSIM_SOURCE_DIR "/bench/scenarios/") + file, options);
  std::uint64_t events = 0;
  std::size_t jobs = 0;
  std::size_t pods = 0;
  std::size_t retained = 0;
  for (auto _ : state) {
    jobsim::world::World world(s);
    NullBuffer buffer;
    std::ostream out(&buffer);
    if (outputs) world.recorder().stream_history({.events_jsonl = &out, .timeseries_csv = &out, .nodes_csv = &out});
    world.run_until(s.until);
    if (outputs) world.finish();
    events += world.sim().events_processed();
    jobs = world.api().jobs().id_limit() - 1;  // ids are never reused; 0 is kNoObject
    pods = world.api().pods().id_limit() - 1;
    retained = world.api().jobs().size() + world.api().pods().size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
  state.counters["jobs"] = static_cast<double>(jobs);
  state.counters["pods"] = static_cast<double>(pods);
  state.counters["retained"] = static_cast<double>(retained);
  state.counters["peak_rss_mib"] = peak_rss_mib();
}

void BM_W1(benchmark::State& state, const std::string& until) { run_scenario(state, "w1-cronfleet.yaml", until, false); }
void BM_W1WithOutputs(benchmark::State& state, const std::string& until) {
  run_scenario(state, "w1-cronfleet.yaml", until, true);
}
void BM_JobPerMinuteYear(benchmark::State& state) { run_scenario(state, "job-per-minute-year.yaml", "+365d", false); }

BENCHMARK_CAPTURE(BM_W1, 1d, std::string("+1d"))->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_W1, 7d, std::string("+7d"))->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_W1WithOutputs, 1d, std::string("+1d"))->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_W1WithOutputs, 7d, std::string("+7d"))->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_JobPerMinuteYear)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
