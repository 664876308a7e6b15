// Upstream: pkg/controller/podgc/gc_controller.go (gc, gcTerminated, gcTerminating,
// gcOrphaned, discoverDeletedNodes, gcUnscheduledTerminating, byEvictionAndCreationTimestamp,
// markFailedAndDeletePodWithCondition); pkg/api/v1/pod/util.go UpdatePodCondition.
#include "jobsim/controllers/podgc/podgc_controller.hpp"

#include <algorithm>
#include <vector>

namespace jobsim::controllers::podgc {

bool is_pod_terminated(const api::Pod& pod) {
  return pod.status->phase == api::PodPhase::Succeeded || pod.status->phase == api::PodPhase::Failed;
}

bool pod_is_evicted(const api::Pod& pod) {
  return pod.status->phase == api::PodPhase::Failed && pod.status->reason == "Evicted";
}

namespace {

// Upstream apipod.UpdatePodCondition: the transition time moves only when the status changes.
void update_pod_condition(api::PodStatus& status, api::PodCondition condition, api::SimTime now) {
  const auto existing = std::ranges::find(status.conditions, condition.type, &api::PodCondition::type);
  if (existing == status.conditions.end()) {
    condition.last_transition_time = now;
    status.conditions.push_back(std::move(condition));
    return;
  }
  condition.last_transition_time = existing->status == condition.status ? existing->last_transition_time : now;
  *existing = std::move(condition);
}

bool has_taint_key(const api::Node& node, std::string_view key) {
  return std::ranges::any_of(node.spec->taints, [&](const api::Taint& taint) { return taint.key == key; });
}

}  // namespace

PodGcController::PodGcController(engine::Simulator& sim, cluster::Informer<api::Pod>& pods,
                                 cluster::Informer<api::Node>& nodes, cluster::Client& client,
                                 const api::Timings& timings)
    : sim_(sim), pods_(pods), nodes_(nodes), client_(client), timings_(timings) {
  pods_.on_add([this](api::ObjectId id, const api::Pod& pod) { on_pod(id, nullptr, &pod); });
  pods_.on_update([this](api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod) { on_pod(id, &old_pod, &pod); });
  pods_.on_delete([this](api::ObjectId id, const api::Pod& pod) { on_pod(id, &pod, nullptr); });
  pods_.for_each([this](api::ObjectId id, const api::Pod& pod) { on_pod(id, nullptr, &pod); });
  schedule_tick(sim_.now());
}

void PodGcController::stop() {
  running_ = false;
  sim_.cancel(tick_);
  quarantine_.clear();  // the delaying queue lives in the process
}

void PodGcController::start() {
  if (running_) return;
  running_ = true;
  schedule_tick(sim_.now());
}

void PodGcController::schedule_tick(engine::SimTime at) {
  // wait.Until: the next period starts when gc returns, and gc takes no simulated time.
  tick_ = sim_.schedule_at(at, {"podgc.gc", 0}, [this] {
    gc();
    schedule_tick(sim_.now() + timings_.pod_gc_period);
  });
}

PodGcController::TerminatedKey PodGcController::terminated_key(api::ObjectId id, const api::Pod& pod) {
  return {!pod_is_evicted(pod), pod.metadata->creation_timestamp.value_or(api::SimTime{}), pod.metadata->name, id};
}

// Informer handler: keeps the indexes gc reads (what upstream gets from listing every pod).
void PodGcController::on_pod(api::ObjectId id, const api::Pod* old_pod, const api::Pod* pod) {
  const bool was_terminated = old_pod != nullptr && is_pod_terminated(*old_pod);
  const bool is_terminated = pod != nullptr && is_pod_terminated(*pod);
  // Most writes to a terminated pod (finalizer removal) leave its key alone: no string copies.
  const bool same_key = was_terminated && is_terminated && pod_is_evicted(*old_pod) == pod_is_evicted(*pod) &&
                        old_pod->metadata->creation_timestamp == pod->metadata->creation_timestamp &&
                        old_pod->metadata->name == pod->metadata->name;
  if ((was_terminated || is_terminated) && !same_key) {
    std::optional<TerminatedKey> before;
    std::optional<TerminatedKey> after;
    if (was_terminated) before = terminated_key(id, *old_pod);
    if (is_terminated) after = terminated_key(id, *pod);
    if (before != after) {
      if (before) terminated_.erase(*before);
      if (after) terminated_.insert(std::move(*after));
    }
  }

  static const api::Name kUnbound;
  const api::Name& old_node = old_pod != nullptr ? old_pod->spec->node_name : kUnbound;
  const api::Name& new_node = pod != nullptr ? pod->spec->node_name : kUnbound;
  if (old_node != new_node || pod == nullptr) {
    if (!old_node.empty()) {
      auto found = pods_by_node_.find(old_node);
      if (found != pods_by_node_.end()) {
        found->second.erase(id);
        if (found->second.empty()) pods_by_node_.erase(found);
      }
    }
    if (!new_node.empty()) pods_by_node_[new_node].insert(id);
  }

  auto unscheduled_terminating = [](const api::Pod* p) {
    return p != nullptr && p->metadata->deletion_timestamp && p->spec->node_name.empty();
  };
  if (const bool now_in = unscheduled_terminating(pod); now_in != unscheduled_terminating(old_pod)) {
    if (now_in) {
      unscheduled_terminating_.insert(id);
    } else {
      unscheduled_terminating_.erase(id);
    }
  }
}

void PodGcController::gc() {
  if (timings_.terminated_pod_gc_threshold > 0) gc_terminated();
  gc_terminating();
  gc_orphaned();
  gc_unscheduled_terminating();
}

// gcTerminated: the terminated pods beyond the threshold go, in byEvictionAndCreationTimestamp
// order. Pods already being deleted (a finalizer holds them) still count, as upstream lists them.
void PodGcController::gc_terminated() {
  const auto count = static_cast<std::int64_t>(terminated_.size());
  const std::int64_t delete_count = count - timings_.terminated_pod_gc_threshold;
  if (delete_count <= 0) return;
  std::vector<api::ObjectId> doomed;
  doomed.reserve(static_cast<std::size_t>(delete_count));
  for (auto it = terminated_.begin(); it != terminated_.end() && std::ssize(doomed) < delete_count; ++it) {
    doomed.push_back(std::get<api::ObjectId>(*it));
  }
  for (const api::ObjectId id : doomed) mark_failed_and_delete_pod(id, false);
}

// gcTerminating: terminating pods on a NotReady node tainted node.kubernetes.io/out-of-service.
void PodGcController::gc_terminating() {
  std::vector<std::pair<TerminatedKey, api::ObjectId>> terminating;
  nodes_.for_each([&](api::ObjectId, const api::Node& node) {
    if (api::is_node_ready(node) || !has_taint_key(node, kTaintNodeOutOfService)) return;
    const auto found = pods_by_node_.find(node.metadata->name);
    if (found == pods_by_node_.end()) return;
    for (const api::ObjectId id : found->second) {
      const api::Pod* pod = pods_.get(id);
      if (pod != nullptr && pod->metadata->deletion_timestamp) terminating.emplace_back(terminated_key(id, *pod), id);
    }
  });
  std::ranges::sort(terminating);
  for (const auto& entry : terminating) mark_failed_and_delete_pod(entry.second, false);
}

// gcOrphaned + discoverDeletedNodes: a node name that pods are bound to but that has no Node is
// quarantined for 40 s (the earliest wake-up wins, as in a delaying queue); when the quarantine
// is over and the node is still missing (the confirming GET), its pods are marked Failed with
// DisruptionTarget and force-deleted. Pods go in node-name, then creation (id) order.
void PodGcController::gc_orphaned() {
  const engine::SimTime now = sim_.now();
  for (const auto& [node_name, pods] : pods_by_node_) {
    if (!node_exists(node_name)) quarantine_.try_emplace(node_name, now + kQuarantineTime);
  }
  std::vector<std::string> deleted_nodes;
  for (auto it = quarantine_.begin(); it != quarantine_.end();) {
    // Divergence: an item whose delay ends exactly at a collection is collected by it (upstream
    // races the delaying queue's timer against the gc period).
    if (it->second > now) {
      ++it;
      continue;
    }
    if (!node_exists(it->first)) deleted_nodes.push_back(it->first);
    it = quarantine_.erase(it);
  }
  for (const std::string& node_name : deleted_nodes) {
    const auto found = pods_by_node_.find(node_name);
    if (found == pods_by_node_.end()) continue;
    const std::vector<api::ObjectId> orphaned(found->second.begin(), found->second.end());
    for (const api::ObjectId id : orphaned) mark_failed_and_delete_pod(id, true);
  }
}

// gcUnscheduledTerminating: terminating pods never bound to a node.
void PodGcController::gc_unscheduled_terminating() {
  const std::vector<api::ObjectId> terminating(unscheduled_terminating_.begin(), unscheduled_terminating_.end());
  for (const api::ObjectId id : terminating) mark_failed_and_delete_pod(id, false);
}

// markFailedAndDeletePodWithCondition: a pod that is not terminal is patched to Failed first
// (no kubelet may be left to do it), then DELETEd with grace period 0.
void PodGcController::mark_failed_and_delete_pod(api::ObjectId id, bool with_disruption_condition) {
  const api::Pod* current = pods_.get(id);
  if (current == nullptr) return;  // already gone: upstream ignores the NotFound
  if (!is_pod_terminated(*current)) {
    api::Pod pod = *current;
    pod.status.edit().phase = api::PodPhase::Failed;
    if (with_disruption_condition) {
      update_pod_condition(pod.status.edit(),
                           api::PodCondition{.type = std::string(kDisruptionTarget),
                                             .status = api::ConditionStatus::True,
                                             .reason = std::string(kDeletionByPodGc),
                                             .message = std::string(kNodeNoLongerExists)},
                           sim_.now());
    }
    const api::PodPhase from = current->status->phase;
    const api::Pod written = pod;  // shares its parts: the signal's reason views stay valid
    if (!client_.update(id, std::move(pod)).ok()) return;
    if (lifecycle_ != nullptr) lifecycle_->pod_phase_changed.emit(cluster::pod_phase_changed(id, from, written));
    if (pods_.get(id) == nullptr) return;
  }
  client_.remove(api::Kind::Pod, id, cluster::DeleteOptions{.grace_period_seconds = 0});
}

bool PodGcController::node_exists(const std::string& name) const { return nodes_.find("", name) != api::kNoObject; }

}  // namespace jobsim::controllers::podgc
