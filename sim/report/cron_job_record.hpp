// CronJobRecord: what the recorder keeps per CronJob name for the per-CronJob section of
// summary.json (docs/outputs.md), and summarize_cron_job, which turns it into the reported
// numbers. Private to the report layer.
//
// The schedule's activations are not recorded as they happen (nothing in the model marks them):
// the record keeps the spans during which the CronJob existed with a given schedule and
// suspend state, and walks cron::Schedule::next over them. Each activation is classified
// (docs/outputs.md): a Job carries its scheduled time; else it was skipped when the controller
// said JobAlreadyActive before the next activation (Forbid); else it was missed.
//
// The walk runs online, as the run goes (issue #9: keeping every Job's scheduled time and every
// JobAlreadyActive Event made the record grow with the length of the run). An activation T is
// settled once the clock reaches the next one, Next(T): the controller creates a Job for T only
// while T is its most recent schedule time, so before Next(T), and the Events that can skip T
// are those before Next(T). Only the scheduled times and Events after the last settled
// activation are kept. As insurance, a Job that names an activation already settled as missed
// or skipped (a hand-made Job, say) still turns it into a Job's: the settled activations without
// a Job are kept for that, so what grows with the run is one time per missed or skipped one.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "duration_samples.hpp"
#include "jobsim/cron/schedule.hpp"
#include "jobsim/cron/time_zone.hpp"
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

// CronCounts: the activations classified so far.
struct CronCounts {
  std::int64_t schedules = 0;
  std::int64_t missed = 0;
  std::int64_t skipped = 0;
};

// CronWalk: where the walk over a record's segments stands (copyable: a summary before the end
// of the run walks a copy to the end).
struct CronWalk {
  enum class Phase : std::uint8_t { StartChain, Walking, ChainDone, Done };
  Phase phase = Phase::StartChain;
  std::size_t chain_first = 0;          // first segment of the chain being walked
  std::size_t segment = 0;              // segment of `next`
  std::optional<engine::SimTime> next;  // the next activation to classify; nullopt: none
  // Next(next), once computed: online, every Job and Event asks whether `next` is settled yet.
  std::optional<engine::SimTime> after;
  bool after_known = false;
  std::optional<cron::Schedule> schedule;
  CronCounts counts;
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

  DurationSamples start_delays;      // Job creationTimestamp - scheduled time
  std::vector<CronSegment> segments;  // every incarnation's, in time order

  // add_scheduled: a Job of this CronJob carries scheduled time `t`; add_already_active: the
  // controller recorded JobAlreadyActive at `t` (now). `now` settles what it can first.
  void add_scheduled(engine::SimTime now, engine::SimTime t, const cron::TimeZone& local);
  void add_already_active(engine::SimTime now, engine::SimTime t, const cron::TimeZone& local);
  // settle classifies the activations whose Next is at or before `now`.
  void settle(engine::SimTime now, const cron::TimeZone& local);

  // The online walk and what it still needs (cron_job_record.cpp).
  CronWalk walk;
  std::optional<engine::SimTime> last_settled;  // the last activation classified by settle
  std::set<engine::SimTime> scheduled;           // Jobs' scheduled times after last_settled
  // JobAlreadyActive times after last_settled, ascending: one or two (a vector, not a deque,
  // whose first block alone is 512 bytes per CronJob).
  std::vector<engine::SimTime> already_active;
  std::vector<engine::SimTime> settled_missed;   // ascending
  std::vector<engine::SimTime> settled_skipped;  // ascending
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

// summarize_cron_job: the counts of `record` for a run that ends at `end` (now or later: the
// walk of a copy goes on from where the online walk stands). `local` is the controller's zone
// (cluster.timeZone), used by schedules without a TZ= prefix. The rvalue overload moves the
// start delays out of the record (at the end of the run) instead of copying them.
CronJobSummary summarize_cron_job(const CronJobRecord& record, engine::SimTime end, const cron::TimeZone& local);
CronJobSummary summarize_cron_job(CronJobRecord&& record, engine::SimTime end, const cron::TimeZone& local);

}  // namespace jobsim::report
