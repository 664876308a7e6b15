// summary.json (docs/outputs.md): totals, peaks and percentiles of one run. nlohmann::ordered_json
// keeps keys in insertion order, so the file is byte-identical for identical runs.
#include <algorithm>
#include <cmath>  // std::round
#include <ostream>

#include <nlohmann/json.hpp>

#include "recorder_state.hpp"

namespace jobsim::report {
namespace {

using Json = nlohmann::ordered_json;

Json duration_percentiles(const DurationSamples& sorted) {
  Json out = Json::object();
  for (const auto& [key, p] : {std::pair{"p50", 50}, {"p90", 90}, {"p95", 95}, {"p99", 99}, {"max", 100}}) {
    out[key] = sorted.empty() ? Json(nullptr) : Json(engine::to_seconds(sorted.nearest_rank(p)));
  }
  return out;
}

// gauge_json: peak (at an instant's end), mean and p95, both weighted by time.
Json gauge_json(const Gauge& gauge, engine::SimTime start, engine::SimTime end) {
  return Json{{"peak", gauge.peak()}, {"mean", gauge.mean(start, end)}, {"p95", gauge.percentile(95, end)}};
}

// ratio: part of `allocatable`, to four decimals (null without allocatable).
Json ratio(double value, std::int64_t allocatable) {
  if (allocatable <= 0) return nullptr;
  return std::round(value / static_cast<double>(allocatable) * 1e4) / 1e4;
}

Json utilization_json(const Gauge& requested, const Gauge& used, std::int64_t allocatable, engine::SimTime start,
                      engine::SimTime end) {
  return Json{{"requestedMean", ratio(requested.mean(start, end), allocatable)},
              {"requestedPeak", ratio(static_cast<double>(requested.peak()), allocatable)},
              {"usedMean", ratio(used.mean(start, end), allocatable)},
              {"usedPeak", ratio(static_cast<double>(used.peak()), allocatable)}};
}

Json resource_list(std::int64_t cpu_m, std::int64_t memory_bytes, std::int64_t pods) {
  return Json{{"cpuMillis", cpu_m}, {"memoryBytes", memory_bytes}, {"pods", pods}};
}

Json peak_json(const Peak& peak, std::int64_t at_end, bool with_time) {
  Json out = {{"peak", peak.value}};
  if (with_time) out["peakAt"] = peak.value > 0 ? Json(engine::to_rfc3339_millis(peak.at)) : Json(nullptr);
  out["atEnd"] = at_end;
  return out;
}

Json pending_json(const PendingTimes& pending) {
  Json out = {{"count", pending.waits.size()},
              {"bound", pending.bound},
              {"deletedWhilePending", pending.deleted_while_pending},
              {"finishedWhilePending", pending.finished_while_pending},
              {"pendingAtEnd", pending.pending_at_end}};
  out.update(duration_percentiles(pending.waits));
  return out;
}

Json resources_json(const TimeSeries& series, const PendingTimes& pending, engine::SimTime start,
                    engine::SimTime end) {
  // Nodes by name: the order the API server saw them in is deterministic too, but a sorted
  // list is what a reader looks for.
  std::vector<const NodeUsage*> nodes;
  for (const NodeUsage& usage : series.nodes()) nodes.push_back(&usage);
  std::ranges::sort(nodes, {}, &NodeUsage::name);

  Json capacity_nodes = Json::object();
  Json allocatable_nodes = Json::object();
  Json requested_nodes = Json::object();
  Json used_nodes = Json::object();
  Json utilization_nodes = Json::object();
  std::int64_t capacity_cpu_m = 0, capacity_memory_bytes = 0, capacity_pods = 0;
  std::int64_t allocatable_cpu_m = 0, allocatable_memory_bytes = 0, allocatable_pods = 0;
  for (const NodeUsage* usage : nodes) {
    capacity_cpu_m += usage->capacity_cpu_m;
    capacity_memory_bytes += usage->capacity_memory_bytes;
    capacity_pods += usage->capacity_pods;
    allocatable_cpu_m += usage->allocatable_cpu_m;
    allocatable_memory_bytes += usage->allocatable_memory_bytes;
    allocatable_pods += usage->allocatable_pods;
    capacity_nodes[usage->name] =
        resource_list(usage->capacity_cpu_m, usage->capacity_memory_bytes, usage->capacity_pods);
    allocatable_nodes[usage->name] =
        resource_list(usage->allocatable_cpu_m, usage->allocatable_memory_bytes, usage->allocatable_pods);
    requested_nodes[usage->name] = {{"cpuMillis", gauge_json(usage->cpu_m, start, end)},
                                    {"memoryBytes", gauge_json(usage->memory_bytes, start, end)}};
    used_nodes[usage->name] = {{"cpuMillis", gauge_json(usage->used_cpu_m, start, end)},
                               {"memoryBytes", gauge_json(usage->used_memory_bytes, start, end)}};
    utilization_nodes[usage->name] = {
        {"cpu", utilization_json(usage->cpu_m, usage->used_cpu_m, usage->allocatable_cpu_m, start, end)},
        {"memory", utilization_json(usage->memory_bytes, usage->used_memory_bytes, usage->allocatable_memory_bytes,
                                    start, end)}};
  }
  Json capacity = resource_list(capacity_cpu_m, capacity_memory_bytes, capacity_pods);
  capacity["nodes"] = std::move(capacity_nodes);
  Json allocatable = resource_list(allocatable_cpu_m, allocatable_memory_bytes, allocatable_pods);
  allocatable["nodes"] = std::move(allocatable_nodes);
  Json requested = {{"cpuMillis", gauge_json(series.cpu_m(), start, end)},
                    {"memoryBytes", gauge_json(series.memory_bytes(), start, end)}};
  requested["nodes"] = std::move(requested_nodes);
  Json used = {{"cpuMillis", gauge_json(series.used_cpu_m(), start, end)},
               {"memoryBytes", gauge_json(series.used_memory_bytes(), start, end)}};
  used["nodes"] = std::move(used_nodes);
  Json utilization = {
      {"cpu", utilization_json(series.cpu_m(), series.used_cpu_m(), allocatable_cpu_m, start, end)},
      {"memory", utilization_json(series.memory_bytes(), series.used_memory_bytes(), allocatable_memory_bytes, start,
                                  end)}};
  utilization["nodes"] = std::move(utilization_nodes);

  const Counts& at_end = series.counts();
  Json api_objects = {{"pods", peak_json(series.peak_pods(), at_end.pods, false)},
                      {"jobs", peak_json(series.peak_jobs(), at_end.jobs, false)},
                      {"cronJobs", peak_json(series.peak_cron_jobs(), at_end.cronjobs, false)},
                      {"nodes", peak_json(series.peak_nodes(), at_end.nodes, false)},
                      {"eventsRecorded", at_end.events}};
  Json retained = {{"pods", peak_json(series.peak_retained_pods(), at_end.retained(), true)},
                   {"jobs", peak_json(series.peak_retained_jobs(), at_end.retained_jobs(), true)}};

  return Json{{"capacity", std::move(capacity)},       {"allocatable", std::move(allocatable)},
              {"requested", std::move(requested)},     {"used", std::move(used)},
              {"utilization", std::move(utilization)}, {"pendingTime", pending_json(pending)},
              {"apiObjects", std::move(api_objects)},  {"retained", std::move(retained)}};
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
  DurationSamples unsorted;
  if (!state.finished) {
    unsorted = state.job_durations;
    unsorted.sort();
  }
  const DurationSamples& durations = state.finished ? state.job_durations : unsorted;

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

  // Before finish (a partial report), waits still open are not in the percentiles yet.
  PendingTimes partial_pending;
  if (!state.finished) {
    partial_pending = state.pending;
    partial_pending.waits.sort();
  }
  summary["resources"] = resources_json(series, state.finished ? state.pending : partial_pending, state.start, end);

  Json engine_stats = {{"eventsProcessed", state.stats.events_processed}};
  if (state.stats.wall_seconds) engine_stats["wallSeconds"] = *state.stats.wall_seconds;
  summary["engine"] = std::move(engine_stats);
  summary["expectations"] = expectations_json(*expectations_);

  // replace: a name with invalid UTF-8 must not abort the report.
  out << summary.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace jobsim::report
