// Pure policy of the CronJob controller: schedule arithmetic, Job naming and the Job built from
// the template. Plain values in, plain values out; no clock, no API, no events (the controller
// records the events these results call for).
// Upstream: pkg/controller/cronjob/utils.go (mostRecentScheduleTime, nextScheduleTime,
// nextScheduleTimeDuration, getJobFromTemplate2, byJobStartTime) and cronjob_controllerv2.go
// (getJobName, formatSchedule), v1.31+.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"
#include "jobsim/cron/schedule.hpp"
#include "jobsim/cron/time_zone.hpp"

namespace jobsim::controllers::cronjob {

using api::Duration;
using api::SimTime;

// nextScheduleDelta: the sync for a schedule at 10:00:00 runs at 10:00:00.100, which absorbs
// clock skew between the controller and the API server (NTP).
inline constexpr Duration kNextScheduleDelta = std::chrono::milliseconds(100);
// More estimated missed schedules than this is "many" (TooManyMissedTimes).
inline constexpr std::int64_t kMaxMissedSchedules = 100;
using api::kCronJobScheduledTimestampAnnotation;
inline constexpr std::string_view kInvalidScheduleError = "time difference between two schedules is less than 1 second";

// MissedSchedules is upstream's missedSchedulesType.
enum class MissedSchedules : std::uint8_t { None, Few, Many };
std::string_view to_string(MissedSchedules missed);  // "none", "few", "many"

// MostRecent is what mostRecentScheduleTime returns:
//   - earliest: the last schedule time or the CronJob's creation time (moved up to
//     now - startingDeadlineSeconds when that is later and the deadline is included),
//   - most_recent: the most recent schedule time <= now that a Job should be created for, or
//     none (nothing due, or the estimate overshot: see most_recent_schedule_time),
//   - missed: none, a few or many schedules since earliest (an estimate),
//   - error: set when two consecutive schedule times are less than 1 s apart, which is how a
//     schedule that never fires (`59 23 31 2 *`) surfaces.
struct MostRecent {
  SimTime earliest;
  std::optional<SimTime> most_recent;
  MissedSchedules missed = MissedSchedules::None;
  std::optional<std::string> error;
  bool operator==(const MostRecent&) const = default;
};

// most_recent_schedule_time follows upstream exactly, including its estimate: with t1 =
// Next(earliest), t2 = Next(t1) and Δ = round(t2 - t1) in whole seconds, it assumes
// n = floor((now - t1) / Δ) + 1 missed schedules and scans Next from t1 + (n - 2)·Δ. For
// irregular schedules the scan can start after the last missed time and find nothing
// (utils_test "another complex schedule"). `local` is the controller's zone, used by schedules
// without a TZ= prefix.
MostRecent most_recent_schedule_time(const api::CronJob& cron_job, SimTime now, const cron::Schedule& schedule,
                                     const cron::TimeZone& local, bool include_starting_deadline_seconds);

// NextSchedule is what nextScheduleTime returns: the schedule time to start a Job for now (none
// when nothing is due), whether TooManyMissedTimes must be recorded (many missed and a time was
// found: the Job is still created), and the error of most_recent_schedule_time.
struct NextSchedule {
  std::optional<SimTime> scheduled_time;
  bool too_many_missed = false;
  std::optional<std::string> error;
  bool operator==(const NextSchedule&) const = default;
};
NextSchedule next_schedule_time(const api::CronJob& cron_job, SimTime now, const cron::Schedule& schedule,
                                const cron::TimeZone& local);

// next_schedule_time_duration is the requeue delay: Next(base) + 100 ms - now, where base is
// the most recent schedule time (startingDeadlineSeconds ignored), else earliest when nothing
// was missed, else now (also on error). May be negative when Next finds nothing (zero time);
// the queue then adds at once, as Go's AddAfter does.
Duration next_schedule_time_duration(const api::CronJob& cron_job, SimTime now, const cron::Schedule& schedule,
                                     const cron::TimeZone& local);

// get_job_name: "<cronjob name>-<scheduled Unix time in minutes>" (getTimeHashInMinutes). The
// name is the lock that keeps one Job per scheduled minute.
std::string get_job_name(const api::CronJob& cron_job, SimTime scheduled_time);

// FormattedSchedule is formatSchedule: the string handed to the cron parser, and whether the
// schedule itself contains "TZ" (UnsupportedSchedule must be recorded; the schedule's own
// TZ=/CRON_TZ= prefix wins and spec.timeZone is ignored). A spec.timeZone that does not load
// leaves the schedule as is (the controller stops earlier with UnknownTimeZone).
struct FormattedSchedule {
  std::string spec;
  bool unsupported_tz_in_schedule = false;
  bool operator==(const FormattedSchedule&) const = default;
};
FormattedSchedule format_schedule(const api::CronJob& cron_job);

// unsupported_schedule_message, unparseable_schedule_message, ...: the Event messages, verbatim.
std::string unsupported_schedule_message(std::string_view schedule);
// missed_schedule_message formats the time as Go's RFC1123Z in UTC ("Thu, 19 May 2016 10:00:00 +0000").
std::string missed_schedule_message(SimTime scheduled_time);

// JobFromTemplate is getJobFromTemplate2's result: the Job to create, or the time-zone load error.
struct JobFromTemplate {
  std::optional<api::Job> job;
  std::string error;
};
// get_job_from_template2: labels and annotations copied from spec.jobTemplate.metadata, the
// scheduled-timestamp annotation (RFC 3339 in spec.timeZone, UTC when unset), the name of
// get_job_name, a controller ownerReference (batch/v1 CronJob, controller and
// blockOwnerDeletion true) and a copy of the template's spec.
JobFromTemplate get_job_from_template2(const api::CronJob& cron_job, SimTime scheduled_time);

// by_job_start_time orders Jobs for history cleanup: by status.startTime, Jobs without one
// last, ties by name (upstream byJobStartTime.Less).
bool by_job_start_time(const api::Job& a, const api::Job& b);

// in_active_list: status.active holds this uid. in_active_list_by_name: ... this namespace/name.
bool in_active_list(const api::CronJob& cron_job, const api::Name& uid);
bool in_active_list_by_name(const api::CronJob& cron_job, const api::Name& namespace_, std::string_view name);
// delete_from_active_list removes the entries with this uid; returns whether one was there.
bool delete_from_active_list(api::CronJob& cron_job, const api::Name& uid);

}  // namespace jobsim::controllers::cronjob
