// Job watch handlers: lifecycle lines from condition and startTime changes (upstream sets
// each condition once, so "became True" is the transition), Job totals and durations, and
// the last known state of every Job for the text summary.
#include <algorithm>  // std::max

#include "recorder_state.hpp"

namespace jobsim::report {
namespace {

const api::Job kNoJob{};

const api::JobCondition* true_condition(const api::Job& job, std::string_view type) {
  const api::JobCondition* condition = api::find_job_condition(job.status, type);
  return condition != nullptr && condition->status == api::ConditionStatus::True ? condition : nullptr;
}

// became_true returns the condition `type` of `job` when it is True now and was not before.
const api::JobCondition* became_true(const api::Job& old_job, const api::Job& job, std::string_view type) {
  const api::JobCondition* condition = true_condition(job, type);
  return condition != nullptr && true_condition(old_job, type) == nullptr ? condition : nullptr;
}

JobOutcome outcome_of(const api::Job& job) {
  if (true_condition(job, api::kJobComplete)) return JobOutcome::Complete;
  if (true_condition(job, api::kJobFailed)) return JobOutcome::Failed;
  if (true_condition(job, api::kJobSuspended)) return JobOutcome::Suspended;
  return JobOutcome::Running;
}

}  // namespace

void RunRecorder::State::job_lines(engine::SimTime now, SubjectId subject, JobRecord& record,
                                   const api::Job& old_job, const api::Job& job) {
  // Resumed before Started: upstream sets startTime in the write that resumes a Job created
  // suspended, and the resume is the cause.
  const bool was_suspended = true_condition(old_job, api::kJobSuspended) != nullptr;
  const bool suspended = true_condition(job, api::kJobSuspended) != nullptr;
  if (suspended && !was_suspended) log.add(now, subject, LineEvent::Suspended);
  if (!suspended && was_suspended) log.add(now, subject, LineEvent::Resumed);
  if (job.status->start_time && !old_job.status->start_time) log.add(now, subject, LineEvent::Started);
  // The interim conditions come before the terminal ones they lead to (upstream writes them
  // first, possibly in the same update).
  if (const auto* condition = became_true(old_job, job, api::kJobFailureTarget)) {
    log.add(now, subject, LineEvent::FailureTarget, condition->reason);
  }
  if (const auto* condition = became_true(old_job, job, api::kJobSuccessCriteriaMet)) {
    log.add(now, subject, LineEvent::SuccessCriteriaMet, condition->reason);
  }
  const api::JobCondition* finishing = became_true(old_job, job, api::kJobComplete);
  if (finishing != nullptr) {
    log.add(now, subject, LineEvent::Complete);
    ++jobs_succeeded;
  } else if ((finishing = became_true(old_job, job, api::kJobFailed)) != nullptr) {
    log.add(now, subject, LineEvent::Failed, finishing->reason);
    auto [entry, added] = jobs_failed.try_emplace(finishing->reason, 0);
    ++entry->second;
  }
  // Duration from the startTime in force at the end (upstream resets it on resume) to the
  // time of the finishing condition; a Job that never started has none.
  if (finishing != nullptr && job.status->start_time) {
    const engine::SimTime finished_at = finishing->last_transition_time.value_or(now);
    const engine::Duration duration = std::max(finished_at - *job.status->start_time, engine::Duration::zero());
    job_durations.push_back(duration);
    record.duration = duration;
  }
  record.succeeded = job.status->succeeded;
  record.failed = job.status->failed;
  record.completions = job.spec->completions.value_or(1);
  record.outcome = outcome_of(job);
}

void RunRecorder::State::job_added(api::ObjectId id, const api::Job& job) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const SubjectId subject = subject_of(api::Kind::Job, id) = log.add_subject(api::Kind::Job, job.metadata);
  log.add(now, subject, LineEvent::Created);
  ++jobs_created;
  job_id_limit = std::max(job_id_limit, id + 1);
  JobRecord& record = jobs[id];
  record.subject = subject;
  cron_job_owned_job_added(now, record, job);
  job_lines(now, subject, record, kNoJob, job);
  remember_shown_job(id, job, record);
  Counts& counts = series.counts();
  ++counts.jobs;
  if (!api::is_job_finished(job)) ++counts.active_jobs;
}

void RunRecorder::State::job_updated(api::ObjectId id, const api::Job& old_job, const api::Job& job) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const SubjectId subject = refresh_subject(api::Kind::Job, id, job.metadata);
  JobRecord& record = jobs[id];
  record.subject = subject;
  job_lines(now, subject, record, old_job, job);
  remember_shown_job(id, job, record);
  const bool was_active = !api::is_job_finished(old_job);
  const bool active = !api::is_job_finished(job);
  if (was_active != active) {
    series.counts().active_jobs += active ? 1 : -1;
    if (CronJobRecord* cron_job = record.cron_job) cron_job->change_unfinished(now, active ? 1 : -1);
  }
}

void RunRecorder::State::job_deleted(api::ObjectId id, const api::Job& job) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  log.add(now, subject_of(api::Kind::Job, id), LineEvent::Deleted);
  release_subject(api::Kind::Job, id);
  Counts& counts = series.counts();
  --counts.jobs;
  if (!api::is_job_finished(job)) --counts.active_jobs;
  cron_job_owned_job_deleted(now, jobs[id], job);
  jobs.erase(id);
}

void RunRecorder::State::remember_shown_job(api::ObjectId id, const api::Job& job, const JobRecord& record) {
  if (id == 0 || id > kShownJobs) return;
  if (shown_jobs.size() < id) shown_jobs.resize(id);
  ShownJob& shown = shown_jobs[id - 1];
  if (shown.name != job.metadata->name) shown.name = job.metadata->name;
  shown.record = record;
}

}  // namespace jobsim::report
