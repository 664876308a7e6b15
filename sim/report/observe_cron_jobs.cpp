// CronJob watch handlers: Created, Updated (a spec change, seen as a generation bump: status
// writes do not count) and Deleted lines, and the CronJob count of the time series.
#include "recorder_state.hpp"

namespace jobsim::report {

void RunRecorder::State::cron_job_added(api::ObjectId id, const api::CronJob& cron_job) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const SubjectId subject = subject_of(api::Kind::CronJob, id) =
      log.add_subject(api::Kind::CronJob, cron_job.metadata);
  log.add(now, subject, LineEvent::Created);
  cron_jobs_created.try_emplace(cron_job.metadata.name, 0);  // listed even if it never creates a Job
  ++series.counts().cronjobs;
}

void RunRecorder::State::cron_job_updated(api::ObjectId id, const api::CronJob& old_cron_job,
                                          const api::CronJob& cron_job) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const SubjectId subject = refresh_subject(api::Kind::CronJob, id, cron_job.metadata);
  if (cron_job.metadata.generation > old_cron_job.metadata.generation) log.add(now, subject, LineEvent::Updated);
}

void RunRecorder::State::cron_job_deleted(api::ObjectId id, const api::CronJob&) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  log.add(now, subject_of(api::Kind::CronJob, id), LineEvent::Deleted);
  --series.counts().cronjobs;
}

}  // namespace jobsim::report
