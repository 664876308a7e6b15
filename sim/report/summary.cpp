// summary.json (SPEC.md 4): totals, peaks and percentiles of one run. nlohmann::ordered_json
// keeps keys in insertion order, so the file is byte-identical for identical runs.
#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>

#include "recorder_state.hpp"

namespace jobsim::report {
namespace {

using Json = nlohmann::ordered_json;

Json duration_percentiles(const std::vector<engine::Duration>& sorted) {
  Json out = Json::object();
  for (const auto& [key, p] : {std::pair{"p50", 50}, {"p90", 90}, {"p95", 95}, {"p99", 99}, {"max", 100}}) {
    out[key] = sorted.empty() ? Json(nullptr) : Json(engine::to_seconds(nearest_rank(sorted, p)));
  }
  return out;
}

Json gauge_json(const Gauge& gauge, engine::SimTime start, engine::SimTime end) {
  return Json{{"peak", gauge.peak()}, {"mean", gauge.mean(start, end)}};
}

Json resources_json(const TimeSeries& series, engine::SimTime start, engine::SimTime end) {
  // Nodes by name: the order the API server saw them in is deterministic too, but a sorted
  // list is what a reader looks for.
  std::vector<const NodeUsage*> nodes;
  for (const NodeUsage& usage : series.nodes()) nodes.push_back(&usage);
  std::ranges::sort(nodes, {}, &NodeUsage::name);

  Json capacity_nodes = Json::object();
  Json requested_nodes = Json::object();
  std::int64_t capacity_cpu_m = 0;
  std::int64_t capacity_memory_bytes = 0;
  for (const NodeUsage* usage : nodes) {
    capacity_cpu_m += usage->capacity_cpu_m;
    capacity_memory_bytes += usage->capacity_memory_bytes;
    capacity_nodes[usage->name] = {{"cpuMillis", usage->capacity_cpu_m},
                                   {"memoryBytes", usage->capacity_memory_bytes}};
    requested_nodes[usage->name] = {{"cpuMillis", gauge_json(usage->cpu_m, start, end)},
                                    {"memoryBytes", gauge_json(usage->memory_bytes, start, end)}};
  }
  Json capacity = {{"cpuMillis", capacity_cpu_m}, {"memoryBytes", capacity_memory_bytes}};
  capacity["nodes"] = std::move(capacity_nodes);
  Json requested = {{"cpuMillis", gauge_json(series.cpu_m(), start, end)},
                    {"memoryBytes", gauge_json(series.memory_bytes(), start, end)}};
  requested["nodes"] = std::move(requested_nodes);
  return Json{{"capacity", std::move(capacity)}, {"requested", std::move(requested)}};
}

// expectations_json: one object per `expect:` entry, in file order (empty before finish).
Json expectations_json(const ExpectationChecker& checker) {
  Json out = Json::array();
  for (const ExpectationResult& result : checker.results()) {
    const ExpectationSpec& spec = checker.specs()[result.index];
    Json entry = {{"index", result.index}, {"expect", spec.text}, {"location", spec.location}};
    if (!spec.description.empty()) entry["description"] = spec.description;
    entry["passed"] = result.passed;
    entry["observed"] = result.observed;
    if (spec.min) entry["min"] = *spec.min;
    if (spec.max) entry["max"] = *spec.max;
    if (spec.equals) entry["equals"] = *spec.equals;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

void RunRecorder::write_summary_json(std::ostream& out) const {
  const State& state = *state_;
  // Before finish (a partial report), the summary covers the run up to now.
  const engine::SimTime end = state.finished ? state.end : state.clock.now();
  std::vector<engine::Duration> unsorted;
  if (!state.finished) {
    unsorted = state.job_durations;
    std::ranges::sort(unsorted);
  }
  const std::vector<engine::Duration>& durations = state.finished ? state.job_durations : unsorted;

  Json summary = Json::object();
  Json failed = Json::object();
  for (const auto& [reason, count] : state.jobs_failed) failed[reason] = count;
  summary["jobs"] = {{"created", state.jobs_created},
                     {"succeeded", state.jobs_succeeded},
                     {"failed", std::move(failed)},
                     {"duration", duration_percentiles(durations)}};

  const TimeSeries& series = state.series;
  summary["pods"] = {{"created", state.pods_created},
                     {"succeeded", state.pods_succeeded},
                     {"failed", state.pods_failed},
                     {"peakRunning", series.peak_running()},
                     {"peakPending", series.peak_pending()},
                     {"peakRetained", series.peak_retained()},
                     {"retainedAtEnd", series.counts().retained()}};

  // Per CronJob, by name (docs/outputs.md defines each count).
  const std::vector<CronJobSummary> partial =
      state.finished ? std::vector<CronJobSummary>{} : state.cron_job_summaries(end);
  auto cron_summary = (state.finished ? state.cron_summaries : partial).begin();
  Json cron_jobs = Json::object();
  for (const auto& [name, record] : state.cron_jobs) {
    const CronJobSummary& cron_job = *cron_summary++;
    cron_jobs[name] = {{"schedules", cron_job.schedules},
                       {"jobsCreated", cron_job.jobs_created},
                       {"missed", cron_job.missed},
                       {"skipped", cron_job.skipped},
                       {"replaced", cron_job.replaced},
                       {"maxConcurrentJobs", cron_job.max_concurrent_jobs},
                       {"startDelay", duration_percentiles(cron_job.start_delays)}};
  }
  summary["cronJobs"] = std::move(cron_jobs);

  summary["resources"] = resources_json(series, state.start, end);

  Json engine_stats = {{"eventsProcessed", state.stats.events_processed}};
  if (state.stats.wall_seconds) engine_stats["wallSeconds"] = *state.stats.wall_seconds;
  summary["engine"] = std::move(engine_stats);
  summary["expectations"] = expectations_json(*expectations_);

  // replace: a name with invalid UTF-8 must not abort the report.
  out << summary.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace jobsim::report
