// Upstream: pkg/scheduler/schedule_one.go (schedulePod, selectHost),
// pkg/scheduler/framework/plugins/noderesources (fit.go, least_allocated.go),
// pkg/scheduler/util (non-zero request defaults).
#include "jobsim/cluster/scheduler.hpp"

#include <algorithm>
#include <string>

namespace jobsim::cluster {
namespace {

// Upstream pkg/scheduler/util/pod_resources.go: requests used for scoring when a container
// requests nothing.
constexpr std::int64_t kDefaultMilliCpuRequest = 100;
constexpr std::int64_t kDefaultMemoryRequest = 200LL * 1024 * 1024;
constexpr std::int64_t kDefaultMaxPods = 110;

bool tolerates(const api::Pod& pod, const api::Taint& taint) {
  return std::ranges::any_of(pod.spec.tolerations, [&](const api::Toleration& toleration) {
    if (!toleration.effect.empty() && toleration.effect != taint.effect) return false;
    if (toleration.operator_ == "Exists") return toleration.key.empty() || toleration.key == taint.key;
    return toleration.key == taint.key && toleration.value == taint.value;
  });
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
  return !pod.spec.node_name.empty() && !api::is_pod_terminal(pod);
}

void Scheduler::on_pod_add(api::ObjectId id, const api::Pod& pod) {
  if (pod.spec.node_name.empty()) {
    if (pod.spec.scheduler_name != "default-scheduler" || pod.metadata.deletion_timestamp) return;
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
  const api::ObjectId node = nodes_.find("", pod.spec.node_name);
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
  if (pending_.empty() || sim_.is_pending(attempt_)) return;
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
    if (node.metadata.deletion_timestamp || node.spec.unschedulable || !api::is_node_ready(node)) return;
    for (const api::Taint& taint : node.spec.taints) {
      if ((taint.effect == "NoSchedule" || taint.effect == "NoExecute") && !tolerates(pod, taint)) return;
    }
    if (!api::matches(api::LabelSelector{pod.spec.node_selector}, node.metadata.labels)) return;
    const NodeUsage used = usage(node_id);
    const std::int64_t cpu_capacity = node.status.allocatable.cpu_millis.value_or(0);
    const std::int64_t memory_capacity = node.status.allocatable.memory_bytes.value_or(0);
    const std::int64_t pod_capacity = node.status.allocatable.pods.value_or(kDefaultMaxPods);
    if (used.pods + 1 > pod_capacity) return;
    if (cpu > 0 && used.cpu_millis + cpu > cpu_capacity) return;
    if (memory > 0 && used.memory_bytes + memory > memory_capacity) return;
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

void Scheduler::schedule_pending() {
  // What find_node looks at in a pod: its requests, node selector and tolerations. During one
  // pass nodes only fill up (binding is the only write), so once a pod found no node, every
  // later pod with the same shape finds none either and skips find_node. Without this a full
  // cluster costs (pending pods x nodes) checks per freed slot (docs/performance.md).
  struct Shape {
    api::ResourceList requests;
    api::Labels node_selector;
    std::vector<api::Toleration> tolerations;
  };
  std::vector<Shape> unschedulable;
  auto known_unschedulable = [&unschedulable](const api::Pod& pod, const api::ResourceList& requests) {
    return std::ranges::any_of(unschedulable, [&](const Shape& shape) {
      return shape.requests == requests && shape.node_selector == pod.spec.node_selector &&
             shape.tolerations == pod.spec.tolerations;
    });
  };
  still_pending_.clear();
  while (!pending_.empty()) {
    const api::ObjectId id = pending_.front();
    pending_.pop_front();
    const api::Pod* pod = pods_.get(id);
    if (pod == nullptr || !pod->spec.node_name.empty() || pod->metadata.deletion_timestamp) continue;
    api::ResourceList requests = api::pod_requests(pod->spec);
    const bool known = known_unschedulable(*pod, requests);
    const api::ObjectId node_id = known ? api::kNoObject : find_node(*pod);
    if (node_id == api::kNoObject) {
      if (!known) unschedulable.push_back({std::move(requests), pod->spec.node_selector, pod->spec.tolerations});
      if (!reported_[id]) {
        reported_[id] = true;
        recorder_.warning(api::Kind::Pod, pod->metadata, "FailedScheduling",
                          "0/" + std::to_string(nodes_.size()) +
                              " nodes are available: insufficient resources or no matching node.");
      }
      still_pending_.push_back(id);
      continue;
    }
    api::Pod bound = *pod;
    const api::Node* node = nodes_.get(node_id);
    bound.spec.node_name = node->metadata.name;
    bound.status.conditions.push_back(
        {.type = "PodScheduled", .status = api::ConditionStatus::True, .last_transition_time = sim_.now()});
    reported_.erase(id);
    std::string message = "Successfully assigned " + bound.metadata.namespace_ + "/" + bound.metadata.name + " to " +
                          node->metadata.name;
    client_.update(id, std::move(bound));
    // The Event names the bound pod: binding never erases it, and name and uid do not change.
    const api::Pod* written = pods_.get(id);
    JOBSIM_CHECK(written != nullptr, "Scheduler: a bound pod left the store");
    recorder_.normal(api::Kind::Pod, written->metadata, "Scheduled", std::move(message));
  }
  pending_.swap(still_pending_);
}

}  // namespace jobsim::cluster
