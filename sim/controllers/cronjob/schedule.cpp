// Upstream: pkg/controller/cronjob/utils.go and cronjob_controllerv2.go (getJobName,
// formatSchedule), v1.31+. Go's time arithmetic is reproduced where it matters: Duration.Round
// (halves away from zero) for the interval, int64(d.Seconds()) (truncation) for the elapsed time.
#include "jobsim/controllers/cronjob/schedule.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace jobsim::controllers::cronjob {
namespace {

using namespace std::chrono_literals;

// Go's d.Round(time.Second) in whole seconds: halves away from zero.
std::int64_t round_to_seconds(Duration d) {
  const std::int64_t micros = d.count();
  const std::int64_t whole = micros / 1'000'000;
  const std::int64_t rest = micros % 1'000'000;
  if (rest >= 500'000) return whole + 1;
  if (rest <= -500'000) return whole - 1;
  return whole;
}

// Go's int64(d.Seconds()): truncation toward zero.
std::int64_t truncate_to_seconds(Duration d) { return d.count() / 1'000'000; }

// Go's t.Unix(): seconds, floored (instants before 1970 round down).
std::int64_t unix_seconds(SimTime at) {
  return std::chrono::floor<std::chrono::seconds>(at.time_since_epoch()).count();
}

}  // namespace

std::string_view to_string(MissedSchedules missed) {
  switch (missed) {
    case MissedSchedules::None: return "none";
    case MissedSchedules::Few: return "few";
    case MissedSchedules::Many: return "many";
  }
  return "unknown";
}

// Upstream: utils.go mostRecentScheduleTime.
MostRecent most_recent_schedule_time(const api::CronJob& cron_job, SimTime now, const cron::Schedule& schedule,
                                     const cron::TimeZone& local, bool include_starting_deadline_seconds) {
  MostRecent result;
  result.earliest = cron_job.metadata->creation_timestamp.value_or(cron::kZeroTime);
  if (cron_job.status->last_schedule_time) result.earliest = *cron_job.status->last_schedule_time;
  if (include_starting_deadline_seconds && cron_job.spec->starting_deadline_seconds) {
    // The controller is not going to schedule anything before this point.
    const SimTime scheduling_deadline = now - api::seconds_field(*cron_job.spec->starting_deadline_seconds);
    if (scheduling_deadline > result.earliest) result.earliest = scheduling_deadline;
  }

  const SimTime t1 = schedule.next(result.earliest, local);
  const SimTime t2 = schedule.next(t1, local);
  if (now < t1) return result;
  if (now < t2) {
    result.most_recent = t1;
    return result;
  }

  // A schedule that never fires (`59 23 31 2 *`) gives two zero times: 0 s apart.
  const std::int64_t time_between_two_schedules = round_to_seconds(t2 - t1);
  if (time_between_two_schedules < 1) {
    result.error = std::string(kInvalidScheduleError);
    return result;
  }
  // A rough estimate: how many intervals of (t2 - t1) fit between t1 and now.
  const std::int64_t time_elapsed = truncate_to_seconds(now - t1);
  const std::int64_t number_of_missed_schedules = time_elapsed / time_between_two_schedules + 1;

  // Start one interval before the estimated last one and let Next find the real times: exact
  // for regular and @every schedules, an overshoot for irregular ones (see the header).
  const SimTime potential_earliest =
      t1 + std::chrono::seconds((number_of_missed_schedules - 2) * time_between_two_schedules);
  SimTime most_recent = cron::kZeroTime;
  for (SimTime at = schedule.next(potential_earliest, local); at <= now; at = schedule.next(at, local)) {
    // Divergence: upstream would loop on from Go's zero time; Next only returns it when no
    // activation exists, which t1 and t2 above already rule out in practice.
    if (at == cron::kZeroTime) break;
    most_recent = at;
  }

  // More than 100 is "many": an incorrect clock could otherwise make the controller list
  // decades of missed times (upstream keeps this comment about a wedged controller).
  result.missed = number_of_missed_schedules > kMaxMissedSchedules ? MissedSchedules::Many : MissedSchedules::Few;
  if (most_recent != cron::kZeroTime) result.most_recent = most_recent;
  return result;
}

// Upstream: utils.go nextScheduleTime. The caller records TooManyMissedTimes.
NextSchedule next_schedule_time(const api::CronJob& cron_job, SimTime now, const cron::Schedule& schedule,
                                const cron::TimeZone& local) {
  MostRecent recent = most_recent_schedule_time(cron_job, now, schedule, local, true);
  NextSchedule result;
  result.error = std::move(recent.error);
  if (!recent.most_recent || *recent.most_recent > now) return result;
  result.scheduled_time = recent.most_recent;
  result.too_many_missed = recent.missed == MissedSchedules::Many;
  return result;
}

// Upstream: utils.go nextScheduleTimeDuration.
Duration next_schedule_time_duration(const api::CronJob& cron_job, SimTime now, const cron::Schedule& schedule,
                                     const cron::TimeZone& local) {
  const MostRecent recent = most_recent_schedule_time(cron_job, now, schedule, local, false);
  SimTime base = now;  // on error, aim for the next slot from now
  if (!recent.error) {
    if (recent.most_recent) {
      base = *recent.most_recent;
    } else if (recent.missed == MissedSchedules::None) {
      base = recent.earliest;  // nothing missed since earliest
    }  // else missed schedules the estimate could not find: from now
  }
  return schedule.next(base, local) + kNextScheduleDelta - now;
}

// Upstream: cronjob_controllerv2.go getJobName, utils.go getTimeHashInMinutes.
std::string get_job_name(const api::CronJob& cron_job, SimTime scheduled_time) {
  // Go's integer division truncates toward zero.
  return cron_job.metadata->name + "-" + std::to_string(unix_seconds(scheduled_time) / 60);
}

// Upstream: cronjob_controllerv2.go formatSchedule.
FormattedSchedule format_schedule(const api::CronJob& cron_job) {
  const std::string& schedule = cron_job.spec->schedule;
  if (cron::has_tz_in_schedule(schedule)) return {schedule, true};
  if (cron_job.spec->time_zone && !cron::TimeZone::load(*cron_job.spec->time_zone).zone) return {schedule, false};
  return {cron::schedule_with_time_zone(schedule, cron_job.spec->time_zone), false};
}

std::string unsupported_schedule_message(std::string_view schedule) {
  // %q of a plain schedule string: quoted; schedules are printable ASCII after validation.
  return "CRON_TZ or TZ used in schedule \"" + std::string(schedule) +
         "\" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ "
         "for more details";
}

std::string missed_schedule_message(SimTime scheduled_time) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const engine::CivilTime wall = engine::to_civil_utc(scheduled_time);
  // 1970-01-01 was a Thursday (4).
  const std::int64_t days = std::chrono::floor<std::chrono::days>(scheduled_time.time_since_epoch()).count();
  const auto weekday = static_cast<std::size_t>(((days % 7) + 7 + 4) % 7);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02u:%02u:%02u +0000", kDays[weekday], wall.day,
                kMonths[wall.month - 1], wall.year, wall.hour, wall.minute, wall.second);
  return "Missed scheduled time to start a job: " + std::string(buffer);
}

// Upstream: utils.go getJobFromTemplate2.
JobFromTemplate get_job_from_template2(const api::CronJob& cron_job, SimTime scheduled_time) {
  // time.LoadLocation(ptr.Deref(spec.timeZone, "")): "" is UTC.
  cron::LoadResult zone = cron::TimeZone::load(cron_job.spec->time_zone.value_or(""));
  if (!zone.zone) return {std::nullopt, std::move(zone.error)};

  api::Job job;
  job.metadata.edit().name = get_job_name(cron_job, scheduled_time);
  job.metadata.edit().namespace_ = cron_job.metadata->namespace_;
  job.metadata.edit().labels = cron_job.spec->job_template.labels;
  job.metadata.edit().annotations = cron_job.spec->job_template.annotations;
  job.metadata.edit().annotations.edit()[api::constant_name(kCronJobScheduledTimestampAnnotation)] =
      cron::format_rfc3339(scheduled_time, *zone.zone);
  // Divergence: upstream also puts the scheduled time into the request's creationTimestamp,
  // which the real API server overwrites with the time of creation; our ApiServer keeps a
  // given creationTimestamp (snapshot replay), so it is left unset here to get upstream's result.
  job.metadata.edit().owner_references.edit().push_back(api::OwnerReference{.api_version = api::constant_name("batch/v1"),
                                                              .kind = api::constant_name("CronJob"),
                                                              .name = cron_job.metadata->name,
                                                              .uid = cron_job.metadata->uid,
                                                              .controller = true,
                                                              .block_owner_deletion = true});
  job.spec = cron_job.spec->job_template.spec;
  return {std::move(job), {}};
}

// Upstream: utils.go byJobStartTime.Less.
bool by_job_start_time(const api::Job& a, const api::Job& b) {
  const auto& start_a = a.status->start_time;
  const auto& start_b = b.status->start_time;
  if (!start_a && start_b) return false;
  if (start_a && !start_b) return true;
  if (start_a == start_b) return a.metadata->name < b.metadata->name;
  return *start_a < *start_b;
}

bool in_active_list(const api::CronJob& cron_job, const api::Name& uid) {
  return std::ranges::any_of(cron_job.status->active, [&](const api::ObjectReference& ref) { return ref.uid == uid; });
}

bool in_active_list_by_name(const api::CronJob& cron_job, const api::Name& namespace_, std::string_view name) {
  return std::ranges::any_of(cron_job.status->active, [&](const api::ObjectReference& ref) {
    return ref.name == name && ref.namespace_ == namespace_;
  });
}

bool delete_from_active_list(api::CronJob& cron_job, const api::Name& uid) {
  return std::erase_if(cron_job.status.edit().active, [&](const api::ObjectReference& ref) { return ref.uid == uid; }) > 0;
}

}  // namespace jobsim::controllers::cronjob
