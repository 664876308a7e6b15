// The walk of each CronJob's schedule over the spans in which it existed, classifying every
// activation (docs/outputs.md): a Job carries its scheduled time; else it was skipped when the
// controller said JobAlreadyActive before the next activation (Forbid); else it was missed
// (past startingDeadlineSeconds, during a controller outage, or one of several missed times of
// which upstream starts only the most recent). One walk serves both the online settling and the
// summary at the end (cron_job_record.hpp).
#include "cron_job_record.hpp"

#include <algorithm>

namespace jobsim::report {
namespace {

using engine::SimTime;
using Phase = CronWalk::Phase;

// A microsecond before `t`: Next(just_before(t)) is the first activation at or after `t` for
// calendar schedules (robfig's Next starts at the next whole second after its argument).
SimTime just_before(SimTime t) { return t - std::chrono::microseconds(1); }

// next_of returns nullopt for "no further activation" (kZeroTime, or no progress): Next is
// strictly increasing, so a walk that stops at a bound terminates.
std::optional<SimTime> next_of(const cron::Schedule& schedule, SimTime from, const cron::TimeZone& local) {
  const SimTime t = schedule.next(from, local);
  if (t == cron::kZeroTime || t <= from) return std::nullopt;
  return t;
}

void set_next(CronWalk& walk, std::optional<SimTime> next) {
  walk.next = next;
  walk.after_known = false;
}

enum class Outcome : std::uint8_t { Job, Skipped, Missed };

// Walker moves a CronWalk along the segments. Online (`final` false), `limit` is now: it
// classifies an activation only once the clock reached the next one, and stops where it would
// need the future. Final, `limit` is the end of the run and it walks to it, as if the run ended
// there with what is known now.
struct Walker {
  const std::vector<CronSegment>& segments;
  const cron::TimeZone& local;
  const std::set<SimTime>& scheduled;
  const std::vector<SimTime>& already_active;  // ascending
  bool final = false;
  SimTime limit{};

  Outcome classify(SimTime t, std::optional<SimTime> after) const {
    if (scheduled.contains(t)) return Outcome::Job;
    const auto event = std::ranges::lower_bound(already_active, t);
    return event != already_active.end() && (!after || *event < *after) ? Outcome::Skipped : Outcome::Missed;
  }

  // run returns when the walk is done or (online) must wait; `classified(t, outcome)` is called
  // for each activation in order.
  template <class Classified>
  void run(CronWalk& walk, Classified&& classified) const {
    while (true) {
      switch (walk.phase) {
        case Phase::Done: return;
        case Phase::StartChain: {
          if (walk.chain_first >= segments.size()) return;
          cron::ParseResult parsed = cron::Schedule::parse_standard(segments[walk.chain_first].spec);
          if (!parsed.schedule) {  // the controller records UnparseableSchedule and never runs it
            walk.phase = Phase::ChainDone;
            break;
          }
          walk.schedule = std::move(*parsed.schedule);
          walk.segment = walk.chain_first;
          set_next(walk, next_of(*walk.schedule, segments[walk.chain_first].from, local));
          walk.phase = Phase::Walking;
          break;
        }
        case Phase::ChainDone: {
          std::size_t first = walk.chain_first + 1;
          while (first < segments.size() && !segments[first].starts_chain) ++first;
          if (first >= segments.size()) return;  // online, a later chain may still come
          walk.chain_first = first;
          walk.schedule.reset();
          walk.phase = Phase::StartChain;
          break;
        }
        case Phase::Walking:
          if (!step(walk, classified)) return;
          break;
      }
    }
  }

  // step takes one step of the chain being walked; false: wait for the future (online).
  template <class Classified>
  bool step(CronWalk& walk, Classified& classified) const {
    if (!walk.next || (final && *walk.next + kActivationSyncDelay > limit)) {
      walk.phase = Phase::ChainDone;  // no further activation, or the rest falls after the end
      return true;
    }
    if (walk.segment >= segments.size()) return false;  // the chain's current span is the last
    if (walk.segment > walk.chain_first && segments[walk.segment].starts_chain) {
      walk.phase = Phase::ChainDone;
      return true;
    }
    const CronSegment& segment = segments[walk.segment];
    const cron::Schedule& schedule = *walk.schedule;
    SimTime t = *walk.next;
    if (!segment.scheduling) {
      if (!segment.to) {
        if (!final) return false;  // paused now: the resume, if any, continues the chain
        walk.phase = Phase::ChainDone;
        return true;
      }
      if (!schedule.is_every()) {
        // Jump over the pause: calendar activations do not depend on where the walk starts.
        if (t < *segment.to) set_next(walk, next_of(schedule, just_before(*segment.to), local));
      } else {
        // @every counts from the chain's start (the controller's lastScheduleTime or
        // creationTimestamp), so the pause is walked through.
        while (walk.next && *walk.next < *segment.to) set_next(walk, next_of(schedule, *walk.next, local));
      }
      ++walk.segment;
      return true;
    }
    if (segment.to && t >= *segment.to) {
      ++walk.segment;
      return true;
    }
    // Online, an open span ends at or after now, so `t` lies in it once the clock passed it.
    if (!walk.after_known) {
      walk.after = next_of(schedule, t, local);
      walk.after_known = true;
    }
    const std::optional<SimTime> after = walk.after;
    if (!final && (!after || limit < *after)) return false;  // Jobs and Events for `t` may still come
    ++walk.counts.schedules;
    const Outcome outcome = classify(t, after);
    if (outcome == Outcome::Skipped) ++walk.counts.skipped;
    if (outcome == Outcome::Missed) ++walk.counts.missed;
    classified(t, outcome);
    set_next(walk, after);
    return true;
  }
};

// erase_sorted removes `t` from ascending `times`; false if it is not there.
bool erase_sorted(std::vector<SimTime>& times, SimTime t) {
  const auto found = std::ranges::lower_bound(times, t);
  if (found == times.end() || *found != t) return false;
  times.erase(found);
  return true;
}

CronJobSummary summary_of(const CronJobRecord& record, SimTime end, const cron::TimeZone& local) {
  CronWalk walk = record.walk;  // the online walk goes on; the record stays as it is
  const Walker walker{record.segments, local, record.scheduled, record.already_active, true, end};
  walker.run(walk, [](SimTime, Outcome) {});
  CronJobSummary out;
  out.schedules = walk.counts.schedules;
  out.missed = walk.counts.missed;
  out.skipped = walk.counts.skipped;
  out.jobs_created = record.jobs_created;
  out.replaced = record.replaced;
  out.max_concurrent_jobs = record.max_concurrent();
  return out;
}

}  // namespace

void CronJobRecord::change_unfinished(SimTime now, std::int32_t delta) {
  if (now != unfinished_since) {
    peak_unfinished = std::max(peak_unfinished, unfinished);  // the value at the end of that instant
    unfinished_since = now;
  }
  unfinished += delta;
}

void CronJobRecord::settle(SimTime now, const cron::TimeZone& local) {
  const Walker walker{segments, local, scheduled, already_active, false, now};
  walker.run(walk, [this](SimTime t, Outcome outcome) {
    last_settled = t;
    // Later activations come after `t`: what is not after it can no longer match one.
    scheduled.erase(scheduled.begin(), scheduled.upper_bound(t));
    already_active.erase(already_active.begin(), std::ranges::upper_bound(already_active, t));
    if (outcome == Outcome::Missed) settled_missed.push_back(t);
    if (outcome == Outcome::Skipped) settled_skipped.push_back(t);
  });
}

void CronJobRecord::add_scheduled(SimTime now, SimTime t, const cron::TimeZone& local) {
  settle(now, local);
  if (!last_settled || t > *last_settled) {
    scheduled.insert(t);
  } else if (erase_sorted(settled_missed, t)) {
    --walk.counts.missed;  // a Job names an activation settled without one: it is a Job's
  } else if (erase_sorted(settled_skipped, t)) {
    --walk.counts.skipped;
  }
}

void CronJobRecord::add_already_active(SimTime now, SimTime t, const cron::TimeZone& local) {
  settle(now, local);
  // An Event at or before the last settled activation cannot skip a later one.
  if (!last_settled || t > *last_settled) already_active.push_back(t);
}

CronJobSummary summarize_cron_job(const CronJobRecord& record, SimTime end, const cron::TimeZone& local) {
  CronJobSummary out = summary_of(record, end, local);
  out.start_delays = record.start_delays;
  out.start_delays.sort();
  return out;
}

CronJobSummary summarize_cron_job(CronJobRecord&& record, SimTime end, const cron::TimeZone& local) {
  CronJobSummary out = summary_of(record, end, local);
  out.start_delays = std::move(record.start_delays);
  out.start_delays.sort();
  return out;
}

}  // namespace jobsim::report
