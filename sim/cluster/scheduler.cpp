// Upstream: pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod,
// findNodesThatPassFilters, numFeasibleNodesToFind, selectHost, handleSchedulingFailure),
// pkg/scheduler/backend/cache/node_tree.go (the node list order), k8s.io/component-helpers
// node/topology (GetZoneKey),
// pkg/scheduler/framework/types.go (FitError.Error), pkg/scheduler/framework/plugins/
// noderesources (fit.go, least_allocated.go), nodeunschedulable, tainttoleration, nodeaffinity,
// defaultpreemption (the "preemption:" part), pkg/scheduler/util (non-zero request defaults).
#include "jobsim/cluster/scheduler.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace jobsim::cluster {
namespace {

// Upstream pkg/scheduler/util/pod_resources.go: requests used for scoring when a container
// requests nothing.
constexpr std::int64_t kDefaultMilliCpuRequest = 100;
constexpr std::int64_t kDefaultMemoryRequest = 200LL * 1024 * 1024;
constexpr std::int64_t kDefaultMaxPods = 110;

// Upstream schedule_one.go: below minFeasibleNodesToFind nodes every node is examined; the
// adaptive percentageOfNodesToScore (the default, 0) is 50 - nodes/125, at least
// minFeasibleNodesPercentageToFind.
constexpr std::int32_t kMinFeasibleNodesToFind = 100;
constexpr std::int32_t kMinFeasibleNodesPercentageToFind = 5;

// zone_key: upstream component-helpers node/topology GetZoneKey: region and zone labels (the
// GA ones, else the beta failure-domain ones), "" when both are empty.
std::string zone_key(const api::Node& node) {
  const api::Labels& labels = node.metadata->labels;
  auto label = [&labels](const char* ga, const char* beta) -> std::string {
    auto found = labels.find(ga);
    if (found == labels.end()) found = labels.find(beta);
    return found == labels.end() ? std::string() : found->second.str();
  };
  const std::string zone = label("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone");
  const std::string region = label("topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region");
  if (region.empty() && zone.empty()) return {};
  return region + std::string(":\0:", 3) + zone;  // the NUL guards against colons in names
}

bool tolerated(const api::Pod& pod, const api::Taint& taint) {
  return std::ranges::any_of(pod.spec->tolerations,
                             [&](const api::Toleration& toleration) { return api::tolerates_taint(toleration, taint); });
}

// The filter plugins of the default profile that this model has, in their order; a node is
// rejected by the first that fails (framework runFilterPlugins).
enum class Rejection : std::uint8_t { None, Unschedulable, Taint, NodeSelector, Resources };

struct Verdict {
  Rejection rejection = Rejection::None;
  api::Taint taint;  // Taint: the first untolerated one
  bool too_many_pods = false;
  bool insufficient_cpu = false;
  bool insufficient_memory = false;
};

// Taints the node lifecycle controller puts on a node that is not Ready (TaintNodesByCondition):
// not-ready when Ready is False, unreachable when it is Unknown or missing.
api::Taint readiness_taint(const api::Node& node) {
  const bool not_ready = std::ranges::any_of(node.status->conditions, [](const api::NodeCondition& condition) {
    return condition.type == "Ready" && condition.status == api::ConditionStatus::False;
  });
  return {.key = not_ready ? "node.kubernetes.io/not-ready" : "node.kubernetes.io/unreachable", .effect = "NoSchedule"};
}

Verdict filter_node(const api::Pod& pod, const api::Node& node, const NodeUsage& used, std::int64_t cpu,
                    std::int64_t memory) {
  Verdict verdict;
  // NodeUnschedulable: a cordoned node, unless the pod tolerates its unschedulable taint.
  if (node.spec->unschedulable &&
      !tolerated(pod, api::Taint{.key = "node.kubernetes.io/unschedulable", .effect = "NoSchedule"})) {
    verdict.rejection = Rejection::Unschedulable;
    return verdict;
  }
  // TaintToleration: the first NoSchedule or NoExecute taint the pod does not tolerate.
  for (const api::Taint& taint : node.spec->taints) {
    if ((taint.effect == "NoSchedule" || taint.effect == "NoExecute") && !tolerated(pod, taint)) {
      verdict.rejection = Rejection::Taint;
      verdict.taint = taint;
      return verdict;
    }
  }
  if (!api::is_node_ready(node)) {
    api::Taint taint = readiness_taint(node);
    const bool present = std::ranges::any_of(node.spec->taints, [&](const api::Taint& t) { return t.key == taint.key; });
    if (!present && !tolerated(pod, taint)) {
      verdict.rejection = Rejection::Taint;
      verdict.taint = std::move(taint);
      return verdict;
    }
  }
  // NodeAffinity: spec.nodeSelector.
  if (!api::matches(api::LabelSelector{pod.spec->node_selector}, node.metadata->labels)) {
    verdict.rejection = Rejection::NodeSelector;
    return verdict;
  }
  // NodeResourcesFit (fitsRequest): pods, then cpu and memory; every shortage is a reason.
  verdict.too_many_pods = used.pods + 1 > node.status->allocatable.pods.value_or(kDefaultMaxPods);
  verdict.insufficient_cpu = cpu > 0 && used.cpu_millis + cpu > node.status->allocatable.cpu_millis.value_or(0);
  verdict.insufficient_memory =
      memory > 0 && used.memory_bytes + memory > node.status->allocatable.memory_bytes.value_or(0);
  if (verdict.too_many_pods || verdict.insufficient_cpu || verdict.insufficient_memory) {
    verdict.rejection = Rejection::Resources;
  }
  return verdict;
}

// histogram_text: "3 Insufficient cpu, 1 node(s) were unschedulable" with the entries sorted as
// strings, as FitError.Error() and the preemption message do (sort.Strings on "<count> <reason>").
std::string histogram_text(const std::map<std::string, int>& counts) {
  std::vector<std::string> entries;
  entries.reserve(counts.size());
  for (const auto& [reason, count] : counts) entries.push_back(std::to_string(count) + " " + reason);
  std::ranges::sort(entries);
  std::string text;
  for (const std::string& entry : entries) text += (text.empty() ? "" : ", ") + entry;
  return text;
}

void set_scheduled_condition(api::PodStatus& status, api::ConditionStatus value, std::string reason,
                             std::string message, engine::SimTime now) {
  for (api::PodCondition& condition : status.conditions) {
    if (condition.type != "PodScheduled") continue;
    if (condition.status != value) condition.last_transition_time = now;
    condition.status = value;
    condition.reason = std::move(reason);
    condition.message = std::move(message);
    return;
  }
  status.conditions.push_back({.type = api::constant_name("PodScheduled"),
                               .status = value,
                               .reason = std::move(reason),
                               .message = std::move(message),
                               .last_transition_time = now});
}

}  // namespace

Scheduler::Scheduler(engine::Simulator& sim, Informer<api::Pod>& pods, Informer<api::Node>& nodes, Client& client,
                     EventRecorder recorder, const api::Timings& timings)
    : sim_(sim), pods_(pods), nodes_(nodes), client_(client), recorder_(std::move(recorder)), timings_(timings) {
  pods_.on_add([this](api::ObjectId id, const api::Pod& pod) { on_pod_add(id, pod); });
  pods_.on_update([this](api::ObjectId id, const api::Pod& old_pod, const api::Pod& new_pod) {
    on_pod_update(id, old_pod, new_pod);
  });
  pods_.on_delete([this](api::ObjectId id, const api::Pod& pod) { on_pod_delete(id, pod); });
  nodes_.for_each([this](api::ObjectId id, const api::Node& node) { on_node_add(id, node); });
  nodes_.on_add([this](api::ObjectId id, const api::Node& node) {
    on_node_add(id, node);
    request_attempt();
  });
  nodes_.on_update([this](api::ObjectId id, const api::Node& old_node, const api::Node& new_node) {
    on_node_update(id, old_node, new_node);
    request_attempt();
  });
  nodes_.on_delete([this](api::ObjectId id, const api::Node& node) { on_node_delete(id, node); });
}

NodeUsage Scheduler::usage(api::ObjectId node) const { return node < usage_.size() ? usage_[node] : NodeUsage{}; }

std::int32_t Scheduler::num_feasible_nodes_to_find(std::int32_t all_nodes) {
  if (all_nodes < kMinFeasibleNodesToFind) return all_nodes;
  const std::int32_t percentage = std::max(std::int32_t{50} - all_nodes / 125, kMinFeasibleNodesPercentageToFind);
  const std::int32_t nodes = all_nodes * percentage / 100;
  return nodes < kMinFeasibleNodesToFind ? kMinFeasibleNodesToFind : nodes;
}

void Scheduler::on_node_add(api::ObjectId id, const api::Node& node) {
  if (node_state_.size() <= id) node_state_.resize(id + 1);
  NodeState& state = node_state_[id];
  state.plain = !node.spec->unschedulable && api::is_node_ready(node) &&
                std::ranges::none_of(node.spec->taints, [](const api::Taint& taint) {
                  return taint.effect == "NoSchedule" || taint.effect == "NoExecute";
                });
  state.allocatable_cpu_millis = node.status->allocatable.cpu_millis.value_or(0);
  state.allocatable_memory_bytes = node.status->allocatable.memory_bytes.value_or(0);
  state.allocatable_pods = node.status->allocatable.pods.value_or(kDefaultMaxPods);
  // A node being deleted leaves the list (the model never scheduled onto one, and "0/N nodes"
  // never counted it); node_tree.go updateNode moves a node whose zone changed to the end of
  // its new zone.
  const bool listed = !node.metadata->deletion_timestamp;
  std::string zone = zone_key(node);
  if (state.listed && (!listed || zone != state.zone)) tree_remove(id);
  if (listed && (!state.listed || zone != state.zone)) tree_add(id, zone);
  state.listed = listed;
  state.zone = std::move(zone);
}

void Scheduler::on_node_update(api::ObjectId id, const api::Node&, const api::Node& new_node) {
  on_node_add(id, new_node);
}

void Scheduler::on_node_delete(api::ObjectId id, const api::Node&) {
  if (id >= node_state_.size() || !node_state_[id].listed) return;
  tree_remove(id);
  node_state_[id] = NodeState{};
}

void Scheduler::tree_add(api::ObjectId id, const std::string& zone) {
  auto found = std::ranges::find(zones_, zone, &Zone::key);
  if (found == zones_.end()) {
    zones_.push_back(Zone{zone, {}});
    found = std::prev(zones_.end());
  }
  found->nodes.push_back(id);
  node_list_stale_ = true;
}

void Scheduler::tree_remove(api::ObjectId id) {
  const auto zone = std::ranges::find(zones_, node_state_[id].zone, &Zone::key);
  if (zone == zones_.end()) return;
  std::erase(zone->nodes, id);
  if (zone->nodes.empty()) zones_.erase(zone);
  node_list_stale_ = true;
}

// node_list: upstream nodeTree.list(): round robin over the zones, the i-th node of every zone
// that has one, then the (i+1)-th; with one zone (no zone labels) it is insertion order.
const std::vector<api::ObjectId>& Scheduler::node_list() {
  if (!node_list_stale_) return node_list_;
  node_list_stale_ = false;
  node_list_.clear();
  if (zones_.size() == 1) {
    node_list_ = zones_.front().nodes;
    return node_list_;
  }
  for (std::size_t index = 0;; ++index) {
    bool any = false;
    for (const Zone& zone : zones_) {
      if (index >= zone.nodes.size()) continue;
      node_list_.push_back(zone.nodes[index]);
      any = true;
    }
    if (!any) break;
  }
  return node_list_;
}

bool Scheduler::holds_resources(const api::Pod& pod) {
  return !pod.spec->node_name.empty() && !api::is_pod_terminal(pod);
}

void Scheduler::stop() {
  if (!running_) return;
  running_ = false;
  sim_.cancel(attempt_);
  pending_.clear();
  reported_.clear();
}

void Scheduler::start() {
  if (running_) return;
  running_ = true;
  pods_.for_each([this](api::ObjectId id, const api::Pod& pod) {
    if (pod.spec->node_name.empty() && pod.spec->scheduler_name == "default-scheduler" &&
        !pod.metadata->deletion_timestamp && !api::is_pod_terminal(pod)) {
      pending_.push_back(id);
    }
  });
  request_attempt();
}

void Scheduler::on_pod_add(api::ObjectId id, const api::Pod& pod) {
  if (pod.spec->node_name.empty()) {
    if (!running_ || pod.spec->scheduler_name != "default-scheduler" || pod.metadata->deletion_timestamp) return;
    pending_.push_back(id);
    request_attempt();
    return;
  }
  account(id, pod);  // created already bound (spec.nodeName set by the user)
}

void Scheduler::on_pod_update(api::ObjectId id, const api::Pod& old_pod, const api::Pod& new_pod) {
  const bool held = holds_resources(old_pod);
  const bool holds = holds_resources(new_pod);
  if (!held && holds) account(id, new_pod);
  if (held && !holds) {
    unaccount(id);
    request_attempt();
  }
}

void Scheduler::on_pod_delete(api::ObjectId id, const api::Pod&) {
  if (placed_.contains(id)) {
    unaccount(id);
    request_attempt();
  }
  reported_.erase(id);
  // A pending pod deleted before binding is dropped lazily by schedule_pending.
}

void Scheduler::account(api::ObjectId pod_id, const api::Pod& pod) {
  const api::ObjectId node = nodes_.find("", pod.spec->node_name);
  if (node == api::kNoObject) return;
  const api::ResourceList requests = api::pod_requests(pod.spec);
  if (usage_.size() <= node) usage_.resize(node + 1);
  usage_[node].cpu_millis += requests.cpu_millis.value_or(0);
  usage_[node].memory_bytes += requests.memory_bytes.value_or(0);
  usage_[node].pods += 1;
  placed_.emplace(pod_id, Placed{node, requests});
}

void Scheduler::unaccount(api::ObjectId pod_id) {
  const auto found = placed_.find(pod_id);
  if (found == placed_.end()) return;
  NodeUsage& node = usage_[found->second.node];
  node.cpu_millis -= found->second.requests.cpu_millis.value_or(0);
  node.memory_bytes -= found->second.requests.memory_bytes.value_or(0);
  node.pods -= 1;
  placed_.erase(found);
}

void Scheduler::request_attempt() {
  if (!running_ || pending_.empty() || sim_.is_pending(attempt_)) return;
  attempt_ = sim_.schedule_after(timings_.scheduler_latency, {"scheduler.schedule", 0}, [this] { schedule_pending(); });
}

// find_node: upstream findNodesThatFitPod and findNodesThatPassFilters, run one node at a
// time: filter the nodes of node_list() starting at next_start_ and wrapping, until
// num_feasible_nodes_to_find feasible nodes are found (all of them up to 100 nodes); then
// nextStartNodeIndex = (nextStartNodeIndex + processedNodes) % numAllNodes. Of the feasible
// nodes, the best LeastAllocated score wins, ties going to the node created first.
api::ObjectId Scheduler::find_node(const api::Pod& pod) {
  const std::vector<api::ObjectId>& nodes = node_list();
  if (nodes.empty()) return api::kNoObject;
  const api::ResourceList requests = api::pod_requests(pod.spec);
  const std::int64_t cpu = requests.cpu_millis.value_or(0);
  const std::int64_t memory = requests.memory_bytes.value_or(0);
  const std::int64_t score_cpu = cpu > 0 ? cpu : kDefaultMilliCpuRequest;
  const std::int64_t score_memory = memory > 0 ? memory : kDefaultMemoryRequest;
  // The cached path covers what most pods and nodes are: a plain node and no nodeSelector
  // leave NodeResourcesFit alone, on the cached allocatable and usage.
  const bool selector = !pod.spec->node_selector.empty();
  auto feasible = [&](api::ObjectId node_id, const NodeState& state, const NodeUsage& used) {
    if (!state.plain || selector) {
      return filter_node(pod, *nodes_.get(node_id), used, cpu, memory).rejection == Rejection::None;
    }
    return used.pods + 1 <= state.allocatable_pods &&
           !(cpu > 0 && used.cpu_millis + cpu > state.allocatable_cpu_millis) &&
           !(memory > 0 && used.memory_bytes + memory > state.allocatable_memory_bytes);
  };
  // LeastAllocated: mean over cpu and memory of the free fraction after placing the pod.
  auto free_fraction = [](std::int64_t capacity, std::int64_t requested) {
    if (capacity <= 0) return 0.0;
    return std::max(0.0, static_cast<double>(capacity - requested) / static_cast<double>(capacity));
  };
  const std::size_t all = nodes.size();
  const auto to_find = static_cast<std::size_t>(num_feasible_nodes_to_find(static_cast<std::int32_t>(all)));
  std::size_t found = 0;
  std::size_t processed = 0;
  std::size_t index = next_start_ % all;
  api::ObjectId best = api::kNoObject;
  double best_score = -1;
  while (processed < all && found < to_find) {
    const api::ObjectId node_id = nodes[index];
    index = index + 1 == all ? 0 : index + 1;
    ++processed;
    const NodeState& state = node_state_[node_id];
    const NodeUsage used = usage(node_id);
    if (!feasible(node_id, state, used)) continue;
    ++found;
    const double score = (free_fraction(state.allocatable_cpu_millis, used.cpu_millis + score_cpu) +
                          free_fraction(state.allocatable_memory_bytes, used.memory_bytes + score_memory)) / 2.0;
    if (score > best_score || (score == best_score && node_id < best)) {
      best_score = score;
      best = node_id;
    }
  }
  next_start_ = (next_start_ + processed) % all;
  return best;
}

std::string Scheduler::unschedulable_message(const api::Pod& pod) const {
  const api::ResourceList requests = api::pod_requests(pod.spec);
  const std::int64_t cpu = requests.cpu_millis.value_or(0);
  const std::int64_t memory = requests.memory_bytes.value_or(0);
  std::map<std::string, int> reasons;
  std::map<std::string, int> preemption;
  int nodes = 0;
  nodes_.for_each([&](api::ObjectId node_id, const api::Node& node) {
    if (node.metadata->deletion_timestamp) return;
    ++nodes;
    const Verdict verdict = filter_node(pod, node, usage(node_id), cpu, memory);
    switch (verdict.rejection) {
      case Rejection::None: break;
      case Rejection::Unschedulable: ++reasons["node(s) were unschedulable"]; break;
      case Rejection::Taint:
        ++reasons["node(s) had untolerated taint {" + verdict.taint.key + ": " + verdict.taint.value + "}"];
        break;
      case Rejection::NodeSelector: ++reasons["node(s) didn't match Pod's node affinity/selector"]; break;
      case Rejection::Resources:
        if (verdict.too_many_pods) ++reasons["Too many pods"];
        if (verdict.insufficient_cpu) ++reasons["Insufficient cpu"];
        if (verdict.insufficient_memory) ++reasons["Insufficient memory"];
        break;
    }
    // defaultpreemption: nodes rejected as UnschedulableAndUnresolvable (cordoned, tainted, not
    // matching) cannot be helped; on the others no pod has a lower priority to evict.
    if (verdict.rejection == Rejection::Resources) {
      ++preemption["No preemption victims found for incoming pod"];
    } else if (verdict.rejection != Rejection::None) {
      ++preemption["Preemption is not helpful for scheduling"];
    }
  });
  if (nodes == 0) return "no nodes available to schedule pods";  // ErrNoNodesAvailable
  const std::string available = "0/" + std::to_string(nodes) + " nodes are available: ";
  return available + histogram_text(reasons) + ". preemption: " + available + histogram_text(preemption) + ".";
}

// report_unschedulable: handleSchedulingFailure records the FailedScheduling event and sets
// PodScheduled=False with reason Unschedulable; repeated only when the message changes.
void Scheduler::report_unschedulable(api::ObjectId id, const api::Pod& pod, const std::string& message) {
  std::string& reported = reported_[id];
  if (reported == message) return;
  reported = message;
  recorder_.warning(api::Kind::Pod, pod.metadata, "FailedScheduling", api::EventMessage::text(message));
  api::Pod updated = pod;
  set_scheduled_condition(updated.status.edit(), api::ConditionStatus::False, "Unschedulable", message, sim_.now());
  client_.update(id, std::move(updated));
}

void Scheduler::schedule_pending() {
  // What find_node looks at in a pod: its requests, node selector and tolerations. During one
  // pass nodes only fill up (binding is the only write), so once a pod found no node, every
  // later pod with the same shape finds none either and skips find_node. Without this a full
  // cluster costs (pending pods x nodes) checks per freed slot (docs/performance.md).
  struct Shape {
    api::ResourceList requests;
    api::Labels node_selector;
    std::vector<api::Toleration> tolerations;
    std::string message;  // why it fits nowhere
  };
  std::vector<Shape> unschedulable;
  auto known_unschedulable = [&unschedulable](const api::Pod& pod, const api::ResourceList& requests) -> const Shape* {
    const auto found = std::ranges::find_if(unschedulable, [&](const Shape& shape) {
      return shape.requests == requests && shape.node_selector == pod.spec->node_selector &&
             shape.tolerations == pod.spec->tolerations;
    });
    return found == unschedulable.end() ? nullptr : &*found;
  };
  still_pending_.clear();
  while (!pending_.empty()) {
    const api::ObjectId id = pending_.front();
    pending_.pop_front();
    const api::Pod* pod = pods_.get(id);
    if (pod == nullptr || !pod->spec->node_name.empty() || pod->metadata->deletion_timestamp) continue;
    api::ResourceList requests = api::pod_requests(pod->spec);
    const Shape* known = known_unschedulable(*pod, requests);
    const api::ObjectId node_id = known != nullptr ? api::kNoObject : find_node(*pod);
    if (node_id == api::kNoObject) {
      if (known == nullptr) {
        unschedulable.push_back(
            {std::move(requests), pod->spec->node_selector, pod->spec->tolerations, unschedulable_message(*pod)});
        known = &unschedulable.back();
      }
      const std::string message = known->message;  // report_unschedulable writes the pod
      report_unschedulable(id, *pod, message);
      still_pending_.push_back(id);
      continue;
    }
    api::Pod bound = *pod;
    const api::Node* node = nodes_.get(node_id);
    bound.spec.edit().node_name = node->metadata->name;
    set_scheduled_condition(bound.status.edit(), api::ConditionStatus::True, "", "", sim_.now());
    reported_.erase(id);
    api::EventMessage message{"Successfully assigned {}/{} to {}", bound.metadata->namespace_, bound.metadata->name,
                              node->metadata->name};
    client_.update(id, std::move(bound));
    // The Event names the bound pod: binding never erases it, and name and uid do not change.
    const api::Pod* written = pods_.get(id);
    JOBSIM_CHECK(written != nullptr, "Scheduler: a bound pod left the store");
    recorder_.normal(api::Kind::Pod, written->metadata, "Scheduled", std::move(message));
  }
  pending_.swap(still_pending_);
}

}  // namespace jobsim::cluster
