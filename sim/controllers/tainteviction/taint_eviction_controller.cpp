// Upstream: pkg/controller/tainteviction/taint_eviction.go (NodeUpdated, PodUpdated,
// handleNodeUpdate, handlePodUpdate, processPodOnNode, deletePodHandler,
// addConditionAndDeletePod, emitPodDeletionEvent, emitCancelPodDeletionEvent), timed_workers.go
// (AddWork ignores a key already present; CancelWork; a finished work keeps a nil entry).
#include "jobsim/controllers/tainteviction/taint_eviction_controller.hpp"

#include <algorithm>

#include "jobsim/controllers/tainteviction/tolerations.hpp"

namespace jobsim::controllers::tainteviction {
namespace {

std::vector<api::Taint> no_execute_taints(const api::Node* node) {
  std::vector<api::Taint> taints;
  if (node == nullptr) return taints;
  for (const api::Taint& taint : node->spec->taints) {
    if (taint.effect == "NoExecute") taints.push_back(taint);
  }
  return taints;
}

}  // namespace

TaintEvictionController::TaintEvictionController(engine::Simulator& sim, cluster::Informer<api::Node>& nodes,
                                                 cluster::Informer<api::Pod>& pods, cluster::Client& client,
                                                 cluster::EventRecorder recorder)
    : sim_(sim), nodes_(nodes), pods_(pods), client_(client), recorder_(std::move(recorder)) {
  nodes_.on_add([this](api::ObjectId, const api::Node& node) { on_node(nullptr, &node); });
  nodes_.on_update([this](api::ObjectId, const api::Node& old_node, const api::Node& node) { on_node(&old_node, &node); });
  nodes_.on_delete([this](api::ObjectId, const api::Node& node) { on_node(&node, nullptr); });
  pods_.on_add([this](api::ObjectId id, const api::Pod& pod) { on_pod(nullptr, id, &pod); });
  pods_.on_update([this](api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod) { on_pod(&old_pod, id, &pod); });
  pods_.on_delete([this](api::ObjectId id, const api::Pod& pod) { on_pod(&pod, id, nullptr); });
  nodes_.for_each([this](api::ObjectId, const api::Node& node) { on_node(nullptr, &node); });
}

void TaintEvictionController::stop() {
  running_ = false;
  for (auto& [id, work] : work_) sim_.cancel(work.timer);
  work_.clear();
  tainted_nodes_.clear();
  dirty_nodes_.clear();
  dirty_pods_.clear();
  sim_.cancel(pass_);
}

void TaintEvictionController::start() {
  if (running_) return;
  running_ = true;
  nodes_.for_each([this](api::ObjectId, const api::Node& node) { on_node(nullptr, &node); });
}

std::optional<engine::SimTime> TaintEvictionController::planned_eviction(api::ObjectId pod) const {
  const auto found = work_.find(pod);
  if (found == work_.end() || found->second.fired) return std::nullopt;
  return found->second.fire_at;
}

// NodeUpdated: only a change of the NoExecute taints matters. Handlers only mark work; one
// zero-delay pass processes it (upstream's queues and workers).
void TaintEvictionController::on_node(const api::Node* old_node, const api::Node* node) {
  if (!running_) return;
  const std::vector<api::Taint> before = no_execute_taints(old_node);
  const std::vector<api::Taint> after = no_execute_taints(node);
  if (old_node != nullptr && node != nullptr && before == after) return;
  if (old_node == nullptr && after.empty()) return;  // a new untainted node: nothing to evict from
  dirty_nodes_.insert(node != nullptr ? node->metadata->name : old_node->metadata->name);
  schedule_pass();
}

// PodUpdated: a new binding, changed tolerations, or a deletion. Only pods on tainted nodes (or
// with planned work) can change anything, so the others cost nothing.
void TaintEvictionController::on_pod(const api::Pod* old_pod, api::ObjectId id, const api::Pod* pod) {
  if (!running_) return;
  if (pod == nullptr) {
    if (work_.contains(id)) {
      dirty_pods_.insert(id);
      schedule_pass();
    }
    return;
  }
  if (old_pod != nullptr && old_pod->spec->node_name == pod->spec->node_name &&
      old_pod->spec->tolerations == pod->spec->tolerations) {
    return;
  }
  if (pod->spec->node_name.empty() || !tainted_nodes_.contains(pod->spec->node_name)) return;
  dirty_pods_.insert(id);
  schedule_pass();
}

void TaintEvictionController::schedule_pass() {
  if (pass_.valid() && sim_.is_pending(pass_)) return;
  pass_ = sim_.schedule_after(engine::Duration::zero(), {"tainteviction.pass", 0}, [this] {
    // Node updates first (upstream's workers drain node updates before pod updates).
    const std::set<std::string> nodes = std::move(dirty_nodes_);
    dirty_nodes_.clear();
    for (const std::string& name : nodes) handle_node_update(name);
    const std::set<api::ObjectId> pods = std::move(dirty_pods_);
    dirty_pods_.clear();
    for (const api::ObjectId id : pods) handle_pod_update(id);
  });
}

void TaintEvictionController::handle_node_update(const std::string& name) {
  const api::ObjectId node_id = nodes_.find("", name);
  if (node_id == api::kNoObject) {
    tainted_nodes_.erase(name);
    return;
  }
  std::vector<api::Taint> taints = no_execute_taints(nodes_.get(node_id));
  if (taints.empty()) {
    tainted_nodes_.erase(name);
  } else {
    tainted_nodes_[name] = taints;
  }
  std::vector<api::ObjectId> pods;
  pods_.for_each([&](api::ObjectId id, const api::Pod& pod) {
    if (pod.spec->node_name == name) pods.push_back(id);
  });
  for (const api::ObjectId id : pods) {
    const api::Pod& pod = *pods_.get(id);
    if (taints.empty()) {
      cancel_work_with_event(id, &pod.metadata.get());
    } else {
      process_pod_on_node(id, pod, taints);
    }
  }
}

void TaintEvictionController::handle_pod_update(api::ObjectId id) {
  const api::Pod* pod = pods_.get(id);
  if (pod == nullptr) {
    cancel_work_with_event(id, nullptr);
    return;
  }
  const auto taints = tainted_nodes_.find(pod->spec->node_name);
  if (pod->spec->node_name.empty() || taints == tainted_nodes_.end()) return;
  process_pod_on_node(id, *pod, taints->second);
}

void TaintEvictionController::process_pod_on_node(api::ObjectId id, const api::Pod& pod,
                                                  const std::vector<api::Taint>& taints) {
  const engine::SimTime now = sim_.now();
  const std::optional<engine::Duration> delay = eviction_delay(taints, pod.spec->tolerations);
  if (!delay) {
    cancel_work_with_event(id, &pod.metadata.get());  // tolerated forever
    return;
  }
  if (*delay == engine::Duration::zero() && !get_matching_tolerations(taints, pod.spec->tolerations).all_tolerated) {
    cancel_work_with_event(id, &pod.metadata.get());
    add_work(id, pod, now, now);
    return;
  }
  engine::SimTime start = now;
  const engine::SimTime trigger = now + *delay;
  if (const auto found = work_.find(id); found != work_.end() && !found->second.fired) {
    start = found->second.created_at;
    if (start + *delay < trigger) return;  // the planned deletion is already earlier
    cancel_work_with_event(id, &pod.metadata.get());
  }
  add_work(id, pod, start, start + *delay);
}

void TaintEvictionController::add_work(api::ObjectId id, const api::Pod& pod, engine::SimTime created_at,
                                       engine::SimTime fire_at) {
  if (work_.contains(id)) return;  // AddWork: "Trying to add already existing work"
  Work& work = work_[id];
  work.created_at = created_at;
  work.fire_at = fire_at;
  work.meta = pod.metadata;
  work.timer = sim_.schedule_at(std::max(fire_at, sim_.now()), {"tainteviction.delete", id}, [this, id] { delete_pod(id); });
}

void TaintEvictionController::cancel_work_with_event(api::ObjectId id, const api::ObjectMeta* meta) {
  const auto found = work_.find(id);
  if (found == work_.end()) return;
  const bool pending = !found->second.fired;
  sim_.cancel(found->second.timer);
  const api::ObjectMeta stored = std::move(found->second.meta);
  work_.erase(found);
  if (!pending) return;
  const api::ObjectMeta& pod_meta = meta != nullptr ? *meta : stored;
  recorder_.normal(api::Kind::Pod, pod_meta, kTaintManagerEviction,
                   {"Cancelling deletion of Pod {}/{}", pod_meta.namespace_, pod_meta.name});
}

// deletePodHandler + addConditionAndDeletePod.
void TaintEvictionController::delete_pod(api::ObjectId id) {
  Work& work = work_.at(id);
  work.fired = true;
  recorder_.normal(api::Kind::Pod, work.meta, kTaintManagerEviction,
                   {"Marking for deletion Pod {}/{}", work.meta.namespace_, work.meta.name});
  const api::Pod* current = pods_.get(id);
  if (current == nullptr) return;
  const auto existing = std::ranges::find_if(current->status->conditions, [](const api::PodCondition& c) { return c.type == kDisruptionTarget; });
  const bool same = existing != current->status->conditions.end() && existing->status == api::ConditionStatus::True &&
                    existing->reason == kDeletionByTaintManager && existing->message == kTaintManagerMessage;
  if (!same) {
    // apipod.UpdatePodCondition: the transition time moves only when the status changes.
    api::Pod pod = *current;
    api::PodCondition condition{.type = std::string(kDisruptionTarget),
                                .status = api::ConditionStatus::True,
                                .reason = std::string(kDeletionByTaintManager),
                                .message = std::string(kTaintManagerMessage),
                                .last_transition_time = sim_.now()};
    std::vector<api::PodCondition>& conditions = pod.status.edit().conditions;
    auto slot = std::ranges::find_if(conditions, [](const api::PodCondition& c) { return c.type == kDisruptionTarget; });
    if (slot == conditions.end()) {
      conditions.push_back(std::move(condition));
    } else {
      if (slot->status == condition.status) condition.last_transition_time = slot->last_transition_time;
      *slot = std::move(condition);
    }
    if (!client_.update(id, std::move(pod)).ok()) return;
    if (pods_.get(id) == nullptr) return;
  }
  client_.remove(api::Kind::Pod, id);
}

}  // namespace jobsim::controllers::tainteviction
