// The kubelet's side of node faults: Lease renewals (analytic, NodeLeases), a machine that
// stops (power loss) and one that boots again.
// Upstream: pkg/kubelet/nodelease (renewInterval), pkg/kubelet/nodestatus/setters.go
// (ReadyCondition: KubeletReady, "kubelet is posting ready status"), pkg/kubelet/kubelet.go
// (recordNodeStatusEvent "Node %s status is now: %s", "Starting kubelet."),
// pkg/kubelet/kubelet_pods.go convertToAPIContainerStatuses (a container that was Running and
// that the runtime no longer lists: lastState Terminated ContainerStatusUnknown 137 "The
// container could not be located when the pod was deleted.  The container used to be Running",
// restartCount + 1 unless the pod is being deleted), pkg/kubelet/status/status_manager.go
// TerminatePod (containers not terminated become Terminated ContainerStatusUnknown 137 "The
// container could not be located when the pod was terminated"), getPhase (Never: Failed).
#include <algorithm>

#include "jobsim/cluster/kubelet.hpp"

namespace jobsim::cluster {
namespace {

constexpr std::string_view kReasonStatusUnknown = "ContainerStatusUnknown";
constexpr std::string_view kLocatedWhenDeleted =
    "The container could not be located when the pod was deleted.  The container used to be Running";
constexpr std::string_view kLocatedWhenTerminated = "The container could not be located when the pod was terminated";

void set_false(api::PodStatus& status, std::string_view type, engine::SimTime now) {
  for (api::PodCondition& condition : status.conditions) {
    if (condition.type == type && condition.status != api::ConditionStatus::False) {
      condition.status = api::ConditionStatus::False;
      condition.last_transition_time = now;
    }
  }
}

// has_run: a container of the pod was created (the pod got past ContainerCreating).
bool has_run(const api::Pod& pod) {
  return std::ranges::any_of(pod.status->container_statuses, [](const api::ContainerStatus& status) {
    return status.state.kind != api::ContainerStateKind::Waiting || status.state.reason != "ContainerCreating" ||
           status.last_termination_state.has_value();
  });
}

}  // namespace

void Kubelet::attach_leases(NodeLeases& leases) {
  leases_ = &leases;
  nodes_informer_.on_add([this](api::ObjectId, const api::Node& node) {
    if (!node_is_down(node.metadata->name)) {
      leases_->start(node.metadata->name, sim_.now(), timings_.node_status_update_frequency);
    }
  });
  nodes_informer_.on_delete([this](api::ObjectId, const api::Node& node) { leases_->remove(node.metadata->name); });
  nodes_informer_.for_each([this](api::ObjectId, const api::Node& node) {
    leases_->start(node.metadata->name, sim_.now(), timings_.node_status_update_frequency);
  });
}

std::vector<api::ObjectId> Kubelet::pods_on(const std::string& node) const {
  std::vector<api::ObjectId> ids;
  for (const auto& [id, runtime] : pods_) {
    const api::Pod* pod = pods_informer_.get(id);
    if (pod != nullptr && pod->spec->node_name == node) ids.push_back(id);
  }
  std::ranges::sort(ids);  // creation order: the same writes in the same order every run
  return ids;
}

void Kubelet::note_pod_on_down_node(api::ObjectId id, const api::Pod& pod) {
  if (pods_.contains(id) || api::is_pod_terminal(pod)) return;
  PodRuntime& runtime = pods_[id];
  runtime.containers.resize(pod.spec->containers.size());  // resynced when the node boots
  runtime.node = nodes_informer_.find("", pod.spec->node_name);
}

void Kubelet::node_down(const std::string& node) {
  if (!down_nodes_.insert(node).second) return;
  if (leases_ != nullptr) leases_->stop(node, sim_.now());
  for (const api::ObjectId id : pods_on(node)) {
    PodRuntime& runtime = pods_.at(id);
    sim_.cancel(runtime.start);
    for (ContainerRuntime& container : runtime.containers) {
      sim_.cancel(container.timer);
      container.running = false;  // the containers are gone with the machine
    }
    publish_usage(id);
  }
}

void Kubelet::node_up(const std::string& node) {
  if (down_nodes_.erase(node) == 0) return;
  if (leases_ != nullptr) leases_->start(node, sim_.now(), timings_.node_status_update_frequency);
  post_node_ready(node);
  for (const api::ObjectId id : pods_on(node)) resync_after_boot(id);
}

void Kubelet::post_node_ready(const std::string& node) {
  const api::ObjectId id = nodes_informer_.find("", node);
  if (id == api::kNoObject) return;
  api::Node updated = *nodes_informer_.get(id);
  recorder_.normal(api::Kind::Node, updated.metadata, "Starting", "Starting kubelet.");
  const auto found = std::ranges::find(updated.status->conditions, "Ready", &api::NodeCondition::type);
  if (found != updated.status->conditions.end() && found->status == api::ConditionStatus::True) return;
  std::vector<api::NodeCondition>& conditions = updated.status.edit().conditions;
  auto ready = std::ranges::find(conditions, "Ready", &api::NodeCondition::type);
  if (ready == conditions.end()) {
    conditions.push_back({.type = "Ready"});
    ready = std::prev(conditions.end());
  }
  ready->status = api::ConditionStatus::True;
  ready->reason = "KubeletReady";
  ready->message = "kubelet is posting ready status";
  ready->last_transition_time = sim_.now();
  const api::ObjectMeta meta = updated.metadata;
  client_.update(id, std::move(updated));
  recorder_.normal(api::Kind::Node, meta, "NodeReady", {"Node {} status is now: NodeReady", meta.name});
}

// resync_after_boot: the first sync of a pod by a kubelet whose machine rebooted. The runtime
// lists no container of it any more, and the kubelet's memory (CrashLoopBackOff records) is new.
void Kubelet::resync_after_boot(api::ObjectId id) {
  const api::Pod* current = pods_informer_.get(id);
  auto found = pods_.find(id);
  if (current == nullptr || found == pods_.end() || api::is_pod_terminal(*current)) return;
  PodRuntime& runtime = found->second;
  sim_.cancel(runtime.start);
  std::vector<bool> pulled;  // the node's image cache survives the reboot (docs/fidelity.md)
  for (ContainerRuntime& container : runtime.containers) {
    sim_.cancel(container.timer);
    pulled.push_back(container.image_pulled);
  }
  runtime = PodRuntime{.node = runtime.node};  // usage was published as zero at node_down
  runtime.containers.resize(current->spec->containers.size());
  for (std::size_t i = 0; i < pulled.size() && i < runtime.containers.size(); ++i) {
    runtime.containers[i].image_pulled = pulled[i];
  }
  const bool deleting = current->metadata->deletion_timestamp.has_value();

  if (!has_run(*current)) {
    // Bound (or admitted) but never started: as a pod seen for the first time.
    if (deleting) {
      kill_pod(id);
      return;
    }
    sim_.schedule_after(engine::Duration::zero(), {"kubelet.admit", id}, [this, id] { admit(id); });
    runtime.start = sim_.schedule_after(timings_.pod_startup, {"kubelet.start", id}, [this, id] { start_pod(id); });
    return;
  }

  api::Pod pod = *current;
  const engine::SimTime now = sim_.now();
  // getPhase: a container still waiting to start for the first time (say in ImagePullBackOff)
  // keeps the pod Pending, so even a Never pod is not terminal: its kubelet starts it again.
  const bool waiting_to_start = std::ranges::any_of(pod.status->container_statuses, [](const api::ContainerStatus& s) {
    return s.state.kind == api::ContainerStateKind::Waiting && !s.last_termination_state.has_value();
  });
  const bool ends = deleting || (pod.spec->restart_policy == api::RestartPolicy::Never && !waiting_to_start);
  pod.status.edit().container_statuses.resize(pod.spec->containers.size());
  for (std::size_t i = 0; i < pod.spec->containers.size(); ++i) {
    api::ContainerStatus& status = pod.status.edit().container_statuses[i];
    ContainerRuntime& container = runtime.containers[i];
    status.ready = false;
    if (status.state.kind == api::ContainerStateKind::Terminated) {
      container.done = true;
      container.exit_code = status.state.exit_code;
      continue;
    }
    if (status.state.kind == api::ContainerStateKind::Running) {
      status.last_termination_state = api::ContainerState{.kind = api::ContainerStateKind::Terminated,
                                                          .reason = std::string(kReasonStatusUnknown),
                                                          .message = std::string(kLocatedWhenDeleted),
                                                          .exit_code = kExitCodeSigkill};
      status.state = {.kind = api::ContainerStateKind::Waiting, .reason = "ContainerCreating"};
      if (!deleting) {
        ++status.restart_count;
        restarts_.push_back({.pod = id, .container = static_cast<std::uint32_t>(i), .restart_count = status.restart_count});
      }
    }
    if (ends) {
      status.state = {.kind = api::ContainerStateKind::Terminated,
                      .reason = std::string(kReasonStatusUnknown),
                      .message = std::string(kLocatedWhenTerminated),
                      .exit_code = kExitCodeSigkill};
      container.done = true;
      container.exit_code = kExitCodeSigkill;
    }
  }
  set_false(pod.status.edit(), "Ready", now);
  set_false(pod.status.edit(), "ContainersReady", now);
  runtime.started = true;
  if (ends) {
    runtime.killing = deleting;
    finish_if_done(id, pod);  // Failed, and the final DELETE when being deleted
    return;
  }
  update_pod(id, std::move(pod));
  runtime.start = sim_.schedule_after(timings_.pod_startup, {"kubelet.start", id}, [this, id] { start_after_boot(id); });
}

// start_after_boot: a new sandbox, then the containers that are not done start again.
void Kubelet::start_after_boot(api::ObjectId id) {
  const api::Pod* current = pods_informer_.get(id);
  auto found = pods_.find(id);
  if (current == nullptr || found == pods_.end() || found->second.killing || on_down_node(*current)) return;
  api::Pod pod = *current;
  std::vector<api::Name> started;
  for (std::size_t i = 0; i < pod.spec->containers.size(); ++i) {
    if (found->second.containers[i].done) continue;
    // An image that was never pulled on this node is pulled now (it may still be failing).
    if (!found->second.containers[i].image_pulled && !ensure_image(id, pod, i)) continue;
    run_container(id, pod, i);
    started.push_back(pod.spec->containers[i].name);
  }
  const engine::SimTime now = sim_.now();
  const auto& containers = found->second.containers;
  const bool any_running = std::ranges::any_of(containers, [](const ContainerRuntime& c) { return c.running; });
  if (any_running && pod.status->phase == api::PodPhase::Pending) pod.status.edit().phase = api::PodPhase::Running;
  const bool all_running = std::ranges::all_of(containers, [](const ContainerRuntime& c) { return c.running || c.done; });
  for (api::PodCondition& condition : pod.status.edit().conditions) {
    if (all_running && (condition.type == "Ready" || condition.type == "ContainersReady") &&
        condition.status != api::ConditionStatus::True) {
      condition.status = api::ConditionStatus::True;
      condition.last_transition_time = now;
    }
  }
  const api::ObjectMeta meta = pod.metadata;
  update_pod(id, std::move(pod));
  publish_usage(id);
  for (const api::Name& name : started) {
    recorder_.normal(api::Kind::Pod, meta, "Started", {"Started container {}", name});
  }
}

}  // namespace jobsim::cluster
