// Upstream: pkg/scheduler/schedule_one.go (schedulePod, selectHost, handleSchedulingFailure),
// pkg/scheduler/framework/types.go (FitError.Error), pkg/scheduler/framework/plugins/
// noderesources (fit.go, least_allocated.go), nodeunschedulable, tainttoleration, nodeaffinity,
// defaultpreemption (the "preemption:" part), pkg/scheduler/util (non-zero request defaults).
#include "jobsim/cluster/scheduler.hpp"

#include <algorithm>
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
  status.conditions.push_back({.type = "PodScheduled",
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
  nodes_.on_add([this](api::ObjectId, const api::Node&) { request_attempt(); });
  nodes_.on_update([this](api::ObjectId, const api::Node&, const api::Node&) { request_attempt(); });
}

NodeUsage Scheduler::usage(api::ObjectId node) const { return node < usage_.size() ? usage_[node] : NodeUsage{}; }

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

api::ObjectId Scheduler::find_node(const api::Pod& pod) const {
  const api::ResourceList requests = api::pod_requests(pod.spec);
  const std::int64_t cpu = requests.cpu_millis.value_or(0);
  const std::int64_t memory = requests.memory_bytes.value_or(0);
  const std::int64_t score_cpu = cpu > 0 ? cpu : kDefaultMilliCpuRequest;
  const std::int64_t score_memory = memory > 0 ? memory : kDefaultMemoryRequest;
  api::ObjectId best = api::kNoObject;
  double best_score = -1;
  nodes_.for_each([&](api::ObjectId node_id, const api::Node& node) {
    if (node.metadata->deletion_timestamp) return;
    const NodeUsage used = usage(node_id);
    if (filter_node(pod, node, used, cpu, memory).rejection != Rejection::None) return;
    const std::int64_t cpu_capacity = node.status->allocatable.cpu_millis.value_or(0);
    const std::int64_t memory_capacity = node.status->allocatable.memory_bytes.value_or(0);
    // LeastAllocated: mean over cpu and memory of the free fraction after placing the pod.
    auto free_fraction = [](std::int64_t capacity, std::int64_t requested) {
      if (capacity <= 0) return 0.0;
      return std::max(0.0, static_cast<double>(capacity - requested) / static_cast<double>(capacity));
    };
    const double score = (free_fraction(cpu_capacity, used.cpu_millis + score_cpu) +
                          free_fraction(memory_capacity, used.memory_bytes + score_memory)) / 2.0;
    if (score > best_score) {
      best_score = score;
      best = node_id;
    }
  });
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
  recorder_.warning(api::Kind::Pod, pod.metadata, "FailedScheduling", message);
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
    std::string message = "Successfully assigned " + bound.metadata->namespace_ + "/" + bound.metadata->name + " to " +
                          node->metadata->name;
    client_.update(id, std::move(bound));
    // The Event names the bound pod: binding never erases it, and name and uid do not change.
    const api::Pod* written = pods_.get(id);
    JOBSIM_CHECK(written != nullptr, "Scheduler: a bound pod left the store");
    recorder_.normal(api::Kind::Pod, written->metadata, "Scheduled", std::move(message));
  }
  pending_.swap(still_pending_);
}

}  // namespace jobsim::cluster
