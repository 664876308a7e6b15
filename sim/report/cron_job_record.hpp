// CronJobRecord: what the recorder keeps per CronJob name for the per-CronJob section of
// summary.json (docs/outputs.md; definitions in docs/outputs.md), and summarize_cron_job, which turns
// it into the reported numbers at the end of a run. Private to the report layer.
//
// The schedule's activations are not recorded as they happen (nothing in the model marks them):
// the record keeps the spans during which the CronJob existed with a given schedule and
// suspend state, and summarize_cron_job walks cron::Schedule::next over them once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/cron/time_zone.hpp"
#include "duration_samples.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::report {

// CronSegment is a span of one CronJob's life with one schedule and one scheduling state.
struct CronSegment {
  engine::SimTime from{};
  std::optional<engine::SimTime> to;  // open while it is the current state
  // spec is what the controller hands the cron parser (formatSchedule: "TZ=<zone> <schedule>",
  // or the schedule as is when it carries its own TZ= prefix or there is no spec.timeZone).
  std::string spec;
  // scheduling: the CronJob is not suspended and not being deleted, so the controller acts on
  // the schedule's activations.
  bool scheduling = false;
  // starts_chain: the walk of Next starts afresh here (creation or a new schedule); otherwise
  // it continues from the previous segment (a suspend or resume keeps the schedule).
  bool starts_chain = true;
};

struct CronJobRecord {
  std::int64_t jobs_created = 0;  // Jobs whose controller owner is this CronJob
  std::int64_t replaced = 0;      // unfinished Jobs the CronJob controller deleted (Replace)

  // Unfinished Jobs existing now, and their peak at the end of the instants before
  // `unfinished_since` (the instant of the last change): settled like Gauge::settle.
  std::int32_t unfinished = 0;
  std::int32_t peak_unfinished = 0;
  engine::SimTime unfinished_since{};
  void change_unfinished(engine::SimTime now, std::int32_t delta);
  std::int32_t max_concurrent() const { return unfinished > peak_unfinished ? unfinished : peak_unfinished; }

  DurationSamples start_delays;                  // Job creationTimestamp - scheduled time
  std::vector<engine::SimTime> scheduled_times;  // scheduled-timestamp annotation of its Jobs
  std::vector<engine::SimTime> already_active;   // JobAlreadyActive Events, in time order
  std::vector<CronSegment> segments;             // every incarnation's, in time order
};

// CronJobSummary is one entry of summary.json's `cronJobs`.
struct CronJobSummary {
  std::int64_t schedules = 0;
  std::int64_t jobs_created = 0;
  std::int64_t missed = 0;
  std::int64_t skipped = 0;
  std::int64_t replaced = 0;
  std::int32_t max_concurrent_jobs = 0;
  DurationSamples start_delays;  // sorted
};

// kActivationSyncDelay: the controller syncs an activation T at T + 100 ms (nextScheduleDelta,
// pkg/controller/cronjob/cronjob_controllerv2.go); an activation whose sync would fall after
// the end of the run is not counted (it could not have had a Job yet).
inline constexpr engine::Duration kActivationSyncDelay = std::chrono::milliseconds(100);

// summarize_cron_job: the counts of `record` for a run that ends at `end`. `local` is the
// controller's zone (cluster.timeZone), used by schedules without a TZ= prefix.
CronJobSummary summarize_cron_job(const CronJobRecord& record, engine::SimTime end, const cron::TimeZone& local);

}  // namespace jobsim::report
