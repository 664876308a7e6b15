// Micro-benchmarks of the CronJob schedule arithmetic that runs on every CronJob sync:
// cron::Schedule::next (robfig SpecSchedule.Next) and most_recent_schedule_time
// (utils.go mostRecentScheduleTime). Not pass/fail; run on demand:
//
//   build/release/bench/cron_schedule_bench
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "jobsim/controllers/cronjob/schedule.hpp"
#include "jobsim/cron/schedule.hpp"
#include "jobsim/cron/time_zone.hpp"
#include "jobsim/engine/time.hpp"

namespace {

namespace cron = jobsim::cron;
namespace engine = jobsim::engine;
using namespace std::chrono_literals;

cron::Schedule parse(const std::string& spec) { return *cron::Schedule::parse_standard(spec).schedule; }

// BM_Next: Next from an instant 100 ms after an activation (what a sync at schedule + 100 ms
// asks), advancing by one activation per iteration.
void BM_Next(benchmark::State& state, const std::string& spec) {
  const cron::Schedule schedule = parse(spec);
  const cron::TimeZone utc = cron::TimeZone::utc();
  engine::SimTime at = *engine::parse_rfc3339("2026-01-01T00:00:00.100Z");
  for (auto _ : state) {
    at = schedule.next(at, utc) + 100ms;
    benchmark::DoNotOptimize(at);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Next, every_5_minutes, std::string("*/5 * * * *"));
BENCHMARK_CAPTURE(BM_Next, weekdays_0230_berlin, std::string("TZ=Europe/Berlin 30 2 * * 1-5"));
BENCHMARK_CAPTURE(BM_Next, yearly, std::string("@yearly"));
BENCHMARK_CAPTURE(BM_Next, every_90m, std::string("@every 90m"));

// BM_MostRecentScheduleTime: a CronJob every 5 minutes whose last schedule was `missed`
// schedules ago (the sync after a controller-manager outage).
void BM_MostRecentScheduleTime(benchmark::State& state) {
  const cron::Schedule schedule = parse("*/5 * * * *");
  const cron::TimeZone utc = cron::TimeZone::utc();
  jobsim::api::CronJob cron_job;
  const engine::SimTime last = *engine::parse_rfc3339("2026-01-01T00:00:00Z");
  cron_job.metadata.edit().creation_timestamp = last;
  cron_job.status.edit().last_schedule_time = last;
  const engine::SimTime now = last + state.range(0) * 5min + 100ms;
  for (auto _ : state) {
    auto result = jobsim::controllers::cronjob::most_recent_schedule_time(cron_job, now, schedule, utc, true);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_MostRecentScheduleTime)->Arg(1)->Arg(100)->Arg(10000);

}  // namespace

BENCHMARK_MAIN();
