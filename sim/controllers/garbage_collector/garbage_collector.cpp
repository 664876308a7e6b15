// Upstream: pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteItem,
// classifyReferences, processDeletingDependentsItem, orphanDependents), graph_builder.go
// (processGraphChanges, addDependentToOwners, processTransitions, referencesDiffs,
// addUnblockedOwnersToDeleteQueue).
#include "jobsim/controllers/garbage_collector/garbage_collector.hpp"

#include <algorithm>
#include <limits>  // std::numeric_limits
#include <tuple>  // std::tuple (sort keys)

#include "jobsim/engine/check.hpp"
#include "owner_graph.hpp"

namespace jobsim::controllers::garbage_collector {

using namespace std::chrono_literals;

static_assert(std::is_same_v<OwnerGraph::Vertex, std::size_t>, "GarbageCollector::Vertex must match OwnerGraph::Vertex");

namespace {

bool is_being_deleted(const api::ObjectMeta& meta) { return meta.deletion_timestamp.has_value(); }
bool has_delete_dependents_finalizer(const api::ObjectMeta& meta) {
  return api::has_finalizer(meta, api::kForegroundDeletionFinalizer);
}
bool has_orphan_finalizer(const api::ObjectMeta& meta) { return api::has_finalizer(meta, api::kOrphanFinalizer); }

// Upstream graph_builder.go deletionStartsWithFinalizer: the object is being deleted with the
// finalizer now, and was not before (or was never seen).
bool deletion_starts_with_finalizer(const api::ObjectMeta* old_meta, const api::ObjectMeta& meta,
                                    std::string_view finalizer) {
  if (!is_being_deleted(meta) || !api::has_finalizer(meta, finalizer)) return false;
  return old_meta == nullptr || !is_being_deleted(*old_meta) || !api::has_finalizer(*old_meta, finalizer);
}

const api::OwnerReference* find_reference(const std::vector<api::OwnerReference>& refs, const api::Name& uid) {
  const auto found = std::ranges::find(refs, uid, &api::OwnerReference::uid);
  return found == refs.end() ? nullptr : &*found;
}

}  // namespace

GarbageCollector::GarbageCollector(engine::Simulator& sim, cluster::Informer<api::Pod>& pods,
                                   cluster::Informer<api::Job>& jobs, cluster::Informer<api::CronJob>& cron_jobs,
                                   cluster::Client& client)
    : pods_(pods),
      jobs_(jobs),
      cron_jobs_(cron_jobs),
      client_(client),
      queue_(sim, "gc.process", 5ms, 1000s),
      graph_(std::make_unique<OwnerGraph>()) {
  queue_.set_process([this](WorkQueue::Key key) { process(key); });
  watch(pods_, api::Kind::Pod);
  watch(jobs_, api::Kind::Job);
  watch(cron_jobs_, api::Kind::CronJob);
}

GarbageCollector::~GarbageCollector() = default;

std::size_t GarbageCollector::graph_size() const { return graph_->size(); }

template <class T>
void GarbageCollector::watch(cluster::Informer<T>& informer, api::Kind kind) {
  informer.on_add([this, kind](api::ObjectId id, const T& object) { on_add(kind, id, object.metadata); });
  informer.on_update([this, kind](api::ObjectId id, const T& old_object, const T& object) {
    on_update(kind, id, old_object.metadata, object.metadata);
  });
  informer.on_delete([this, kind](api::ObjectId id, const T&) { on_delete(kind, id); });
}

void GarbageCollector::stop() {
  running_ = false;
  queue_.pause();
  graph_->clear();
}

void GarbageCollector::start() {
  running_ = true;
  queue_.resume();
  rebuild();
}

// rebuild replays the informers' contents as add events, owners first (fewer virtual nodes; the
// outcome does not depend on the order). Objects already waiting on a deletion finalizer are
// queued by process_transitions, dependents of vanished owners through their virtual owner.
void GarbageCollector::rebuild() {
  graph_->clear();
  cron_jobs_.for_each([this](api::ObjectId id, const api::CronJob& cron_job) { on_add(api::Kind::CronJob, id, cron_job.metadata); });
  jobs_.for_each([this](api::ObjectId id, const api::Job& job) { on_add(api::Kind::Job, id, job.metadata); });
  pods_.for_each([this](api::ObjectId id, const api::Pod& pod) { on_add(api::Kind::Pod, id, pod.metadata); });
}

// ---- graph builder ----------------------------------------------------------------------

// Upstream processGraphChanges, add event (and the first sighting of a virtual node: the
// vertex is adopted; its dependents are looked at again, since their references were made
// before the owner's coordinates were known).
void GarbageCollector::on_add(api::Kind kind, api::ObjectId id, const api::ObjectMeta& meta) {
  if (!running_) return;
  const auto virtual_vertex = graph_->find(meta.uid);
  const Vertex vertex = graph_->observe(kind, id, meta.uid);
  if (virtual_vertex) enqueue_sorted(graph_->dependents(vertex));
  add_dependent_to_owners(vertex, meta.owner_references);
  process_transitions(nullptr, meta, vertex);
}

// Upstream processGraphChanges, update event: owner reference diffs, then transitions.
void GarbageCollector::on_update(api::Kind kind, api::ObjectId id, const api::ObjectMeta& old_meta,
                                 const api::ObjectMeta& meta) {
  if (!running_) return;
  const auto found = graph_->vertex_of(kind, id);
  if (!found) {
    // Created before the collector was watching: this is its first sighting.
    on_add(kind, id, meta);
    return;
  }
  const Vertex vertex = *found;
  if (old_meta.owner_references != meta.owner_references) {
    // referencesDiffs + addUnblockedOwnersToDeleteQueue: an owner that loses a blocking
    // reference (removed, or blockOwnerDeletion set to false) may be waiting for it.
    std::vector<api::OwnerReference> added;
    for (const api::OwnerReference& ref : meta.owner_references) {
      const api::OwnerReference* before = find_reference(old_meta.owner_references, ref.uid);
      if (before == nullptr) {
        added.push_back(ref);
        continue;
      }
      if (*before == ref) continue;
      const auto owner = graph_->find(ref.uid);
      if (!owner) continue;
      graph_->set_owner_edge(vertex, *owner, ref.block_owner_deletion);
      if (before->block_owner_deletion && !ref.block_owner_deletion) enqueue(*owner);
    }
    for (const api::OwnerReference& ref : old_meta.owner_references) {
      if (find_reference(meta.owner_references, ref.uid) != nullptr) continue;
      const auto owner = graph_->find(ref.uid);
      if (!owner) continue;
      graph_->remove_owner_edge(vertex, *owner);
      if (ref.block_owner_deletion) enqueue(*owner);
    }
    add_dependent_to_owners(vertex, added);
  }
  process_transitions(&old_meta, meta, vertex);
}

void GarbageCollector::on_delete(api::Kind kind, api::ObjectId id) {
  if (!running_) return;
  if (const auto found = graph_->vertex_of(kind, id)) remove_node(*found);
}

// Upstream addDependentToOwners: an owner not in the graph gets a virtual vertex, queued so that
// the worker confirms it is absent. A reference whose coordinates (namespace, kind, name) do not
// match the observed owner queues the dependent: the worker treats it as dangling.
void GarbageCollector::add_dependent_to_owners(Vertex dependent, const std::vector<api::OwnerReference>& owners) {
  bool potentially_invalid = false;
  for (const api::OwnerReference& ref : owners) {
    const auto existing = graph_->find(ref.uid);
    const Vertex owner = existing ? *existing : graph_->add_virtual(ref.uid);
    graph_->set_owner_edge(dependent, owner, ref.block_owner_deletion);
    if (!existing) {
      enqueue(owner);
      continue;
    }
    const GraphNode& owner_node = graph_->node(owner);
    const GraphNode& dependent_node = graph_->node(dependent);
    if (!owner_node.observed) continue;
    const api::ObjectMeta* owner_meta = meta(owner_node.kind, owner_node.id);
    const api::ObjectMeta* dependent_meta = meta(dependent_node.kind, dependent_node.id);
    if (owner_meta == nullptr || dependent_meta == nullptr || owner_meta->namespace_ != dependent_meta->namespace_ ||
        ref.name != owner_meta->name || ref.kind != api::kind_name(owner_node.kind)) {
      potentially_invalid = true;
    }
  }
  if (potentially_invalid) enqueue(dependent);
}

// Upstream processTransitions.
void GarbageCollector::process_transitions(const api::ObjectMeta* old_meta, const api::ObjectMeta& meta, Vertex vertex) {
  if (deletion_starts_with_finalizer(old_meta, meta, api::kOrphanFinalizer)) {
    enqueue(vertex);  // attemptToOrphan
    return;
  }
  if (deletion_starts_with_finalizer(old_meta, meta, api::kForegroundDeletionFinalizer)) {
    enqueue_sorted(graph_->dependents(vertex));
    enqueue(vertex);
  }
}

// Upstream processGraphChanges, delete event: the node leaves the graph; its dependents are
// looked at (their owner is now dangling) and so are its owners that wait for their dependents.
void GarbageCollector::remove_node(Vertex vertex) {
  std::vector<Vertex> dependents = graph_->dependents(vertex);
  const std::vector<Vertex> owners = graph_->owners(vertex);
  graph_->remove(vertex);
  enqueue_sorted(std::move(dependents));
  for (const Vertex owner : owners) {
    if (is_deleting_dependents(owner)) enqueue(owner);
  }
}

// ---- worker -----------------------------------------------------------------------------

void GarbageCollector::process(WorkQueue::Key key) {
  const Vertex vertex = key;
  // A key outlives its vertex when the object went away first; a reused vertex is then looked
  // at once more, which is harmless (every step below re-reads the current state).
  if (!graph_->in_use(vertex)) return;
  const GraphNode& node = graph_->node(vertex);
  if (!node.observed) {
    // attemptToDeleteItem on a virtual node: the GET finds nothing (objects are observed the
    // instant they exist), so the virtual delete event removes it and queues its dependents.
    remove_node(vertex);
    return;
  }
  const api::ObjectMeta* latest = meta(node.kind, node.id);
  if (latest == nullptr) return;
  if (is_being_deleted(*latest) && has_orphan_finalizer(*latest)) {
    orphan_dependents(vertex, *latest);
    return;
  }
  attempt_to_delete_item(vertex, *latest);
}

// Upstream attemptToDeleteItem: classify the owner references as solid (the owner exists and
// is not deleting its dependents), dangling (absent) or waitingForDependentsDeletion, then
//   - some solid: drop the dangling and waiting references (the object stays);
//   - some waiting and the object has dependents itself: delete it in the foreground;
//   - otherwise: delete it, honouring an orphan/foreground finalizer it already carries.
void GarbageCollector::attempt_to_delete_item(Vertex vertex, const api::ObjectMeta& latest) {
  // "Being deleted" is a one-way trip: wait for the final deletion.
  if (is_being_deleted(latest) && !has_delete_dependents_finalizer(latest)) return;
  if (is_being_deleted(latest)) {
    process_deleting_dependents_item(vertex, latest);
    return;
  }
  if (latest.owner_references.empty()) return;

  std::vector<api::Name> solid;
  std::vector<api::Name> not_solid;  // dangling + waitingForDependentsDeletion
  bool any_waiting = false;
  for (const api::OwnerReference& ref : latest.owner_references) {
    const auto owner = graph_->find(ref.uid);
    const GraphNode* owner_node = owner ? &graph_->node(*owner) : nullptr;
    const api::ObjectMeta* owner_meta =
        owner_node != nullptr && owner_node->observed ? meta(owner_node->kind, owner_node->id) : nullptr;
    // isDangling GETs the owner by the reference's kind, name and the dependent's namespace and
    // compares the uid: a mismatch in any of them is a dangling reference.
    const bool dangling = owner_meta == nullptr || owner_meta->namespace_ != latest.namespace_ ||
                          owner_meta->name != ref.name || api::kind_name(owner_node->kind) != ref.kind;
    if (dangling) {
      not_solid.push_back(ref.uid);
    } else if (is_being_deleted(*owner_meta) && has_delete_dependents_finalizer(*owner_meta)) {
      not_solid.push_back(ref.uid);
      any_waiting = true;
    } else {
      solid.push_back(ref.uid);
    }
  }

  const GraphNode& node = graph_->node(vertex);
  if (!solid.empty()) {
    if (not_solid.empty()) return;
    // Waiting references go too, or their owners would keep the foregroundDeletion finalizer.
    api::ObjectMeta patched = latest;
    std::erase_if(patched.owner_references.edit(), [&](const api::OwnerReference& ref) {
      return std::ranges::find(not_solid, ref.uid) != not_solid.end();
    });
    update_meta(node.kind, node.id, patched);
    return;
  }
  if (any_waiting && graph_->dependents_count(vertex) != 0) {
    // Cycle guard: a dependent that is itself deleting its dependents could wait on this object
    // forever; this object's references stop blocking first.
    const std::vector<Vertex> dependents = graph_->dependents(vertex);
    if (std::ranges::any_of(dependents, [this](Vertex dependent) { return is_deleting_dependents(dependent); })) {
      api::ObjectMeta patched = latest;
      for (api::OwnerReference& ref : patched.owner_references.edit()) ref.block_owner_deletion = false;
      const api::Kind kind = node.kind;
      const api::ObjectId id = node.id;
      update_meta(kind, id, patched);
      if (!graph_->in_use(vertex)) return;
    }
    delete_object(vertex, cluster::PropagationPolicy::Foreground);
    return;
  }
  cluster::PropagationPolicy policy = cluster::PropagationPolicy::Background;
  if (has_orphan_finalizer(latest)) {
    policy = cluster::PropagationPolicy::Orphan;
  } else if (has_delete_dependents_finalizer(latest)) {
    policy = cluster::PropagationPolicy::Foreground;
  }
  delete_object(vertex, policy);
}

// Upstream processDeletingDependentsItem: once no dependent references this owner with
// blockOwnerDeletion, the foregroundDeletion finalizer goes (and with it, usually, the owner);
// until then each blocking dependent is attempted (deleted, as its owner is waiting).
void GarbageCollector::process_deleting_dependents_item(Vertex vertex, const api::ObjectMeta& latest) {
  std::vector<Vertex> blocking = graph_->blocking_dependents(vertex);
  if (blocking.empty()) {
    api::ObjectMeta patched = latest;
    api::remove_finalizer(patched, api::kForegroundDeletionFinalizer);
    const GraphNode& node = graph_->node(vertex);
    update_meta(node.kind, node.id, patched);
    return;
  }
  std::erase_if(blocking, [this](Vertex dependent) { return is_deleting_dependents(dependent); });
  enqueue_sorted(std::move(blocking));
}

// Upstream attemptToOrphanWorker + orphanDependents: remove the owner's reference from every
// dependent, then the orphan finalizer from the owner.
void GarbageCollector::orphan_dependents(Vertex vertex, const api::ObjectMeta& latest) {
  const api::ObjectMeta owner = latest;  // the writes below replace the cached object
  const GraphNode owner_node = graph_->node(vertex);
  std::vector<Vertex> dependents = graph_->dependents(vertex);
  std::vector<std::pair<api::Kind, api::ObjectId>> targets;
  for (const Vertex dependent : dependents) {
    const GraphNode& node = graph_->node(dependent);
    if (node.observed) targets.emplace_back(node.kind, node.id);
  }
  std::ranges::sort(targets);
  for (const auto& [kind, id] : targets) {
    const api::ObjectMeta* dependent_meta = meta(kind, id);
    if (dependent_meta == nullptr || find_reference(dependent_meta->owner_references, owner.uid) == nullptr) continue;
    api::ObjectMeta patched = *dependent_meta;
    std::erase_if(patched.owner_references.edit(), [&](const api::OwnerReference& ref) { return ref.uid == owner.uid; });
    update_meta(kind, id, patched);
  }
  api::ObjectMeta patched = owner;
  api::remove_finalizer(patched, api::kOrphanFinalizer);
  update_meta(owner_node.kind, owner_node.id, patched);
}

// ---- helpers ----------------------------------------------------------------------------

const api::ObjectMeta* GarbageCollector::meta(api::Kind kind, api::ObjectId id) const {
  switch (kind) {
    case api::Kind::Pod: return pods_.get(id) ? &pods_.get(id)->metadata.get() : nullptr;
    case api::Kind::Job: return jobs_.get(id) ? &jobs_.get(id)->metadata.get() : nullptr;
    case api::Kind::CronJob: return cron_jobs_.get(id) ? &cron_jobs_.get(id)->metadata.get() : nullptr;
    case api::Kind::Node: return nullptr;
  }
  return nullptr;
}

// Upstream node.isDeletingDependents: being deleted with the foregroundDeletion finalizer.
bool GarbageCollector::is_deleting_dependents(Vertex vertex) const {
  if (!graph_->in_use(vertex)) return false;
  const GraphNode& node = graph_->node(vertex);
  if (!node.observed) return false;
  const api::ObjectMeta* object = meta(node.kind, node.id);
  return object != nullptr && is_being_deleted(*object) && has_delete_dependents_finalizer(*object);
}

void GarbageCollector::enqueue(Vertex vertex) {
  JOBSIM_CHECK(vertex <= std::numeric_limits<WorkQueue::Key>::max(), "garbage collector graph exceeds 2^32 vertices");
  queue_.add(static_cast<WorkQueue::Key>(vertex));
}

// enqueue_sorted queues vertices in (kind, id) order, so that dependents are handled in
// creation order whatever vertex slots they were given.
void GarbageCollector::enqueue_sorted(std::vector<Vertex> vertices) {
  auto order = [this](Vertex vertex) {
    const GraphNode& node = graph_->node(vertex);
    return std::tuple(!node.observed, node.kind, node.id, vertex);
  };
  std::ranges::sort(vertices, {}, order);
  for (const Vertex vertex : vertices) enqueue(vertex);
}

void GarbageCollector::delete_object(Vertex vertex, cluster::PropagationPolicy policy) {
  const GraphNode& node = graph_->node(vertex);
  client_.remove(node.kind, node.id, cluster::DeleteOptions{.propagation_policy = policy});
}

void GarbageCollector::update_meta(api::Kind kind, api::ObjectId id, const api::ObjectMeta& meta) {
  switch (kind) {
    case api::Kind::Pod: {
      api::Pod pod = *pods_.get(id);
      pod.metadata = meta;
      client_.update(id, std::move(pod));
      return;
    }
    case api::Kind::Job: {
      api::Job job = *jobs_.get(id);
      job.metadata = meta;
      client_.update(id, std::move(job));
      return;
    }
    case api::Kind::CronJob: {
      api::CronJob cron_job = *cron_jobs_.get(id);
      cron_job.metadata = meta;
      client_.update(id, std::move(cron_job));
      return;
    }
    case api::Kind::Node: return;
  }
}

}  // namespace jobsim::controllers::garbage_collector
