// The human summary `jobsim run` prints (README.md "The command line"): a Jobs table like `kubectl get jobs`,
// a CronJobs table (docs/outputs.md), a line for Pods, a Resources table, pending times and
// API object peaks. At most ~45 lines.
#include <algorithm>
#include <chrono>
#include <cmath>  // std::llround
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "jobsim/api/resources.hpp"
#include "recorder_state.hpp"

namespace jobsim::report {
namespace {

constexpr std::size_t kMaxCronJobRows = 5;
constexpr std::size_t kMaxNameWidth = 48;

std::string_view outcome_text(JobOutcome outcome) {
  switch (outcome) {
    case JobOutcome::Running: return "Running";
    case JobOutcome::Suspended: return "Suspended";
    case JobOutcome::Complete: return "Complete";
    case JobOutcome::Failed: return "Failed";
  }
  return "";
}

std::size_t name_width(std::size_t longest) { return std::clamp<std::size_t>(longest, 4, kMaxNameWidth); }

// duration_text rounds to milliseconds: microseconds in a table are noise ("44h17m45.457s").
std::string duration_text(engine::Duration duration) {
  return engine::format_duration(std::chrono::round<std::chrono::milliseconds>(duration));
}

// human_memory rounds to one decimal of the largest binary unit ("6.4Mi", "16Gi"): means are
// rarely whole quantities, and api::format_memory would print them in bytes.
std::string human_memory(std::int64_t bytes) {
  static constexpr std::string_view kUnits[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while ((value >= 1024 || value <= -1024) && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  std::string text = fmt::format("{:.1f}", value);
  if (text.ends_with(".0")) text.resize(text.size() - 2);
  return text + std::string(kUnits[unit]);
}

}  // namespace

void RunRecorder::write_text_summary(std::ostream& out) const {
  const State& state = *state_;
  const engine::SimTime end = state.finished ? state.end : state.clock.now();
  std::string text;

  // Object ids start at 1 and are dense per kind: the largest id is the number of Jobs.
  const std::size_t job_count = state.job_id_limit - 1;
  const std::size_t shown_jobs = std::min(job_count, kShownJobs);
  const ShownJob kUnseen{};
  const auto shown = [&](std::size_t id) -> const ShownJob& {
    return id <= state.shown_jobs.size() ? state.shown_jobs[id - 1] : kUnseen;
  };
  fmt::format_to(std::back_inserter(text), "Jobs ({})\n", job_count);
  if (shown_jobs > 0) {
    std::size_t longest_name = 0;
    std::size_t longest_completions = std::string_view("COMPLETIONS").size();
    std::vector<std::string> completions;
    for (std::size_t id = 1; id <= shown_jobs; ++id) {
      const JobRecord& job = shown(id).record;
      longest_name = std::max(longest_name, shown(id).name.size());
      completions.push_back(fmt::format("{}/{}", job.succeeded, job.completions));
      longest_completions = std::max(longest_completions, completions.back().size());
    }
    const std::size_t width = name_width(longest_name);
    fmt::format_to(std::back_inserter(text), "  {:<{}}  {:<9}  {:>{}}  {:>6}  {}\n", "NAME", width, "STATUS",
                   "COMPLETIONS", longest_completions, "FAILED", "DURATION");
    for (std::size_t id = 1; id <= shown_jobs; ++id) {
      const JobRecord& job = shown(id).record;
      fmt::format_to(std::back_inserter(text), "  {:<{}}  {:<9}  {:>{}}  {:>6}  {}\n", shown(id).name, width, outcome_text(job.outcome), completions[id - 1],
                     longest_completions, job.failed, job.duration ? duration_text(*job.duration) : "-");
    }
    if (job_count > shown_jobs) fmt::format_to(std::back_inserter(text), "  ... {} more\n", job_count - shown_jobs);
  }

  if (!state.cron_jobs.empty()) {
    const std::vector<CronJobSummary> partial =
        state.finished ? std::vector<CronJobSummary>{} : state.cron_job_summaries(end);
    const std::vector<CronJobSummary>& summaries = state.finished ? state.cron_summaries : partial;
    const std::size_t shown_rows = std::min(state.cron_jobs.size(), kMaxCronJobRows);
    fmt::format_to(std::back_inserter(text), "CronJobs ({})\n", state.cron_jobs.size());
    std::size_t longest = 0;
    auto name = state.cron_jobs.begin();
    for (std::size_t row = 0; row < shown_rows; ++row, ++name) longest = std::max(longest, name->first.size());
    const std::size_t width = name_width(longest);
    fmt::format_to(std::back_inserter(text), "  {:<{}}  SCHEDULES  CREATED  SKIPPED  MISSED  REPLACED  MAX-CONCURRENT  {}\n",
                   "NAME", width, "START-DELAY-P95");
    name = state.cron_jobs.begin();
    for (std::size_t row = 0; row < shown_rows; ++row, ++name) {
      const CronJobSummary& cron_job = summaries[row];
      const std::string delay =
          cron_job.start_delays.empty() ? "-" : duration_text(cron_job.start_delays.nearest_rank(95));
      fmt::format_to(std::back_inserter(text), "  {:<{}}  {:>9}  {:>7}  {:>7}  {:>6}  {:>8}  {:>14}  {}\n", name->first,
                     width, cron_job.schedules, cron_job.jobs_created, cron_job.skipped, cron_job.missed,
                     cron_job.replaced, cron_job.max_concurrent_jobs, delay);
    }
    if (state.cron_jobs.size() > shown_rows) {
      fmt::format_to(std::back_inserter(text), "  ... {} more\n", state.cron_jobs.size() - shown_rows);
    }
  }

  const TimeSeries& series = state.series;
  fmt::format_to(std::back_inserter(text),
                 "Pods: {} created, {} succeeded, {} failed; peak {} running, {} pending, {} retained; "
                 "{} retained at end\n",
                 state.pods_created, state.pods_succeeded, state.pods_failed, series.peak_running(),
                 series.peak_pending(), series.peak_retained(), series.counts().retained());
  // Resources: allocatable against requested (peak, time-weighted mean and p95) and used.
  std::int64_t allocatable_cpu_m = 0;
  std::int64_t allocatable_memory_bytes = 0;
  for (const NodeUsage& usage : series.nodes()) {
    allocatable_cpu_m += usage.allocatable_cpu_m;
    allocatable_memory_bytes += usage.allocatable_memory_bytes;
  }
  const auto cpu = [](std::int64_t millis) { return api::format_cpu(millis); };
  const auto row = [&](std::string_view name, const Gauge& requested, const Gauge& used, std::int64_t allocatable,
                       auto&& format) {
    fmt::format_to(std::back_inserter(text), "  {:<6}  {:>11}  {:>8}  {:>8}  {:>8}  {:>9}  {:>9}\n", name,
                   format(allocatable), format(requested.peak()),
                   format(std::llround(requested.mean(state.start, end))),
                   format(requested.percentile(95, end)), format(used.peak()),
                   format(std::llround(used.mean(state.start, end))));
  };
  fmt::format_to(std::back_inserter(text), "Resources ({} node{})\n", series.counts().nodes,
                 series.counts().nodes == 1 ? "" : "s");
  fmt::format_to(std::back_inserter(text), "  {:<6}  {:>11}  {:>8}  {:>8}  {:>8}  {:>9}  {:>9}\n", "", "ALLOCATABLE",
                 "REQ-PEAK", "REQ-MEAN", "REQ-P95", "USED-PEAK", "USED-MEAN");
  row("cpu", series.cpu_m(), series.used_cpu_m(), allocatable_cpu_m, cpu);
  row("memory", series.memory_bytes(), series.used_memory_bytes(), allocatable_memory_bytes, human_memory);

  // Pending time: creation to binding (docs/outputs.md), open waits included only at finish.
  // Sorted at finish; before it (a partial report), a sorted copy.
  DurationSamples partial;
  if (!state.finished) {
    partial = state.pending.waits;
    partial.sort();
  }
  const DurationSamples& waits = state.finished ? state.pending.waits : partial;
  if (waits.empty()) {
    text += "Pending time: no pod waited for a node\n";
  } else {
    fmt::format_to(std::back_inserter(text),
                   "Pending time of {} pods: p50 {}, p95 {}, max {}; {} deleted while pending, {} pending at end\n",
                   waits.size(), duration_text(waits.nearest_rank(50)), duration_text(waits.nearest_rank(95)),
                   duration_text(waits.max()), state.pending.deleted_while_pending, state.pending.pending_at_end);
  }
  fmt::format_to(std::back_inserter(text),
                 "API objects: peak {} pods, {} Jobs, {} CronJobs, {} Nodes; peak {} finished Jobs retained; "
                 "{} Events\n",
                 series.peak_pods().value, series.peak_jobs().value, series.peak_cron_jobs().value,
                 series.peak_nodes().value, series.peak_retained_jobs().value, series.counts().events);
  out << text;
}

}  // namespace jobsim::report
