// Upstream: pkg/controller/cronjob/cronjob_controllerv2.go — processNextWorkItem, sync,
// getJobsToBeReconciled, the job/cronjob event handlers, syncCronJob, cleanupFinishedJobs,
// removeOldestJobs, deleteJob (v1.31+). Function names follow upstream in snake_case.
#include "jobsim/controllers/cronjob/cronjob_controller.hpp"

#include <algorithm>

namespace jobsim::controllers::cronjob {
namespace {

using namespace std::chrono_literals;

// DefaultTypedControllerRateLimiter's per-item part.
constexpr Duration kRateLimitBase = 5ms;
constexpr Duration kRateLimitMax = 1000s;

bool is_job_succeeded(const api::Job& job) { return api::is_condition_true(job.status, api::kJobComplete); }

bool is_controlled_by(const api::Job& job, const api::CronJob& cron_job) {
  const api::OwnerReference* ref = api::controller_ref(job.metadata);
  return ref != nullptr && ref->uid == cron_job.metadata->uid;
}

api::ObjectReference job_reference(const api::Job& job) {
  return api::ObjectReference{.api_version = api::constant_name("batch/v1"),
                              .kind = api::constant_name("Job"),
                              .namespace_ = job.metadata->namespace_,
                              .name = job.metadata->name,
                              .uid = job.metadata->uid,
                              .resource_version = job.metadata->resource_version};
}

}  // namespace

CronJobController::CronJobController(engine::Simulator& sim, cluster::Informer<api::CronJob>& cron_jobs,
                                     cluster::Informer<api::Job>& jobs, cluster::Client& client,
                                     cluster::EventRecorder recorder, cron::TimeZone local_zone)
    : sim_(sim),
      cron_jobs_(cron_jobs),
      jobs_(jobs),
      client_(client),
      recorder_(std::move(recorder)),
      local_zone_(std::move(local_zone)),
      queue_(sim, "cronjob.sync", kRateLimitBase, kRateLimitMax) {
  queue_.set_process([this](api::ObjectId id) { process_next_work_item(id); });
  cron_jobs_.on_add([this](api::ObjectId id, const api::CronJob& cron_job) { add_cron_job(id, cron_job); });
  cron_jobs_.on_update([this](api::ObjectId id, const api::CronJob& old_cron_job, const api::CronJob& new_cron_job) {
    update_cron_job(id, old_cron_job, new_cron_job);
  });
  cron_jobs_.on_delete([this](api::ObjectId id, const api::CronJob& cron_job) { delete_cron_job(id, cron_job); });
  jobs_.on_add([this](api::ObjectId id, const api::Job& job) { add_job(id, job); });
  jobs_.on_update([this](api::ObjectId id, const api::Job& old_job, const api::Job& cur_job) {
    update_job(id, old_job, cur_job);
  });
  jobs_.on_delete([this](api::ObjectId id, const api::Job& job) { delete_job(id, job); });
}

void CronJobController::stop() {
  running_ = false;
  queue_.pause();
}

void CronJobController::start() {
  running_ = true;
  queue_.resume();
  cron_jobs_.for_each([this](api::ObjectId id, const api::CronJob&) { queue_.add(id); });
}

// Upstream: processNextWorkItem. An error retries with per-key backoff; a requeue time resets
// the backoff and waits; neither (suspended, invalid schedule, ...) leaves the key alone until
// something changes.
void CronJobController::process_next_work_item(api::ObjectId id) {
  const SyncResult result = sync(id);
  if (result.error) {
    queue_.add_rate_limited(id);
  } else if (result.requeue_after) {
    queue_.forget(id);
    queue_.add_after(id, *result.requeue_after);
  }
}

// ---- handlers ----------------------------------------------------------------------------

void CronJobController::add_cron_job(api::ObjectId id, const api::CronJob& cron_job) {
  cron_job_by_uid_[cron_job.metadata->uid] = id;
  queue_.add(id);
}

// Upstream: updateCronJob. A new schedule or time zone waits for its next time (an unparsable
// one is reported and not synced until the next change); any other change syncs at once.
// Status writes are updates too, so every status write is followed by one more sync.
void CronJobController::update_cron_job(api::ObjectId id, const api::CronJob& old_cron_job,
                                        const api::CronJob& new_cron_job) {
  if (!running_) return;
  if (old_cron_job.spec->schedule != new_cron_job.spec->schedule ||
      old_cron_job.spec->time_zone != new_cron_job.spec->time_zone) {
    // formatSchedule with a nil recorder: no UnsupportedSchedule here.
    const CachedSchedule& cached = cached_schedule(id, new_cron_job);
    if (!cached.parsed) {
      recorder_.warning(api::Kind::CronJob, new_cron_job.metadata, reason::kUnParseableCronJobSchedule,
                        api::EventMessage::text("unparseable schedule for cronjob: " + new_cron_job.spec->schedule));
      return;
    }
    queue_.add_after(id, next_schedule_time_duration(new_cron_job, sim_.now(), *cached.parsed, local_zone_));
    return;
  }
  queue_.add(id);
}

void CronJobController::delete_cron_job(api::ObjectId id, const api::CronJob& cron_job) {
  cron_job_by_uid_.erase(cron_job.metadata->uid);
  schedules_.erase(id);
  queue_.add(id);  // the sync finds it gone and does nothing
}

// resolveControllerRef: the CronJob the reference names (kind, name and uid must all match).
api::ObjectId CronJobController::resolve_controller_ref(const api::Name& namespace_,
                                                        const api::OwnerReference& ref) const {
  if (ref.kind != "CronJob") return api::kNoObject;
  const auto found = cron_job_by_uid_.find(ref.uid);
  if (found == cron_job_by_uid_.end()) return api::kNoObject;
  const api::CronJob* cron_job = cron_jobs_.get(found->second);
  if (cron_job == nullptr || cron_job->metadata->name != ref.name || cron_job->metadata->namespace_ != namespace_) {
    return api::kNoObject;
  }
  return found->second;
}

void CronJobController::index_job(api::ObjectId id, const api::Job& job) {
  const api::OwnerReference* ref = api::controller_ref(job.metadata);
  if (ref == nullptr) return;
  OwnerKey owner{job.metadata->namespace_, ref->name};
  std::vector<api::ObjectId>& jobs = jobs_by_owner_[owner];
  jobs.insert(std::upper_bound(jobs.begin(), jobs.end(), id), id);  // ids grow: almost always at the end
  owner_of_job_[id] = std::move(owner);
}

void CronJobController::unindex_job(api::ObjectId id) {
  const auto found = owner_of_job_.find(id);
  if (found == owner_of_job_.end()) return;
  if (const auto jobs = jobs_by_owner_.find(found->second); jobs != jobs_by_owner_.end()) {
    std::erase(jobs->second, id);
    if (jobs->second.empty()) jobs_by_owner_.erase(jobs);
  }
  owner_of_job_.erase(found);
}

// Upstream: addJob. A Job that shows up already being deleted is handled as a deletion
// (deleteJob), which enqueues the same owner: either way its CronJob syncs.
void CronJobController::add_job(api::ObjectId id, const api::Job& job) {
  index_job(id, job);
  if (const api::OwnerReference* ref = api::controller_ref(job.metadata)) {
    if (const api::ObjectId owner = resolve_controller_ref(job.metadata->namespace_, *ref)) queue_.add(owner);
  }
}

// Upstream: updateJob. Every new resourceVersion of a controlled Job syncs its CronJob (so an
// active Job's status updates trigger many syncs); a changed controller reference also syncs
// the old owner.
void CronJobController::update_job(api::ObjectId id, const api::Job& old_job, const api::Job& cur_job) {
  if (cur_job.metadata->resource_version == old_job.metadata->resource_version) return;
  const api::OwnerReference* cur_ref = api::controller_ref(cur_job.metadata);
  const api::OwnerReference* old_ref = api::controller_ref(old_job.metadata);
  const bool ref_changed = (cur_ref == nullptr) != (old_ref == nullptr) || (cur_ref != nullptr && !(*cur_ref == *old_ref));
  if (ref_changed) {
    unindex_job(id);
    index_job(id, cur_job);
    if (old_ref != nullptr) {
      if (const api::ObjectId owner = resolve_controller_ref(old_job.metadata->namespace_, *old_ref)) queue_.add(owner);
    }
  }
  if (cur_ref != nullptr) {
    if (const api::ObjectId owner = resolve_controller_ref(cur_job.metadata->namespace_, *cur_ref)) queue_.add(owner);
  }
}

void CronJobController::delete_job(api::ObjectId id, const api::Job& job) {
  unindex_job(id);
  const api::OwnerReference* ref = api::controller_ref(job.metadata);
  if (ref == nullptr) return;  // no controller cares about orphans being deleted
  if (const api::ObjectId owner = resolve_controller_ref(job.metadata->namespace_, *ref)) queue_.add(owner);
}

// ---- sync --------------------------------------------------------------------------------

const CronJobController::CachedSchedule& CronJobController::cached_schedule(api::ObjectId id,
                                                                            const api::CronJob& cron_job) {
  CachedSchedule& cached = schedules_[id];
  if (cached.valid && cached.schedule == cron_job.spec->schedule && cached.time_zone == cron_job.spec->time_zone) {
    return cached;
  }
  cached = CachedSchedule{.schedule = cron_job.spec->schedule, .time_zone = cron_job.spec->time_zone, .valid = true};
  if (cron_job.spec->time_zone) {
    cron::LoadResult loaded = cron::TimeZone::load(*cron_job.spec->time_zone);
    if (!loaded.zone) cached.time_zone_error = std::move(loaded.error);
  }
  const FormattedSchedule formatted = format_schedule(cron_job);
  cached.unsupported_tz_in_schedule = formatted.unsupported_tz_in_schedule;
  cron::ParseResult parsed = cron::Schedule::parse_standard(formatted.spec);
  cached.parsed = std::move(parsed.schedule);
  cached.parse_error = std::move(parsed.error);
  return cached;
}

// Upstream: getJobsToBeReconciled. Every Job of the namespace whose controller reference
// carries the CronJob's name (kind and uid are not checked), from the index, in creation order.
void CronJobController::get_jobs_to_be_reconciled(const api::CronJob& cron_job) {
  listed_.clear();
  const auto found = jobs_by_owner_.find(OwnerKey{cron_job.metadata->namespace_, cron_job.metadata->name});
  if (found == jobs_by_owner_.end()) return;
  for (const api::ObjectId job_id : found->second) {
    if (const api::Job* job = jobs_.get(job_id)) listed_.push_back({job_id, job});
  }
}

// Upstream: sync.
SyncResult CronJobController::sync(api::ObjectId id) {
  const api::CronJob* cached = cron_jobs_.get(id);
  if (cached == nullptr) return {};  // deleted: nothing to requeue
  get_jobs_to_be_reconciled(*cached);
  deleted_.clear();
  deleted_.reserve(listed_.size());  // a sync deletes each listed Job at most once

  // One copy collects every change, written once at the end.
  api::CronJob cron_job = *cached;
  const bool update_status_after_cleanup = cleanup_finished_jobs(id, cron_job);
  const Outcome outcome = sync_cron_job(id, cron_job);

  if (update_status_after_cleanup || outcome.update_status) {
    const cluster::ApiResult written = client_.update(id, std::move(cron_job));
    if (!written.ok()) return {std::nullopt, written.message};
  }
  if (outcome.requeue_after) return {outcome.requeue_after, std::nullopt};
  // No requeue: suspended, invalid schedule or zone, being deleted, or an error.
  return {std::nullopt, outcome.error};
}

// Upstream: cleanupFinishedJobs. Runs on every sync, also when suspended.
bool CronJobController::cleanup_finished_jobs(api::ObjectId id, api::CronJob& cron_job) {
  const api::CronJobSpec& spec = cron_job.spec;
  if (!spec.failed_jobs_history_limit && !spec.successful_jobs_history_limit) return false;
  successful_scratch_.clear();
  failed_scratch_.clear();
  for (std::size_t i = 0; i < listed_.size(); ++i) {
    const std::string_view condition = api::finished_condition(*listed_[i].job);
    if (condition == api::kJobComplete) successful_scratch_.push_back(i);
    if (condition == api::kJobFailed) failed_scratch_.push_back(i);
  }
  bool update_status = false;
  if (spec.successful_jobs_history_limit &&
      remove_oldest_jobs(id, cron_job, successful_scratch_, *spec.successful_jobs_history_limit)) {
    update_status = true;
  }
  if (spec.failed_jobs_history_limit &&
      remove_oldest_jobs(id, cron_job, failed_scratch_, *spec.failed_jobs_history_limit)) {
    update_status = true;
  }
  return update_status;
}

// Upstream: removeOldestJobs. Oldest by status.startTime first (none last), ties by name.
bool CronJobController::remove_oldest_jobs(api::ObjectId id, api::CronJob& cron_job, std::vector<std::size_t>& finished,
                                           std::int32_t max_jobs) {
  const std::ptrdiff_t number_to_delete = static_cast<std::ptrdiff_t>(finished.size()) - max_jobs;
  if (number_to_delete <= 0) return false;
  std::ranges::sort(finished, [this](std::size_t a, std::size_t b) {
    return by_job_start_time(*listed_[a].job, *listed_[b].job);
  });
  bool update_status = false;
  for (std::ptrdiff_t i = 0; i < number_to_delete; ++i) {
    ListedJob& listed = listed_[finished[static_cast<std::size_t>(i)]];
    // The rest of this sync keeps looking at the listed Job, as upstream does with its list:
    // keep a copy, because a Background delete removes the object from the store at once.
    // The sync reads only the metadata and status of listed Jobs, so the spec is not copied.
    JOBSIM_CHECK(deleted_.size() < deleted_.capacity(), "CronJob sync: a listed Job deleted twice");
    api::Job& kept = deleted_.emplace_back();
    kept.metadata = listed.job->metadata;
    kept.status = listed.job->status;
    const api::ObjectId job_id = listed.id;
    listed.job = &kept;
    if (reap_job(id, cron_job, job_id, kept, cluster::CronJobDeleteReason::HistoryCleanup)) update_status = true;
  }
  return update_status;
}

// Upstream: deleteJob (utils of cronjob_controllerv2.go): DELETE with Background propagation
// (injection.go realJobControl.DeleteJob), then drop the reference from status.active.
bool CronJobController::reap_job(api::ObjectId id, api::CronJob& cron_job, api::ObjectId job_id, const api::Job& job,
                                 cluster::CronJobDeleteReason why) {
  const api::Name name = job.metadata->name;
  const api::Name uid = job.metadata->uid;
  const cluster::ApiResult deleted = client_.remove(
      api::Kind::Job, job_id, cluster::DeleteOptions{.propagation_policy = cluster::PropagationPolicy::Background});
  if (!deleted.ok()) {
    recorder_.warning(api::Kind::CronJob, cron_job.metadata, reason::kFailedDelete,
                      api::EventMessage::text("Deleted job: " + deleted.message));
    return false;
  }
  delete_from_active_list(cron_job, uid);
  recorder_.normal(api::Kind::CronJob, cron_job.metadata, reason::kSuccessfulDelete, {"Deleted job {}", name});
  if (lifecycle_ != nullptr) lifecycle_->cron_job_job_deleted.emit({.cron_job = id, .job = job_id, .why = why});
  return true;
}

// Upstream: syncCronJob. Steps as in upstream pkg/controller/cronjob/cronjob_controllerv2.go.
CronJobController::Outcome CronJobController::sync_cron_job(api::ObjectId id, api::CronJob& cron_job) {
  const SimTime now = sim_.now();
  Outcome outcome;
  const api::ObjectMeta& meta = cron_job.metadata;

  // 1. Reconcile the listed Jobs with status.active.
  for (const ListedJob& listed : listed_) {
    const api::Job& job = *listed.job;
    const bool found = in_active_list(cron_job, job.metadata->uid);
    const bool finished = api::is_job_finished(job);
    if (!found && !finished) {
      // Upstream re-GETs the CronJob and adopts a fresh copy that lists the Job (a status write
      // it has not seen yet). Here the cache is the store, so the fresh copy is the cached one.
      const api::CronJob* fresh = cron_jobs_.get(id);
      if (fresh != nullptr && in_active_list(*fresh, job.metadata->uid)) continue;
      // An unfinished Job that names us as controller but is not in our active list: we crashed
      // between create and status write, or someone created it (kubectl create job --from).
      recorder_.warning(api::Kind::CronJob, meta, reason::kUnexpectedJob,
                        {"Saw a job that the controller did not create or forgot: {}", job.metadata->name});
    } else if (finished) {
      if (found) {
        delete_from_active_list(cron_job, job.metadata->uid);
        recorder_.normal(api::Kind::CronJob, meta, reason::kSawCompletedJob,
                         {"Saw completed job: {}, condition: {}", job.metadata->name,
                          api::constant_name(api::finished_condition(job))});
        outcome.update_status = true;
      }
      if (is_job_succeeded(job)) {
        // A Job need not be in the active list: any completion moves lastSuccessfulTime.
        const auto& last_successful = cron_job.status->last_successful_time;
        if (!last_successful ||
            (job.status->completion_time && *job.status->completion_time > *last_successful)) {
          if (job.status->completion_time || !last_successful) {
            cron_job.status.edit().last_successful_time = job.status->completion_time;
            outcome.update_status = true;
          }
        }
      }
    }
  }

  // 2. Active entries whose Job is gone (the GET of upstream is a look-up by name here).
  for (std::size_t i = 0; i < cron_job.status->active.size();) {
    const api::ObjectReference& ref = cron_job.status->active[i];
    const bool listed = std::ranges::any_of(listed_, [&](const ListedJob& l) { return l.job->metadata->uid == ref.uid; });
    if (listed || jobs_.find(ref.namespace_, ref.name) != api::kNoObject) {
      ++i;
      continue;
    }
    recorder_.normal(api::Kind::CronJob, meta, reason::kMissingJob, {"Active job went missing: {}", ref.name});
    const api::Name uid = ref.uid;
    delete_from_active_list(cron_job, uid);
    outcome.update_status = true;
  }

  // 3. Being deleted: only the status is updated.
  if (meta.deletion_timestamp) return outcome;

  const CachedSchedule& cached = cached_schedule(id, cron_job);
  // 4. A time zone the controller cannot load.
  if (cron_job.spec->time_zone && cached.time_zone_error) {
    recorder_.warning(
        api::Kind::CronJob, meta, reason::kUnknownTimeZone,
        api::EventMessage::text("invalid timeZone: \"" + *cron_job.spec->time_zone + "\": " + *cached.time_zone_error));
    return outcome;
  }
  // 5. Suspended: nothing is created and the key is not requeued.
  if (cron_job.spec->suspend.value_or(false)) return outcome;

  // 6. Parse (formatSchedule then ParseStandard), from the cache.
  if (cached.unsupported_tz_in_schedule) {
    recorder_.warning(api::Kind::CronJob, meta, reason::kUnsupportedSchedule,
                      api::EventMessage::text(unsupported_schedule_message(cron_job.spec->schedule)));
  }
  if (!cached.parsed) {
    recorder_.warning(
        api::Kind::CronJob, meta, reason::kUnparseableSchedule,
        api::EventMessage::text("unparseable schedule: \"" + cron_job.spec->schedule + "\" : " + cached.parse_error));
    return outcome;
  }
  const cron::Schedule& schedule = *cached.parsed;

  // 7. The schedule time to act on now.
  const NextSchedule next = next_schedule_time(cron_job, now, schedule, local_zone_);
  if (next.too_many_missed) {
    recorder_.warning(api::Kind::CronJob, meta, reason::kTooManyMissedTimes,
                      "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
  }
  if (next.error) {
    recorder_.warning(api::Kind::CronJob, meta, reason::kInvalidSchedule,
                      api::EventMessage::text("invalid schedule: " + cron_job.spec->schedule + " : " + *next.error));
    return outcome;
  }
  if (!next.scheduled_time) {
    // No unmet start time: only after a restart or a requeue that came early.
    outcome.requeue_after = next_schedule_time_duration(cron_job, now, schedule, local_zone_);
    return outcome;
  }
  const SimTime scheduled_time = *next.scheduled_time;

  // 8. Too late. Unreachable: the deadline is already folded into next_schedule_time.
  if (cron_job.spec->starting_deadline_seconds &&
      scheduled_time + api::seconds_field(*cron_job.spec->starting_deadline_seconds) < now) {
    recorder_.warning(api::Kind::CronJob, meta, reason::kMissSchedule,
                      api::EventMessage::text(missed_schedule_message(scheduled_time)));
    outcome.requeue_after = next_schedule_time_duration(cron_job, now, schedule, local_zone_);
    return outcome;
  }

  // 9. Already done for this time.
  const std::string job_name = get_job_name(cron_job, scheduled_time);
  if (in_active_list_by_name(cron_job, meta.namespace_, job_name) ||
      cron_job.status->last_schedule_time == scheduled_time) {
    outcome.requeue_after = next_schedule_time_duration(cron_job, now, schedule, local_zone_);
    return outcome;
  }

  // 10. Forbid: defer. lastScheduleTime is not advanced, so the time stays unmet and the sync
  // after the active Job finishes starts it late (if still inside the deadline).
  const api::ConcurrencyPolicy policy = cron_job.spec->concurrency_policy.value_or(api::ConcurrencyPolicy::Allow);
  if (policy == api::ConcurrencyPolicy::Forbid && !cron_job.status->active.empty()) {
    recorder_.normal(api::Kind::CronJob, meta, reason::kJobAlreadyActive,
                     "Not starting job because prior execution is running and concurrency policy is Forbid");
    outcome.requeue_after = next_schedule_time_duration(cron_job, now, schedule, local_zone_);
    return outcome;
  }

  // 11. Replace: delete every active Job (Background), in the order of the original list.
  if (policy == api::ConcurrencyPolicy::Replace) {
    const std::vector<api::ObjectReference> active = cron_job.status->active;
    for (const api::ObjectReference& ref : active) {
      const api::ObjectId job_id = jobs_.find(ref.namespace_, ref.name);
      const api::Job* job = jobs_.get(job_id);
      if (job == nullptr) {
        const std::string error = "jobs.batch \"" + ref.name + "\" not found";
        recorder_.warning(api::Kind::CronJob, meta, reason::kFailedGet, api::EventMessage::text("Get job: " + error));
        outcome.error = error;
        return outcome;
      }
      const api::Job kept = *job;  // the delete removes it from the store
      if (!reap_job(id, cron_job, job_id, kept, cluster::CronJobDeleteReason::Replaced)) {
        outcome.error = "could not replace job " + ref.namespace_ + "/" + ref.name;
        return outcome;
      }
      outcome.update_status = true;
    }
  }

  // 12. Create the Job; its name is the lock against creating it twice.
  JobFromTemplate request = get_job_from_template2(cron_job, scheduled_time);
  if (!request.job) {
    outcome.error = request.error;
    return outcome;
  }
  const api::Name created_name = request.job->metadata->name;  // job_name, interned by the template
  const cluster::ApiResult created = client_.create(std::move(*request.job));
  api::ObjectId job_id = created.id;
  switch (created.code) {
    case cluster::ApiErrorCode::Ok:
      recorder_.normal(api::Kind::CronJob, meta, reason::kSuccessfulCreate, {"Created job {}", created_name});
      break;
    case cluster::ApiErrorCode::AlreadyExists: {
      // Created by us before a lost status write (adopt it), or by someone else (leave it).
      job_id = jobs_.find(meta.namespace_, job_name);
      const api::Job* existing = jobs_.get(job_id);
      if (existing == nullptr) {
        outcome.error = "jobs.batch \"" + job_name + "\" not found";
        return outcome;
      }
      if (!is_controlled_by(*existing, cron_job)) return outcome;
      if (in_active_list(cron_job, existing->metadata->uid)) return outcome;
      break;
    }
    default:
      recorder_.warning(api::Kind::CronJob, meta, reason::kFailedCreate,
                        api::EventMessage::text("Error creating job: " + created.message));
      outcome.error = created.message;
      return outcome;
  }

  // 13. Record it.
  const api::Job* job = jobs_.get(job_id);
  JOBSIM_CHECK(job != nullptr, "CronJob sync: the Job just created or adopted is not in the store");
  cron_job.status.edit().active.push_back(job_reference(*job));
  cron_job.status.edit().last_schedule_time = scheduled_time;
  outcome.update_status = true;
  outcome.requeue_after = next_schedule_time_duration(cron_job, now, schedule, local_zone_);
  return outcome;
}

}  // namespace jobsim::controllers::cronjob
