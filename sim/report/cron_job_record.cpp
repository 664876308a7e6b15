// summarize_cron_job: walks each CronJob's schedule over the spans in which it existed and
// classifies every activation (docs/outputs.md): a Job carries its scheduled time; else it was
// skipped when the controller said JobAlreadyActive before the next activation (Forbid); else
// it was missed (past startingDeadlineSeconds, during a controller outage, or one of several
// missed times of which upstream starts only the most recent).
#include "cron_job_record.hpp"

#include <algorithm>

#include "jobsim/cron/schedule.hpp"

namespace jobsim::report {
namespace {

using engine::SimTime;

// A microsecond before `t`: Next(just_before(t)) is the first activation at or after `t` for
// calendar schedules (robfig's Next starts at the next whole second after its argument).
SimTime just_before(SimTime t) { return t - std::chrono::microseconds(1); }

struct Walk {
  const CronJobRecord& record;
  const std::vector<SimTime>& scheduled;  // ascending
  const SimTime end;
  CronJobSummary& out;

  // counts: `t` lies in the segment and its sync falls within the run.
  bool counts(SimTime t, const CronSegment& segment) const {
    return (!segment.to || t < *segment.to) && t + kActivationSyncDelay <= end;
  }

  void classify(SimTime t, std::optional<SimTime> next) {
    ++out.schedules;
    if (std::ranges::binary_search(scheduled, t)) return;
    const auto event = std::ranges::lower_bound(record.already_active, t);
    if (event != record.already_active.end() && (!next || *event < *next)) {
      ++out.skipped;
    } else {
      ++out.missed;
    }
  }

  // chain walks Next over segments [first, last) that share one schedule. Next is strictly
  // increasing and the walk stops at the end of the run, so it terminates; a schedule that
  // never fires returns kZeroTime, which ends it too.
  void chain(std::size_t first, std::size_t last, const cron::TimeZone& local) {
    const cron::ParseResult parsed = cron::Schedule::parse_standard(record.segments[first].spec);
    if (!parsed.schedule) return;  // the controller records UnparseableSchedule and never runs it
    const cron::Schedule& schedule = *parsed.schedule;
    // next returns nullopt for "no further activation" (kZeroTime, or no progress).
    const auto next = [&](SimTime from) -> std::optional<SimTime> {
      const SimTime t = schedule.next(from, local);
      if (t == cron::kZeroTime || t <= from) return std::nullopt;
      return t;
    };
    std::optional<SimTime> t = next(record.segments[first].from);
    for (std::size_t i = first; i < last && t && *t + kActivationSyncDelay <= end; ++i) {
      const CronSegment& segment = record.segments[i];
      if (!segment.scheduling) {
        if (!segment.to) return;
        if (!schedule.is_every()) {
          // Jump over the pause: calendar activations do not depend on where the walk starts.
          if (*t < *segment.to) t = next(just_before(*segment.to));
        } else {
          // @every counts from the chain's start (the controller's lastScheduleTime or
          // creationTimestamp), so the pause is walked through.
          while (t && *t < *segment.to) t = next(*t);
        }
        continue;
      }
      while (t && counts(*t, segment)) {
        const std::optional<SimTime> after = next(*t);
        classify(*t, after);
        t = after;
      }
    }
  }
};

}  // namespace

void CronJobRecord::change_unfinished(SimTime now, std::int32_t delta) {
  if (now != unfinished_since) {
    peak_unfinished = std::max(peak_unfinished, unfinished);  // the value at the end of that instant
    unfinished_since = now;
  }
  unfinished += delta;
}

CronJobSummary summarize_cron_job(const CronJobRecord& record, SimTime end, const cron::TimeZone& local) {
  CronJobSummary out;
  out.jobs_created = record.jobs_created;
  out.replaced = record.replaced;
  out.max_concurrent_jobs = record.max_concurrent();
  out.start_delays = record.start_delays;
  out.start_delays.sort();

  std::vector<SimTime> scheduled = record.scheduled_times;
  std::ranges::sort(scheduled);
  Walk walk{record, scheduled, end, out};
  for (std::size_t first = 0; first < record.segments.size();) {
    std::size_t last = first + 1;
    while (last < record.segments.size() && !record.segments[last].starts_chain) ++last;
    walk.chain(first, last, local);
    first = last;
  }
  return out;
}

}  // namespace jobsim::report
