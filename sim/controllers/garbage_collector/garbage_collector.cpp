// Upstream: pkg/controller/garbagecollector/garbagecollector.go, graph_builder.go.
#include "jobsim/controllers/garbage_collector/garbage_collector.hpp"

#include <algorithm>

#include "jobsim/engine/check.hpp"

namespace jobsim::controllers::garbage_collector {

using namespace std::chrono_literals;

namespace {
constexpr std::uint32_t kIdBits = 30;
constexpr std::uint32_t kIdMask = (1u << kIdBits) - 1;
}  // namespace

WorkQueue::Key GarbageCollector::encode(Ref ref) {
  JOBSIM_CHECK(ref.id <= kIdMask, "garbage collector key space exhausted (more than 2^30 objects of one kind)");
  return (static_cast<std::uint32_t>(ref.kind) << kIdBits) | ref.id;
}

GarbageCollector::Ref GarbageCollector::decode(WorkQueue::Key key) {
  return {static_cast<api::Kind>(key >> kIdBits), key & kIdMask};
}

GarbageCollector::GarbageCollector(engine::Simulator& sim, cluster::Informer<api::Pod>& pods,
                                   cluster::Informer<api::Job>& jobs, cluster::Informer<api::CronJob>& cron_jobs,
                                   cluster::Client& client)
    : pods_(pods), jobs_(jobs), cron_jobs_(cron_jobs), client_(client), queue_(sim, "gc.process", 5ms, 1000s) {
  queue_.set_process([this](WorkQueue::Key key) { process(key); });
  watch(pods_, api::Kind::Pod);
  watch(jobs_, api::Kind::Job);
  watch(cron_jobs_, api::Kind::CronJob);
}

template <class T>
void GarbageCollector::watch(cluster::Informer<T>& informer, api::Kind kind) {
  informer.on_add([this, kind](api::ObjectId id, const T& object) { on_object({kind, id}, object.metadata); });
  informer.on_update([this, kind](api::ObjectId id, const T& old_object, const T& object) {
    if (old_object.metadata.owner_references != object.metadata.owner_references) {
      for (const auto& owner : old_object.metadata.owner_references) dependents_by_owner_[owner.uid].erase({kind, id});
    }
    on_object({kind, id}, object.metadata);
  });
  informer.on_delete([this, kind](api::ObjectId id, const T& object) { on_object_gone({kind, id}, object.metadata); });
}

void GarbageCollector::start() {
  queue_.resume();
  auto resync = [this](api::Kind kind, api::ObjectId id, const api::ObjectMeta& meta) {
    if (!meta.owner_references.empty() || meta.deletion_timestamp) queue_.add(encode({kind, id}));
  };
  pods_.for_each([&](api::ObjectId id, const api::Pod& pod) { resync(api::Kind::Pod, id, pod.metadata); });
  jobs_.for_each([&](api::ObjectId id, const api::Job& job) { resync(api::Kind::Job, id, job.metadata); });
  cron_jobs_.for_each([&](api::ObjectId id, const api::CronJob& cj) { resync(api::Kind::CronJob, id, cj.metadata); });
}

// Handler: maintain the owner graph and enqueue what needs a look.
void GarbageCollector::on_object(Ref ref, const api::ObjectMeta& meta) {
  if (ref.kind != api::Kind::Pod) owners_by_uid_[meta.uid] = ref;
  bool owner_missing = false;
  for (const api::OwnerReference& owner : meta.owner_references) {
    dependents_by_owner_[owner.uid].insert(ref);
    const auto found = owner_by_uid(owner.uid);
    if (!found) {
      owner_missing = true;
      continue;
    }
    // A dependent changing while its owner waits for dependents may unblock the owner.
    if (const api::ObjectMeta* owner_meta = this->meta(*found); owner_meta && owner_meta->deletion_timestamp) {
      queue_.add(encode(*found));
    }
  }
  if (owner_missing) queue_.add(encode(ref));
  if (meta.deletion_timestamp && (api::has_finalizer(meta, api::kForegroundDeletionFinalizer) ||
                                  api::has_finalizer(meta, api::kOrphanFinalizer))) {
    queue_.add(encode(ref));
  }
}

void GarbageCollector::on_object_gone(Ref ref, const api::ObjectMeta& meta) {
  for (const api::OwnerReference& owner : meta.owner_references) {
    auto found = dependents_by_owner_.find(owner.uid);
    if (found != dependents_by_owner_.end()) found->second.erase(ref);
    if (const auto owner_ref = owner_by_uid(owner.uid)) queue_.add(encode(*owner_ref));
  }
  if (ref.kind == api::Kind::Pod) return;
  owners_by_uid_.erase(meta.uid);
  // The owner is gone: each dependent is looked at (attemptToDeleteItem).
  if (auto found = dependents_by_owner_.find(meta.uid); found != dependents_by_owner_.end()) {
    for (const Ref& dependent : found->second) queue_.add(encode(dependent));
  }
}

const api::ObjectMeta* GarbageCollector::meta(Ref ref) const {
  switch (ref.kind) {
    case api::Kind::Pod: return pods_.get(ref.id) ? &pods_.get(ref.id)->metadata : nullptr;
    case api::Kind::Job: return jobs_.get(ref.id) ? &jobs_.get(ref.id)->metadata : nullptr;
    case api::Kind::CronJob: return cron_jobs_.get(ref.id) ? &cron_jobs_.get(ref.id)->metadata : nullptr;
    case api::Kind::Node: return nullptr;
  }
  return nullptr;
}

std::optional<GarbageCollector::Ref> GarbageCollector::owner_by_uid(const std::string& uid) const {
  const auto found = owners_by_uid_.find(uid);
  if (found == owners_by_uid_.end()) return std::nullopt;
  return found->second;
}

void GarbageCollector::process(WorkQueue::Key key) {
  const Ref ref = decode(key);
  const api::ObjectMeta* object = meta(ref);
  if (object == nullptr) return;
  if (object->deletion_timestamp) {
    if (api::has_finalizer(*object, api::kOrphanFinalizer)) {
      orphan_dependents(ref, *object);
      return;
    }
    if (api::has_finalizer(*object, api::kForegroundDeletionFinalizer)) {
      process_deleting_dependents(ref, *object);
      return;
    }
  }
  attempt_to_delete_item(ref, *object);
}

// attemptToDeleteItem: an object whose owners are all gone is deleted; one with some owners
// gone loses those references.
void GarbageCollector::attempt_to_delete_item(Ref ref, const api::ObjectMeta& object) {
  if (object.owner_references.empty() || object.deletion_timestamp) return;
  std::vector<std::string> dangling;
  for (const api::OwnerReference& owner : object.owner_references) {
    const auto found = owner_by_uid(owner.uid);
    const api::ObjectMeta* owner_meta = found ? meta(*found) : nullptr;
    // An owner waiting for its dependents (Foreground) deletes them itself: see
    // process_deleting_dependents.
    if (owner_meta == nullptr) dangling.push_back(owner.uid);
  }
  if (dangling.size() == object.owner_references.size()) {
    // Background. Upstream picks Orphan or Foreground when the object carries that finalizer itself;
    // such an object already has a deletionTimestamp and returned above.
    delete_object(ref, std::nullopt);
    return;
  }
  if (!dangling.empty()) {
    api::ObjectMeta patched = object;
    std::erase_if(patched.owner_references, [&](const api::OwnerReference& owner) {
      return std::ranges::find(dangling, owner.uid) != dangling.end();
    });
    update_meta(ref, patched);
    return;
  }
}

// processDeletingDependentsItem: delete the dependents of a foreground-deleting owner; remove
// the foregroundDeletion finalizer once no blocking dependent is left.
void GarbageCollector::process_deleting_dependents(Ref ref, const api::ObjectMeta& object) {
  bool blocked = false;
  if (auto found = dependents_by_owner_.find(object.uid); found != dependents_by_owner_.end()) {
    const std::set<Ref> dependents = found->second;  // deleting below may change the index
    for (const Ref& dependent : dependents) {
      const api::ObjectMeta* dependent_meta = meta(dependent);
      if (dependent_meta == nullptr) continue;
      const auto ref_to_owner = std::ranges::find(dependent_meta->owner_references, object.uid, &api::OwnerReference::uid);
      if (ref_to_owner != dependent_meta->owner_references.end() && ref_to_owner->block_owner_deletion) blocked = true;
      if (!dependent_meta->deletion_timestamp) {
        // A dependent with dependents of its own is deleted in the foreground too.
        const bool has_own = dependents_by_owner_.contains(dependent_meta->uid) &&
                             !dependents_by_owner_.at(dependent_meta->uid).empty();
        delete_object(dependent, has_own ? std::optional(cluster::PropagationPolicy::Foreground) : std::nullopt);
      }
    }
  }
  if (blocked) return;
  api::ObjectMeta patched = object;
  api::remove_finalizer(patched, api::kForegroundDeletionFinalizer);
  update_meta(ref, patched);
}

void GarbageCollector::orphan_dependents(Ref ref, const api::ObjectMeta& object) {
  if (auto found = dependents_by_owner_.find(object.uid); found != dependents_by_owner_.end()) {
    const std::set<Ref> dependents = found->second;
    for (const Ref& dependent : dependents) {
      const api::ObjectMeta* dependent_meta = meta(dependent);
      if (dependent_meta == nullptr) continue;
      api::ObjectMeta patched = *dependent_meta;
      std::erase_if(patched.owner_references, [&](const api::OwnerReference& owner) { return owner.uid == object.uid; });
      update_meta(dependent, patched);
    }
  }
  api::ObjectMeta patched = object;
  api::remove_finalizer(patched, api::kOrphanFinalizer);
  update_meta(ref, patched);
}

void GarbageCollector::delete_object(Ref ref, std::optional<cluster::PropagationPolicy> policy) {
  cluster::DeleteOptions options;
  // The garbage collector deletes dependents in the background unless they have dependents
  // waiting on them (attemptToDeleteItem's policy switch).
  options.propagation_policy = policy.value_or(cluster::PropagationPolicy::Background);
  client_.remove(ref.kind, ref.id, options);
}

void GarbageCollector::update_meta(Ref ref, const api::ObjectMeta& meta) {
  switch (ref.kind) {
    case api::Kind::Pod: {
      api::Pod pod = *pods_.get(ref.id);
      pod.metadata = meta;
      client_.update(ref.id, std::move(pod));
      return;
    }
    case api::Kind::Job: {
      api::Job job = *jobs_.get(ref.id);
      job.metadata = meta;
      client_.update(ref.id, std::move(job));
      return;
    }
    case api::Kind::CronJob: {
      api::CronJob cron_job = *cron_jobs_.get(ref.id);
      cron_job.metadata = meta;
      client_.update(ref.id, std::move(cron_job));
      return;
    }
    case api::Kind::Node: return;
  }
}

}  // namespace jobsim::controllers::garbage_collector
