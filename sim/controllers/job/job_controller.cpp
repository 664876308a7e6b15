// Upstream: pkg/controller/job/job_controller.go — syncJob, manageJob,
// trackJobStatusAndRemoveFinalizers, enactJobFinished, recordJobFinished, syncOrphanPod, and the
// pod/job event handlers. Function names follow upstream in snake_case.
#include "jobsim/controllers/job/job_controller.hpp"

#include <algorithm>

#include "jobsim/controllers/job/active_pods.hpp"
#include "jobsim/controllers/job/index_failures.hpp"
#include "jobsim/controllers/job/pod_failure_policy.hpp"
#include "jobsim/controllers/job/success_policy.hpp"

namespace jobsim::controllers::job {
namespace {

using namespace std::chrono_literals;

// Per-key API error backoff (DefaultJobApiBackOff, MaxJobApiBackOff).
constexpr api::Duration kDefaultJobApiBackOff = 1s;
constexpr api::Duration kMaxJobApiBackOff = 60s;

bool has_tracking_finalizer(const api::Pod& pod) { return api::has_finalizer(pod.metadata, api::kJobTrackingFinalizer); }

bool job_suspended(const api::Job& job) { return job.spec->suspend.value_or(false); }

// onlyReplaceFailedPods: podReplacementPolicy Failed, or any podFailurePolicy.
bool only_replace_failed_pods(const api::Job& job) {
  return job.spec->pod_replacement_policy == api::PodReplacementPolicy::Failed || job.spec->pod_failure_policy.has_value();
}


bool is_pod_active(const api::Pod& pod) { return !api::is_pod_terminal(pod) && !pod.metadata->deletion_timestamp; }
bool is_pod_terminating(const api::Pod& pod) { return pod.metadata->deletion_timestamp && !api::is_pod_terminal(pod); }

bool is_pod_ready(const api::Pod& pod) {
  const api::PodCondition* ready = api::find_condition(pod.status, "Ready");
  return ready != nullptr && ready->status == api::ConditionStatus::True;
}

// Condition types are constants: interned through the per-thread constant cache (api/name.hpp).
// Literal reasons and messages on hot paths come in as api::constant_name(...) for the same reason.
api::JobCondition new_condition(std::string_view type, api::Name reason, api::Name message, api::SimTime now) {
  return {.type = api::constant_name(type),
          .status = api::ConditionStatus::True,
          .last_probe_time = now,
          .last_transition_time = now,
          .reason = std::move(reason),
          .message = std::move(message)};
}

// ensureJobConditionStatus: update in place when status/reason/message differ; append only a
// non-False condition. Returns whether the list changed. The status part is edited (and the
// Names made) only when writing: the common call, Suspended=False on every sync of a running
// Job, finds nothing to change and must not copy a shared status.
bool ensure_job_condition_status(api::Shared<api::JobStatus>& job_status, std::string_view type,
                                 api::ConditionStatus status, std::string_view reason, std::string_view message,
                                 api::SimTime now) {
  const std::vector<api::JobCondition>& conditions = job_status->conditions;
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    const api::JobCondition& condition = conditions[i];
    if (condition.type != type) continue;
    if (condition.status == status && condition.reason == reason && condition.message == message) return false;
    api::JobCondition updated = new_condition(type, api::constant_name(reason), api::constant_name(message), now);
    updated.status = status;
    job_status.edit().conditions[i] = std::move(updated);
    return true;
  }
  if (status == api::ConditionStatus::False) return false;
  api::JobCondition condition = new_condition(type, api::constant_name(reason), api::constant_name(message), now);
  condition.status = status;
  job_status.edit().conditions.push_back(std::move(condition));
  return true;
}

// pastBackoffLimitOnFailure: restarts of Pending/Running pods reach backoffLimit (> 0 when 0).
bool past_backoff_limit_on_failure(const api::Job& job, const std::vector<const api::Pod*>& pods) {
  if (job.spec->template_.spec->restart_policy != api::RestartPolicy::OnFailure) return false;
  std::int32_t restarts = 0;
  for (const api::Pod* pod : pods) {
    if (pod->status->phase != api::PodPhase::Running && pod->status->phase != api::PodPhase::Pending) continue;
    for (const api::ContainerStatus& status : pod->status->container_statuses) restarts += status.restart_count;
  }
  const std::int32_t limit = *job.spec->backoff_limit;
  return limit == 0 ? restarts > 0 : restarts >= limit;
}

// valid_index with the pod's completion index already parsed.
bool valid_index(const api::Job& job, std::int32_t index) {
  if (!api::is_indexed(job)) return true;
  return index != kUnknownCompletionIndex && index < job.spec->completions.value_or(0);
}

bool valid_index(const api::Job& job, const api::Pod& pod) {
  return !api::is_indexed(job) || valid_index(job, get_completion_index(pod));
}

}  // namespace

struct JobController::SyncContext {
  std::vector<PodRef> pods;         // the Job's pods that still matter (see job_pods_)
  std::vector<PodRef> active_pods;  // sorted by creation (id) order
  std::vector<const api::Pod*> all; // same as pods, for the helpers
  std::int32_t succeeded = 0;
  std::int32_t failed = 0;
  std::int32_t ready = 0;
  std::int32_t terminating = 0;
  OrderedIntervals prev_succeeded_indexes;
  OrderedIntervals succeeded_indexes;
  BackoffRecord new_backoff_record;
  std::optional<api::JobCondition> finished_condition;
  // backoffLimitPerIndex only: the failed indexes (status.failedIndexes plus the new ones), and
  // per index the failed pod whose finalizer stays until its replacement exists, so that the
  // replacement can copy its failure counts (getPodsWithDelayedDeletionPerIndex).
  std::optional<OrderedIntervals> failed_indexes;
  std::map<std::int32_t, PodRef> delayed_deletion;
  // Pods this sync deleted because the Job is finishing, in id order. Upstream's status pass
  // still sees them as the active pods it listed, so they are not failed pods there: a Job
  // that succeeds through its successPolicy does not count them as failed.
  std::vector<api::ObjectId> deleted_while_finishing;
};

JobController::JobController(engine::Simulator& sim, cluster::Informer<api::Job>& jobs,
                             cluster::Informer<api::Pod>& pods, cluster::Client& client,
                             cluster::EventRecorder recorder, const api::Timings& timings)
    : sim_(sim),
      jobs_(jobs),
      pods_(pods),
      client_(client),
      recorder_(std::move(recorder)),
      timings_(timings),
      queue_(sim, "job.sync", kDefaultJobApiBackOff, kMaxJobApiBackOff),
      orphan_queue_(sim, "job.orphan_pod", kDefaultJobApiBackOff, kMaxJobApiBackOff),
      job_by_uid_(JobUidHash{&jobs}, JobUidEqual{&jobs}) {
  queue_.set_process([this](api::ObjectId id) { sync_job(id); });
  orphan_queue_.set_process([this](api::ObjectId id) { sync_orphan_pod(id); });
  jobs_.on_add([this](api::ObjectId id, const api::Job& job) { add_job(id, job); });
  jobs_.on_update([this](api::ObjectId id, const api::Job& old_job, const api::Job& cur_job) {
    update_job(id, old_job, cur_job);
  });
  jobs_.on_delete([this](api::ObjectId id, const api::Job& job) { delete_job(id, job); });
  pods_.on_add([this](api::ObjectId id, const api::Pod& pod) { add_pod(id, pod); });
  pods_.on_update([this](api::ObjectId id, const api::Pod& old_pod, const api::Pod& cur_pod) {
    update_pod(id, old_pod, cur_pod);
  });
  pods_.on_delete([this](api::ObjectId id, const api::Pod& pod) { delete_pod(id, pod); });
}

const BackoffRecord* JobController::backoff_record(api::ObjectId job) const {
  const auto found = backoff_records_.find(job);
  return found == backoff_records_.end() ? nullptr : &found->second;
}

void JobController::stop() {
  running_ = false;
  queue_.pause();
  orphan_queue_.pause();
  backoff_records_.clear();  // in memory only: lost with the process (backoff_utils.go)
}

void JobController::start() {
  running_ = true;
  queue_.resume();
  orphan_queue_.resume();
  // Informers deliver every object as an add on start: every Job is synced, every pod with a
  // finalizer whose Job is gone or finished is looked at.
  jobs_.for_each([this](api::ObjectId id, const api::Job&) { queue_.add(id); });
  pods_.for_each([this](api::ObjectId id, const api::Pod& pod) {
    if (has_tracking_finalizer(pod) && resolve_controller_ref(pod) == api::kNoObject) orphan_queue_.add(id);
  });
}

// ---- handlers ----------------------------------------------------------------------------

void JobController::add_job(api::ObjectId id, const api::Job&) {
  job_by_uid_.insert(id);
  queue_.add(id);  // enqueueSyncJobImmediately
}

void JobController::update_job(api::ObjectId id, const api::Job& old_job, const api::Job& cur_job) {
  // A spec change (generation bump) syncs at once; status-only updates are batched.
  if (cur_job.metadata->generation != old_job.metadata->generation) {
    queue_.add(id);
  } else {
    queue_.add_after(id, timings_.job_sync_batch_period);
  }
  // A new activeDeadlineSeconds re-arms the deadline sync (AddAfter handles the past).
  const auto& cur_deadline = cur_job.spec->active_deadline_seconds;
  if (cur_deadline && cur_deadline != old_job.spec->active_deadline_seconds && cur_job.status->start_time) {
    queue_.add_after(id, api::seconds_field(*cur_deadline) - (sim_.now() - *cur_job.status->start_time));
  }
}

void JobController::delete_job(api::ObjectId id, const api::Job& job) {
  job_by_uid_.erase_hashed(id, job.metadata->uid.hash());
  backoff_records_.erase(id);
  // cleanupPodFinalizers: the Job is gone, so its pods' tracking finalizers must go too.
  if (const auto found = job_pods_.find(id); found != job_pods_.end()) {
    for (const auto& [pod_id, index] : found->second) orphan_queue_.add(pod_id);
  }
  queue_.add(id);
}

api::ObjectId JobController::resolve_controller_ref(const api::Pod& pod) const {
  const api::OwnerReference* ref = api::controller_ref(pod.metadata);
  if (ref == nullptr || ref->kind != "Job") return api::kNoObject;
  const api::ObjectId* found = job_by_uid_.find(ref->uid);
  return found == nullptr ? api::kNoObject : *found;
}

// unindex_pod drops a pod from job_pods_, and the Job's entry with its last pod: a finished Job
// keeps no empty map (a year of retained Jobs kept one each, ~76 bytes a Job).
void JobController::unindex_pod(std::unordered_map<api::ObjectId, api::ObjectId>::iterator found) {
  if (const auto pods = job_pods_.find(found->second); pods != job_pods_.end()) {
    pods->second.erase(found->first);
    if (pods->second.empty()) job_pods_.erase(pods);
  }
  pod_job_.erase(found);
}

void JobController::index_pod(api::ObjectId id, const api::Pod& pod) {
  const api::ObjectId job = resolve_controller_ref(pod);
  const bool relevant = job != api::kNoObject && (has_tracking_finalizer(pod) || !api::is_pod_terminal(pod));
  if (relevant) {
    job_pods_[job][id] = get_completion_index(pod);
    pod_job_[id] = job;
    return;
  }
  if (const auto found = pod_job_.find(id); found != pod_job_.end()) {
    unindex_pod(found);
  }
}

void JobController::enqueue_pod_owner(api::ObjectId pod_id, const api::Pod& pod) {
  const api::ObjectId job_id = resolve_controller_ref(pod);
  const api::Job* job = jobs_.get(job_id);
  if (job == nullptr || api::is_job_finished(*job)) {
    // Orphans and pods of finished Jobs only need their finalizer removed.
    if (has_tracking_finalizer(pod) && api::controller_ref(pod.metadata) != nullptr &&
        api::controller_ref(pod.metadata)->kind == "Job") {
      orphan_queue_.add(pod_id);
    }
    return;
  }
  queue_.add_after(job_id, timings_.job_sync_batch_period);  // enqueueSyncJobBatched
}

void JobController::add_pod(api::ObjectId id, const api::Pod& pod) {
  index_pod(id, pod);
  enqueue_pod_owner(id, pod);
}

void JobController::update_pod(api::ObjectId id, const api::Pod&, const api::Pod& cur_pod) {
  index_pod(id, cur_pod);
  enqueue_pod_owner(id, cur_pod);
}

void JobController::delete_pod(api::ObjectId id, const api::Pod& pod) {
  if (const auto found = pod_job_.find(id); found != pod_job_.end()) {
    unindex_pod(found);
  }
  const api::ObjectId job_id = resolve_controller_ref(pod);
  if (job_id != api::kNoObject) queue_.add_after(job_id, timings_.job_sync_batch_period);
}

// ---- sync --------------------------------------------------------------------------------

void JobController::sync_orphan_pod(api::ObjectId pod_id) {
  const api::Pod* pod = pods_.get(pod_id);
  if (pod == nullptr || !has_tracking_finalizer(*pod)) return;
  if (const api::OwnerReference* ref = api::controller_ref(pod->metadata)) {
    if (ref->kind != "Job") return;
    if (const api::Job* job = jobs_.get(resolve_controller_ref(*pod))) {
      if (job->spec->managed_by && *job->spec->managed_by != kJobControllerName) return;
      if (!api::is_job_finished(*job)) return;  // adopted by a live Job: its sync counts it
    }
  }
  remove_tracking_finalizer(pod_id, *pod);
}

void JobController::remove_tracking_finalizer(api::ObjectId pod_id, const api::Pod& pod) {
  api::Pod patched = pod;
  if (api::remove_finalizer(patched.metadata.edit(), api::kJobTrackingFinalizer)) client_.update(pod_id, std::move(patched));
}

// sync_job: upstream syncJob.
void JobController::sync_job(api::ObjectId id) {
  const api::Job* cached = jobs_.get(id);
  if (cached == nullptr) {
    backoff_records_.erase(id);
    job_pods_.erase(id);
    return;
  }
  if (cached->spec->managed_by && *cached->spec->managed_by != kJobControllerName) return;
  if (api::is_job_finished(*cached)) {
    backoff_records_.erase(id);
    return;
  }
  api::Job job = *cached;
  const api::SimTime now = sim_.now();
  SyncContext context;
  if (const auto found = job_pods_.find(id); found != job_pods_.end()) {
    const bool indexed = api::is_indexed(job);
    context.pods.reserve(found->second.size());
    context.active_pods.reserve(found->second.size());
    context.all.reserve(found->second.size());
    for (const auto& [pod_id, index] : found->second) {
      const api::Pod* pod = pods_.get(pod_id);
      const PodRef ref{pod_id, pod, indexed ? index : kUnknownCompletionIndex};
      context.pods.push_back(ref);
      context.all.push_back(pod);
      if (is_pod_active(*pod)) {
        context.active_pods.push_back(ref);
        if (is_pod_ready(*pod)) ++context.ready;
      }
      if (is_pod_terminating(*pod)) ++context.terminating;
    }
  }
  const std::int32_t active_before = static_cast<std::int32_t>(context.active_pods.size());
  std::int32_t active = active_before;

  // getNewFinishedPods: pods still carrying the finalizer are not counted yet.
  std::vector<const api::Pod*> new_succeeded;
  std::vector<const api::Pod*> new_failed;
  for (const PodRef& ref : context.pods) {
    if (!has_tracking_finalizer(*ref.pod) || !valid_index(job, ref.index)) continue;
    if (ref.pod->status->phase == api::PodPhase::Succeeded) new_succeeded.push_back(ref.pod);
    else if (is_pod_failed(*ref.pod, job)) new_failed.push_back(ref.pod);
  }
  std::int32_t non_ignored_failed = static_cast<std::int32_t>(new_failed.size());
  if (job.spec->pod_failure_policy) {
    for (const api::Pod* pod : new_failed) {
      if (!match_pod_failure_policy(*job.spec->pod_failure_policy, *pod).count_failed) --non_ignored_failed;
    }
  }
  context.succeeded = job.status->succeeded + static_cast<std::int32_t>(new_succeeded.size());
  context.failed = job.status->failed + non_ignored_failed;

  // Job first start: startTime only while not suspended.
  if (!job.status->start_time && !job_suspended(job)) job.status.edit().start_time = now;

  const auto previous = backoff_records_.find(id);
  context.new_backoff_record =
      new_backoff_record(previous == backoff_records_.end() ? BackoffRecord{} : previous->second, new_succeeded, new_failed);

  const bool exceeds_backoff_limit = context.failed > *job.spec->backoff_limit;
  if (const api::JobCondition* met = api::find_job_condition(job.status, api::kJobSuccessCriteriaMet);
      met != nullptr && met->status == api::ConditionStatus::True) {
    context.finished_condition = *met;
  }
  if (!context.finished_condition) {
    if (const api::JobCondition* target = api::find_job_condition(job.status, api::kJobFailureTarget);
        target != nullptr && target->status == api::ConditionStatus::True) {
      context.finished_condition = new_condition(api::kJobFailed, target->reason, target->message, now);
    } else if (job.spec->pod_failure_policy) {
      for (const PodRef& ref : context.pods) {
        if (!is_pod_failed(*ref.pod, job)) continue;
        if (auto message = match_pod_failure_policy(*job.spec->pod_failure_policy, *ref.pod).fail_job_message) {
          context.finished_condition = new_condition(api::kJobFailureTarget, "PodFailurePolicy", *message, now);
          break;
        }
      }
    }
  }
  if (!context.finished_condition) {
    if (exceeds_backoff_limit || past_backoff_limit_on_failure(job, context.all)) {
      context.finished_condition =
          new_condition(api::kJobFailureTarget, api::constant_name("BackoffLimitExceeded"),
                        api::constant_name("Job has reached the specified backoff limit"), now);
    } else if (job.spec->active_deadline_seconds && job.status->start_time && !job_suspended(job) &&
               now - *job.status->start_time >= api::seconds_field(*job.spec->active_deadline_seconds)) {
      context.finished_condition =
          new_condition(api::kJobFailureTarget, "DeadlineExceeded", "Job was active longer than specified deadline", now);
    } else if (job.spec->active_deadline_seconds && !job_suspended(job)) {
      queue_.add_after(id, api::seconds_field(*job.spec->active_deadline_seconds) - (now - *job.status->start_time));
    }
  }
  if (api::is_indexed(job)) {
    // calculateSucceededIndexes: the recorded indexes plus succeeded pods with a valid index.
    const std::int32_t completions = *job.spec->completions;
    context.prev_succeeded_indexes = OrderedIntervals::parse(job.status->completed_indexes, completions);
    std::vector<std::int32_t> indexes;
    for (const api::Pod* pod : new_succeeded) indexes.push_back(get_completion_index(*pod));
    std::ranges::sort(indexes);
    indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
    context.succeeded_indexes = context.prev_succeeded_indexes.with_ordered_indexes(indexes);
    context.succeeded = context.succeeded_indexes.total();
    if (has_backoff_limit_per_index(job)) {
      context.failed_indexes = calculate_failed_indexes(job, context.all);
      const std::int32_t failed_indexes = context.failed_indexes->total();
      if (!context.finished_condition) {
        if (job.spec->max_failed_indexes && failed_indexes > *job.spec->max_failed_indexes) {
          context.finished_condition =
              new_condition(api::kJobFailureTarget, "MaxFailedIndexesExceeded",
                            "Job has exceeded the specified maximal number of failed indexes", now);
        } else if (failed_indexes > 0 && failed_indexes + context.succeeded_indexes.total() >= completions) {
          context.finished_condition = new_condition(api::kJobFailureTarget, "FailedIndexes", "Job has failed indexes", now);
        }
      }
      for (const auto& [index, position] :
           pods_with_delayed_deletion_per_index(job, context.all, context.succeeded_indexes, *context.failed_indexes)) {
        context.delayed_deletion.emplace(index, context.pods[position]);
      }
    }
    // Failure conditions above win over a success policy matched in the same sync.
    if (!context.finished_condition && job.spec->success_policy) {
      if (auto message = match_success_policy(*job.spec->success_policy, completions, context.succeeded_indexes)) {
        context.finished_condition = new_condition(api::kJobSuccessCriteriaMet, "SuccessPolicy", std::move(*message), now);
      }
    }
  }

  if (context.finished_condition) {
    // Failing or succeeding: delete every active pod, keeping its finalizer so that it is
    // counted (as failed, unless the Job succeeded) when its finalizer is removed.
    std::int32_t deleted_ready = 0;
    const std::int32_t deleted = delete_job_pods(job, context.active_pods, false, deleted_ready);
    for (const PodRef& ref : context.active_pods) context.deleted_while_finishing.push_back(ref.id);
    active -= deleted;
    context.terminating += deleted;
    context.ready -= deleted_ready;
  } else {
    bool manage_job_called = false;
    if (!job.metadata->deletion_timestamp) {
      active = manage_job(id, job, context);
      manage_job_called = true;
    }
    const bool complete = job.spec->completions ? context.succeeded >= *job.spec->completions && active == 0
                                               : context.succeeded > 0 && active == 0;
    if (complete) {
      context.finished_condition = new_condition(api::kJobSuccessCriteriaMet, api::constant_name("CompletionsReached"),
                                                 api::constant_name("Reached expected number of succeeded pods"), now);
    } else if (manage_job_called) {
      if (job_suspended(job)) {
        if (ensure_job_condition_status(job.status, api::kJobSuspended, api::ConditionStatus::True,
                                        "JobSuspended", "Job suspended", now)) {
          recorder_.normal(api::Kind::Job, job.metadata, "Suspended", "Job suspended");
        }
      } else if (ensure_job_condition_status(job.status, api::kJobSuspended, api::ConditionStatus::False,
                                             "JobResumed", "Job resumed", now)) {
        recorder_.normal(api::Kind::Job, job.metadata, "Resumed", "Job resumed");
        // Resumed Jobs restart the activeDeadlineSeconds clock.
        job.status.edit().start_time = now;
      }
    }
  }
  // No "status changed" flag is kept: the whole status is compared before it is written.
  // Fields are set only when they change, so an unchanged status stays shared (no copy).
  job.status.set(&api::JobStatus::active, active);
  job.status.set(&api::JobStatus::ready, context.ready);
  job.status.set(&api::JobStatus::terminating, context.terminating);
  track_job_status_and_remove_finalizers(id, *cached, job, context);
}

const api::Pod* JobController::delayed_pod(const SyncContext& context, std::int32_t index) {
  const auto found = context.delayed_deletion.find(index);
  return found == context.delayed_deletion.end() ? nullptr : found->second.pod;
}

std::int32_t JobController::manage_job(api::ObjectId id, api::Job& job, SyncContext& context) {
  std::int32_t active = static_cast<std::int32_t>(context.active_pods.size());
  const std::int32_t parallelism = *job.spec->parallelism;
  auto removal_order = [&](std::int32_t count) {
    if (count == 0) {
      // The usual sync removes nothing: with count 0 only pods without a valid index, or
      // sharing an index, are removed. Sorting plain indexes finds out whether there are any
      // several times faster than the full sort of the pods below (docs/performance.md).
      if (!api::is_indexed(job)) return std::vector<PodRef>{};
      std::vector<std::int32_t> indexes;
      indexes.reserve(context.active_pods.size());
      for (const PodRef& ref : context.active_pods) indexes.push_back(ref.index);
      std::ranges::sort(indexes);
      const bool all_valid = indexes.empty() || (valid_index(job, indexes.front()) && valid_index(job, indexes.back()));
      if (all_valid && std::ranges::adjacent_find(indexes) == indexes.end()) return std::vector<PodRef>{};
    }
    std::vector<PodRef> candidates = context.active_pods;
    std::vector<PodRef> remove;
    if (api::is_indexed(job)) {
      // appendDuplicatedIndexPodsForRemoval: pods without a valid index, and all but one pod
      // of each index, go first.
      std::vector<PodRef> keep;
      std::ranges::sort(candidates, [](const PodRef& a, const PodRef& b) {
        if (a.index != b.index) return a.index < b.index;
        return active_pods_less(*b.pod, *a.pod);  // most advanced first within an index
      });
      std::int32_t last = kUnknownCompletionIndex - 1;
      for (const PodRef& ref : candidates) {
        const std::int32_t index = ref.index;
        if (!valid_index(job, index) || index == last) {
          remove.push_back(ref);
        } else {
          keep.push_back(ref);
        }
        last = index;
      }
      candidates = std::move(keep);
    }
    if (static_cast<std::int32_t>(remove.size()) < count) {
      std::ranges::sort(candidates, [](const PodRef& a, const PodRef& b) { return active_pods_less(*a.pod, *b.pod); });
      const auto extra = std::min<std::size_t>(candidates.size(), static_cast<std::size_t>(count) - remove.size());
      remove.insert(remove.end(), candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(extra));
    }
    if (remove.size() > static_cast<std::size_t>(kMaxPodCreateDeletePerSync)) remove.resize(kMaxPodCreateDeletePerSync);
    return remove;
  };

  if (job_suspended(job)) {
    std::int32_t removed_ready = 0;
    const std::int32_t removed = delete_job_pods(job, removal_order(active), true, removed_ready);
    context.terminating += removed;
    context.ready -= removed_ready;
    return active - removed;
  }

  std::int32_t want_active = 0;
  if (!job.spec->completions) {
    // Work-queue mode: after the first success, leave running pods alone and create no more.
    want_active = context.succeeded > 0 ? active : parallelism;
  } else {
    // Never more pods than remaining completions.
    want_active = std::clamp(*job.spec->completions - context.succeeded, 0, parallelism);
  }
  const std::int32_t remove_at_least = std::max(0, active - want_active);
  if (std::vector<PodRef> to_delete = removal_order(remove_at_least); !to_delete.empty()) {
    // A sync either deletes or creates, never both; deletion takes precedence.
    std::int32_t removed_ready = 0;
    const std::int32_t removed = delete_job_pods(job, to_delete, true, removed_ready);
    context.terminating += removed;
    context.ready -= removed_ready;
    return active - removed;
  }

  const std::int32_t terminating = only_replace_failed_pods(job) ? context.terminating : 0;
  std::int32_t diff = want_active - terminating - active;
  if (diff <= 0) return active;
  const bool per_index = has_backoff_limit_per_index(job);
  // With backoffLimitPerIndex each index has its own backoff (below), not the Job's record.
  const api::Duration remaining =
      per_index ? api::Duration::zero()
                : get_remaining_time(context.new_backoff_record, sim_.now(), timings_.job_pod_failure_backoff,
                                     timings_.job_max_pod_failure_backoff);
  if (remaining > api::Duration::zero()) {
    queue_.add_after(id, std::max(remaining, timings_.job_sync_batch_period));  // enqueueSyncJobWithDelay
    // Upstream returns 0 here, so status.active reads 0 while the backoff runs even if some
    // pods are still active (manageJob, "return 0, metrics.JobSyncActionPodsCreated, nil").
    return 0;
  }
  diff = std::min(diff, kMaxPodCreateDeletePerSync);
  if (api::is_indexed(job)) {
    std::vector<std::int32_t> excluded;
    for (const PodRef& ref : context.active_pods) excluded.push_back(ref.index);
    if (only_replace_failed_pods(job)) {
      for (const PodRef& ref : context.pods) {
        if (is_pod_terminating(*ref.pod)) excluded.push_back(ref.index);
      }
    }
    // Failed indexes are never retried.
    const OrderedIntervals not_pending =
        context.failed_indexes ? context.succeeded_indexes.merge(*context.failed_indexes) : context.succeeded_indexes;
    std::vector<std::int32_t> indexes = first_pending_indexes(not_pending, std::move(excluded), diff, *job.spec->completions);
    if (per_index) {
      // getPodCreationInfoForIndependentIndexes: create the indexes whose own backoff is over;
      // when none is, requeue at the earliest one and report 0 active, as upstream does.
      std::vector<std::int32_t> ready_now;
      std::optional<api::Duration> earliest;
      for (std::int32_t index : indexes) {
        const api::Duration wait = get_remaining_time_per_index(delayed_pod(context, index), sim_.now(),
                                                                timings_.job_pod_failure_backoff,
                                                                timings_.job_max_pod_failure_backoff);
        if (wait == api::Duration::zero()) {
          ready_now.push_back(index);
        } else if (!earliest || wait < *earliest) {
          earliest = wait;
        }
      }
      if (ready_now.empty() && earliest) {
        queue_.add_after(id, std::max(*earliest, timings_.job_sync_batch_period));  // enqueueSyncJobWithDelay
        return 0;
      }
      indexes = std::move(ready_now);
    }
    for (std::int32_t index : indexes) create_pod(job, index, per_index ? delayed_pod(context, index) : nullptr);
    return active + static_cast<std::int32_t>(indexes.size());
  }
  // Slow-start batches (1, 2, 4, ...) only matter when creations fail, which the model does not
  // inject; all `diff` pods are created.
  for (std::int32_t i = 0; i < diff; ++i) create_pod(job, kUnknownCompletionIndex);
  return active + diff;
}

void JobController::create_pod(const api::Job& job, std::int32_t completion_index, const api::Pod* replaced) {
  api::Pod pod;
  pod.metadata.edit().namespace_ = job.metadata->namespace_;
  pod.metadata.edit().generate_name = job.metadata->name + "-";
  pod.metadata.edit().labels = job.spec->template_.labels;
  pod.metadata.edit().annotations = job.spec->template_.annotations;
  pod.metadata.edit().finalizers.edit().push_back(api::constant_name(api::kJobTrackingFinalizer));
  pod.metadata.edit().owner_references.edit().push_back({.api_version = api::constant_name("batch/v1"),
                                           .kind = api::constant_name("Job"),
                                           .name = job.metadata->name,
                                           .uid = job.metadata->uid,
                                           .controller = true,
                                           .block_owner_deletion = true});
  pod.spec = job.spec->template_.spec;
  if (completion_index != kUnknownCompletionIndex) {
    const std::string index = std::to_string(completion_index);
    pod.metadata.edit().generate_name = job.metadata->name + "-" + index + "-";
    pod.metadata.edit().annotations.edit()[std::string(api::kJobCompletionIndexAnnotation)] = index;
    pod.metadata.edit().labels.edit()[std::string(api::kJobCompletionIndexAnnotation)] = index;
    pod.spec.edit().hostname = job.metadata->name + "-" + index;
    for (api::Container& container : pod.spec.edit().containers) {
      container.env.push_back({.name = "JOB_COMPLETION_INDEX", .value = index});
    }
    if (has_backoff_limit_per_index(job)) {
      // addIndexFailureCountAnnotation: the count always, the ignored count only when > 0.
      const IndexFailureCounts counts = get_new_index_failure_counts(job, replaced);
      pod.metadata.edit().annotations.edit()[api::constant_name(kJobIndexFailureCountAnnotation)] = std::to_string(counts.failure_count);
      if (counts.ignored_failure_count > 0) {
        pod.metadata.edit().annotations.edit()[api::constant_name(kJobIndexIgnoredFailureCountAnnotation)] =
            std::to_string(counts.ignored_failure_count);
      }
    }
  }
  const cluster::ApiResult created = client_.create(std::move(pod));
  if (created.ok()) {
    recorder_.normal(api::Kind::Job, job.metadata, "SuccessfulCreate",
                     {"Created pod: {}", pods_.get(created.id)->metadata->name});
  } else {
    recorder_.warning(api::Kind::Job, job.metadata, "FailedCreate",
                      api::EventMessage::text("Error creating: " + created.message));
  }
}

std::int32_t JobController::delete_job_pods(const api::Job& job, const std::vector<PodRef>& pods,
                                            bool remove_finalizer, std::int32_t& removed_ready) {
  std::int32_t removed = 0;
  for (const PodRef& ref : pods) {
    const api::Pod* pod = pods_.get(ref.id);
    if (pod == nullptr) continue;
    const bool ready = is_pod_ready(*pod);
    const api::Name name = pod->metadata->name;
    // Scale-down and suspend remove the finalizer first, so those pods are never counted as
    // failed; pods of a finishing Job keep it and are counted.
    if (remove_finalizer) remove_tracking_finalizer(ref.id, *pod);
    if (pods_.get(ref.id) != nullptr) {
      const cluster::ApiResult result = client_.remove(api::Kind::Pod, ref.id);
      if (!result.ok() && result.code != cluster::ApiErrorCode::NotFound) {
        recorder_.warning(api::Kind::Job, job.metadata, "FailedDelete",
                          api::EventMessage::text("Error deleting: " + result.message));
        continue;
      }
    }
    recorder_.normal(api::Kind::Job, job.metadata, "SuccessfulDelete", {"Deleted pod: {}", name});
    ++removed;
    if (ready) ++removed_ready;
  }
  return removed;
}

// trackJobStatusAndRemoveFinalizers + flushUncountedAndRemoveFinalizers + enactJobFinished,
// folded into one status write (see the file header).
void JobController::track_job_status_and_remove_finalizers(api::ObjectId id, const api::Job& cached, api::Job& job,
                                                           SyncContext& context) {
  const bool indexed = api::is_indexed(job);
  std::vector<PodRef> to_remove;
  std::int32_t new_succeeded = 0;
  std::int32_t new_failed = 0;
  std::vector<std::int32_t> new_succeeded_indexes;
  bool reached_max_uncounted = false;
  const bool finishing = context.finished_condition.has_value();
  const bool success = finishing && (context.finished_condition->type == api::kJobSuccessCriteriaMet ||
                                     context.finished_condition->type == api::kJobComplete);
  // Pods are visited in creation order (upstream sorts Indexed Jobs' pods by index).
  for (const PodRef& ref : context.pods) {
    const api::Pod& pod = *pods_.get(ref.id);  // refreshed: deletes above changed some pods
    if (!has_tracking_finalizer(pod)) continue;
    const bool consider_failed =
        is_pod_failed(pod, job) && !std::ranges::binary_search(context.deleted_while_finishing, ref.id);
    // canRemoveFinalizer: a failed pod whose index waits for its replacement keeps it.
    bool can_remove = job.metadata->deletion_timestamp || finishing || pod.status->phase == api::PodPhase::Succeeded;
    if (!can_remove && consider_failed) {
      const auto delayed = context.delayed_deletion.find(ref.index);
      can_remove = delayed == context.delayed_deletion.end() || delayed->second.id != ref.id;
    }
    if (!can_remove) continue;
    to_remove.push_back(ref);
    if (pod.status->phase == api::PodPhase::Succeeded) {
      if (indexed) {
        const std::int32_t index = get_completion_index(pod);
        if (valid_index(job, pod) && !context.prev_succeeded_indexes.has(index)) new_succeeded_indexes.push_back(index);
      } else {
        ++new_succeeded;
      }
    } else if (consider_failed || (finishing && !success)) {
      // When the Job is finishing (not by success), every non-terminated pod counts as failed.
      if (valid_index(job, pod)) {
        const bool counts = !job.spec->pod_failure_policy ||
                            match_pod_failure_policy(*job.spec->pod_failure_policy, pod).count_failed;
        if (counts) ++new_failed;
      }
    }
    if (static_cast<int>(new_succeeded_indexes.size()) + new_succeeded + new_failed >= kMaxUncountedPods) {
      reached_max_uncounted = true;
      break;
    }
  }
  const api::SimTime now = sim_.now();
  std::optional<api::JobCondition> final_condition = context.finished_condition;
  if (final_condition && final_condition->type == api::kJobFailureTarget) {
    job.status.edit().conditions.push_back(*final_condition);  // interim condition first
    final_condition = new_condition(api::kJobFailed, final_condition->reason, final_condition->message, now);
  } else if (final_condition && final_condition->type == api::kJobSuccessCriteriaMet) {
    if (!api::is_condition_true(job.status, api::kJobSuccessCriteriaMet)) job.status.edit().conditions.push_back(*final_condition);
    final_condition = new_condition(api::kJobComplete, final_condition->reason, final_condition->message, now);
  }
  for (const PodRef& ref : to_remove) remove_tracking_finalizer(ref.id, *pods_.get(ref.id));
  if (indexed) {
    std::ranges::sort(new_succeeded_indexes);
    new_succeeded_indexes.erase(std::unique(new_succeeded_indexes.begin(), new_succeeded_indexes.end()),
                                new_succeeded_indexes.end());
    context.succeeded_indexes = context.prev_succeeded_indexes.with_ordered_indexes(new_succeeded_indexes);
    job.status.set(&api::JobStatus::succeeded, context.succeeded_indexes.total());
    job.status.set(&api::JobStatus::completed_indexes, context.succeeded_indexes.to_string());
    // failedIndexes is nil unless backoffLimitPerIndex is used.
    job.status.set(&api::JobStatus::failed_indexes, context.failed_indexes
                                                        ? api::Boxed<std::string>(context.failed_indexes->to_string())
                                                        : api::Boxed<std::string>());
  } else if (new_succeeded != 0) {
    job.status.edit().succeeded += new_succeeded;
  }
  if (new_failed != 0) job.status.edit().failed += new_failed;
  job.status.set(&api::JobStatus::uncounted_terminated_pods, api::UncountedTerminatedPods{});
  backoff_records_[id] = context.new_backoff_record;

  // enactJobFinished: the final condition waits until no pod is terminating.
  bool job_finished = false;
  if (final_condition && !reached_max_uncounted && context.terminating == 0) {
    ensure_job_condition_status(job.status, final_condition->type, final_condition->status,
                                final_condition->reason, final_condition->message, now);
    if (final_condition->type == api::kJobComplete) job.status.edit().completion_time = now;
    job_finished = true;
  }
  if (job.status == cached.status) return;
  if (!job_finished) {
    client_.update(id, std::move(job));
    return;
  }
  // recordJobFinished reads the written Job, which the update may erase from the store: keep
  // what it needs (a whole copy of the Job on every status write was 8 % of the instructions of
  // the CronJob fleet, docs/performance.md).
  const api::ObjectMeta meta = job.metadata;
  const bool too_many_succeeded = job.spec->completions && job.status->succeeded > *job.spec->completions;
  const std::optional<api::SimTime> start_time = job.status->start_time;
  const bool written = client_.update(id, std::move(job)).ok();
  if (written && lifecycle_ != nullptr) {
    lifecycle_->job_finished.emit(
        {.job = id,
         .condition = final_condition->type == api::kJobComplete ? cluster::JobFinishedCondition::Complete
                                                                 : cluster::JobFinishedCondition::Failed,
         .reason = final_condition->reason,
         .at = now,
         .start_time = start_time});
  }
  if (final_condition->type == api::kJobComplete) {
    if (too_many_succeeded) {
      recorder_.warning(api::Kind::Job, meta, "TooManySucceededPods",
                        "Too many succeeded pods running after completion count reached");
    }
    recorder_.normal(api::Kind::Job, meta, "Completed", "Job completed");
  } else {
    recorder_.warning(api::Kind::Job, meta, final_condition->reason, api::EventMessage::text(final_condition->message));
  }
}

}  // namespace jobsim::controllers::job
