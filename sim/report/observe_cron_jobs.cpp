// CronJob watch handlers: Created, Updated (a spec change, seen as a generation bump: status
// writes do not count) and Deleted lines, the CronJob count of the time series, and what the
// per-CronJob section of summary.json needs (cron_job_record.hpp): the spans of each schedule
// and suspend state, the CronJob's Jobs, and the Events of the CronJob controller.
#include <algorithm>

#include "jobsim/cron/schedule.hpp"
#include "recorder_state.hpp"

namespace jobsim::report {
namespace {

constexpr std::string_view kCronJobControllerSource = "cronjob-controller";

// parser_input: what the controller parses (formatSchedule). A spec.timeZone that does not load
// makes the parse fail, as the controller stops then too (UnknownTimeZone).
std::string parser_input(const api::CronJob& cron_job) {
  return cron::schedule_with_time_zone(cron_job.spec->schedule, cron_job.spec->time_zone);
}

bool scheduling(const api::CronJob& cron_job) {
  return !cron_job.spec->suspend.value_or(false) && !cron_job.metadata->deletion_timestamp;
}

}  // namespace

void RunRecorder::State::cron_job_added(api::ObjectId id, const api::CronJob& cron_job) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const SubjectId subject = subject_of(api::Kind::CronJob, id) =
      log.add_subject(api::Kind::CronJob, cron_job.metadata);
  log.add(now, subject, LineEvent::Created);
  ++series.counts().cronjobs;

  // Listed even if it never creates a Job.
  CronJobRecord& record = cron_jobs.try_emplace(cron_job.metadata->name).first->second;
  cron_jobs_by_uid[cron_job.metadata->uid] = &record;
  cron_job_by_id[id] = &record;
  // The controller's first activation is Next(creationTimestamp) (mostRecentScheduleTime).
  // A CronJob replayed with an older creationTimestamp (a snapshot) counts only from now, the
  // start of its life in this run, including an activation at now itself.
  std::string spec = parser_input(cron_job);
  const engine::SimTime created = cron_job.metadata->creation_timestamp.value_or(now);
  if (created < now) {
    record.segments.push_back({.from = created, .to = now, .spec = spec, .scheduling = false, .starts_chain = true});
  }
  record.segments.push_back({.from = std::max(created, now),
                             .spec = std::move(spec),
                             .scheduling = scheduling(cron_job),
                             .starts_chain = created >= now});
}

void RunRecorder::State::cron_job_updated(api::ObjectId id, const api::CronJob& old_cron_job,
                                          const api::CronJob& cron_job) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const SubjectId subject = refresh_subject(api::Kind::CronJob, id, cron_job.metadata);
  if (cron_job.metadata->generation > old_cron_job.metadata->generation) log.add(now, subject, LineEvent::Updated);

  // Most updates are status writes (every sync): nothing the walk depends on changed.
  if (cron_job.spec->schedule == old_cron_job.spec->schedule && cron_job.spec->time_zone == old_cron_job.spec->time_zone &&
      scheduling(cron_job) == scheduling(old_cron_job)) {
    return;
  }
  CronJobRecord& record = *cron_job_by_id[id];
  CronSegment& current = record.segments.back();
  std::string spec = parser_input(cron_job);
  const bool now_scheduling = scheduling(cron_job);
  if (spec == current.spec && now_scheduling == current.scheduling) return;
  // A new schedule starts a new walk at the change (simplification, docs/outputs.md: upstream
  // walks the new schedule from lastScheduleTime and may start a Job for a time just before).
  const bool new_chain = spec != current.spec;
  current.to = now;
  record.segments.push_back(
      {.from = now, .spec = std::move(spec), .scheduling = now_scheduling, .starts_chain = new_chain});
}

void RunRecorder::State::cron_job_deleted(api::ObjectId id, const api::CronJob&) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  log.add(now, subject_of(api::Kind::CronJob, id), LineEvent::Deleted);
  release_subject(api::Kind::CronJob, id);
  --series.counts().cronjobs;
  cron_job_by_id[id]->segments.back().to = now;
  cron_job_by_id.erase(id);
}

void RunRecorder::State::cron_job_owned_job_added(engine::SimTime now, JobRecord& record, const api::Job& job) {
  const api::OwnerReference* owner = api::controller_ref(job.metadata);
  if (owner == nullptr || owner->kind != "CronJob") return;
  const auto by_uid = cron_jobs_by_uid.find(owner->uid);
  // An owner uid the recorder never saw (a hand-made reference): keep the count by name.
  CronJobRecord& cron_job =
      by_uid != cron_jobs_by_uid.end() ? *by_uid->second : cron_jobs.try_emplace(owner->name).first->second;
  record.cron_job = &cron_job;
  ++cron_job.jobs_created;
  if (!api::is_job_finished(job)) cron_job.change_unfinished(now, 1);
  const auto annotation = job.metadata->annotations.find(std::string(api::kCronJobScheduledTimestampAnnotation));
  if (annotation == job.metadata->annotations.end()) return;  // e.g. kubectl create job --from
  // RFC 3339 in spec.timeZone ("2026-03-29T03:00:00+02:00"): the offset gives the instant.
  const std::optional<engine::SimTime> scheduled = engine::parse_rfc3339(annotation->second);
  if (!scheduled) return;
  cron_job.add_scheduled(now, *scheduled, controller_zone);
  cron_job.start_delays.add(job.metadata->creation_timestamp.value_or(now) - *scheduled);
}

void RunRecorder::State::cron_job_owned_job_deleted(engine::SimTime now, const JobRecord& record,
                                                    const api::Job& job) {
  if (record.cron_job == nullptr || api::is_job_finished(job)) return;
  record.cron_job->change_unfinished(now, -1);
}

void RunRecorder::State::cron_job_job_deleted(const cluster::CronJobJobDeleted& deleted) {
  if (deleted.why != cluster::CronJobDeleteReason::Replaced) return;
  const auto found = cron_job_by_id.find(deleted.cron_job);
  if (found != cron_job_by_id.end()) ++found->second->replaced;
}

void RunRecorder::State::kubernetes_event(const api::Event& event) {
  log.add_kubernetes_event(event);
  series.advance(clock.now());
  ++series.counts().events;
  if (event.source != kCronJobControllerSource || event.object.kind != api::Kind::CronJob) return;
  if (event.reason == "JobAlreadyActive") {
    const auto found = cron_jobs_by_uid.find(event.object.uid);
    if (found != cron_jobs_by_uid.end()) found->second->add_already_active(clock.now(), event.time, controller_zone);
  }
}

std::vector<CronJobSummary> RunRecorder::State::cron_job_summaries(engine::SimTime until) const {
  std::vector<CronJobSummary> out;
  out.reserve(cron_jobs.size());
  for (const auto& [name, record] : cron_jobs) out.push_back(summarize_cron_job(record, until, controller_zone));
  return out;
}

}  // namespace jobsim::report
