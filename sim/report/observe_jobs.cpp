// Job handlers. The watch gives Created and Deleted, the lines of the Job's suspend, resume,
// start and interim conditions (upstream sets each condition once, so "became True" is the
// transition) and the last known state of every Job for the text summary. That a Job finished,
// how and when comes from the Job controller's JobFinished signal (cluster/lifecycle.hpp): its
// Complete or Failed line, the totals and the duration. An added Job that is finished already
// (a replayed snapshot) gets them from its conditions.
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
  record.succeeded = job.status->succeeded;
  record.failed = job.status->failed;
  record.completions = job.spec->completions.value_or(1);
  record.outcome = outcome_of(job);
}

void RunRecorder::State::job_finished_lines(engine::SimTime now, SubjectId subject, JobRecord& record,
                                            cluster::JobFinishedCondition condition, std::string_view reason,
                                            engine::SimTime at, std::optional<engine::SimTime> start_time) {
  if (condition == cluster::JobFinishedCondition::Complete) {
    log.add(now, subject, LineEvent::Complete);
    ++jobs_succeeded;
  } else {
    log.add(now, subject, LineEvent::Failed, reason);
    auto found = jobs_failed.find(reason);
    if (found == jobs_failed.end()) found = jobs_failed.emplace(std::string(reason), 0).first;
    ++found->second;
  }
  if (!last_job_finished || at > *last_job_finished) last_job_finished = at;
  // Duration from the startTime in force at the end (upstream resets it on resume) to the
  // time of the finishing condition; a Job that never started has none.
  if (start_time) {
    const engine::Duration duration = std::max(at - *start_time, engine::Duration::zero());
    job_durations.add(duration);
    record.duration = duration;
  }
}

void RunRecorder::State::job_finished(const cluster::JobFinished& signal) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const auto found = jobs.find(signal.job);
  if (found == jobs.end()) return;  // not seen by the watch: nothing to finish
  JobRecord& record = found->second;
  job_finished_lines(now, record.subject, record, signal.condition, signal.reason, signal.at,
                     signal.start_time);
  // The watch handler of the same write kept the shown state before the duration was known.
  if (signal.job <= shown_jobs.size()) shown_jobs[signal.job - 1].record.duration = record.duration;
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
  if (const auto* complete = true_condition(job, api::kJobComplete)) {
    job_finished_lines(now, subject, record, cluster::JobFinishedCondition::Complete, complete->reason,
                       complete->last_transition_time.value_or(now), job.status->start_time);
  } else if (const auto* failed = true_condition(job, api::kJobFailed)) {
    job_finished_lines(now, subject, record, cluster::JobFinishedCondition::Failed, failed->reason,
                       failed->last_transition_time.value_or(now), job.status->start_time);
  }
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
