// Upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go (monitorNodeHealth,
// tryUpdateNodeHealth, processTaintBaseEviction, doNoScheduleTaintingPass,
// doNoExecuteTaintingPass, markNodeAsReachable), pkg/controller/util/node/controller_utils.go
// (RecordNodeStatusChange, MarkPodsNotReady, SwapNodeControllerTaint).
#include "jobsim/controllers/nodelifecycle/node_lifecycle_controller.hpp"

#include <algorithm>
#include <vector>

#include "jobsim/controllers/nodelifecycle/node_health.hpp"

namespace jobsim::controllers::nodelifecycle {
namespace {

constexpr std::string_view kNoSchedule = "NoSchedule";
constexpr std::string_view kNoExecute = "NoExecute";

api::Taint taint(std::string_view key, std::string_view effect) {
  return api::Taint{.key = std::string(key), .value = "", .effect = std::string(effect), .time_added = std::nullopt};
}

bool is_condition_taint(const api::Taint& t) {
  return t.effect == kNoSchedule && (t.key == kTaintNodeNotReady || t.key == kTaintNodeUnreachable);
}

api::ConditionStatus ready_status(const api::Node& node) {
  const api::NodeCondition* ready = ready_condition(node);
  return ready == nullptr ? api::ConditionStatus::Unknown : ready->status;
}

}  // namespace

const api::NodeCondition* ready_condition(const api::Node& node) {
  const auto found = std::ranges::find(node.status->conditions, "Ready", &api::NodeCondition::type);
  return found == node.status->conditions.end() ? nullptr : &*found;
}

bool has_taint(const api::Node& node, std::string_view key, std::string_view effect) {
  return std::ranges::any_of(node.spec->taints, [&](const api::Taint& t) { return t.key == key && t.effect == effect; });
}

// nodeConditionToTaintKeyStatusMap, reduced to the Ready condition.
std::vector<api::Taint> desired_no_schedule_taints(const api::Node& node) {
  switch (ready_status(node)) {
    case api::ConditionStatus::False: return {taint(kTaintNodeNotReady, kNoSchedule)};
    case api::ConditionStatus::Unknown:
      if (ready_condition(node) == nullptr) return {};  // a node being registered
      return {taint(kTaintNodeUnreachable, kNoSchedule)};
    case api::ConditionStatus::True: break;
  }
  return {};
}

NodeLifecycleController::NodeLifecycleController(engine::Simulator& sim, cluster::Informer<api::Node>& nodes,
                                                 cluster::Informer<api::Pod>& pods, cluster::NodeLeases& leases,
                                                 cluster::Client& client, cluster::EventRecorder recorder,
                                                 const api::Timings& timings)
    : sim_(sim),
      nodes_(nodes),
      pods_(pods),
      leases_(leases),
      client_(client),
      recorder_(std::move(recorder)),
      timings_(timings),
      origin_(sim.now()) {
  nodes_.on_add([this](api::ObjectId, const api::Node& node) { on_node(nullptr, node); });
  nodes_.on_update([this](api::ObjectId, const api::Node& old_node, const api::Node& node) { on_node(&old_node, node); });
  nodes_.on_delete([this](api::ObjectId, const api::Node& node) {
    const auto found = states_.find(node.metadata->name);
    if (found == states_.end()) return;
    sim_.cancel(found->second.tick);
    states_.erase(found);
  });
  leases_.on_change([this](const std::string& name) {
    if (running_) plan(name);
  });
  nodes_.for_each([this](api::ObjectId, const api::Node& node) { on_node(nullptr, node); });
}

void NodeLifecycleController::stop() {
  running_ = false;
  for (auto& [name, state] : states_) sim_.cancel(state.tick);
  states_.clear();
  no_schedule_dirty_.clear();
  sim_.cancel(no_schedule_pass_);
}

void NodeLifecycleController::start() {
  if (running_) return;
  running_ = true;
  origin_ = sim_.now();
  nodes_.for_each([this](api::ObjectId, const api::Node& node) { on_node(nullptr, node); });
}

// Informer handler: queues the NoSchedule pass when the condition taints are off, and replans.
void NodeLifecycleController::on_node(const api::Node*, const api::Node& node) {
  if (!running_) return;
  std::vector<api::Taint> current;
  for (const api::Taint& t : node.spec->taints) {
    if (is_condition_taint(t)) current.push_back(taint(t.key, t.effect));
  }
  if (current != desired_no_schedule_taints(node)) {
    no_schedule_dirty_.insert(node.metadata->name);
    if (!no_schedule_pass_.valid() || !sim_.is_pending(no_schedule_pass_)) {
      no_schedule_pass_ = sim_.schedule_after(engine::Duration::zero(), {"nodelifecycle.no_schedule", 0}, [this] {
        const std::set<std::string> dirty = std::move(no_schedule_dirty_);
        no_schedule_dirty_.clear();
        for (const std::string& name : dirty) do_no_schedule_tainting_pass(name);
      });
    }
  }
  plan(node.metadata->name);
}

void NodeLifecycleController::plan(const std::string& name) {
  const api::ObjectId id = nodes_.find("", name);
  if (id == api::kNoObject) return;
  NodeState& state = states_[name];
  const std::optional<engine::SimTime> next = next_tick(*nodes_.get(id), state);
  if (next && state.tick.valid() && sim_.is_pending(state.tick) && state.planned == *next) return;
  sim_.cancel(state.tick);
  if (!next) return;
  state.planned = *next;
  state.tick = sim_.schedule_at(*next, {"nodelifecycle.monitor", id}, [this, id] {
    const api::Node* node = nodes_.get(id);
    if (node == nullptr) return;
    const std::string node_name = node->metadata->name;
    monitor_node_health(node_name);
    plan(node_name);
  });
}

// next_tick: the first monitor tick (origin + k * period, not yet run) at which
// monitor_node_health would change this node, or nullopt while nothing will.
std::optional<engine::SimTime> NodeLifecycleController::next_tick(const api::Node& node, const NodeState& state) const {
  const cluster::NodeLease* lease = leases_.get(node.metadata->name);
  if (lease == nullptr) return std::nullopt;
  const engine::Duration period = timings_.node_monitor_period;
  engine::SimTime next = first_tick_at_or_after(sim_.now(), origin_, period);
  if (state.last_tick && *state.last_tick >= next) next = first_tick_after(*state.last_tick, origin_, period);

  std::optional<engine::SimTime> best;
  auto consider = [&best](engine::SimTime t) {
    if (!best || t < *best) best = t;
  };
  const api::ConditionStatus observed = ready_status(node);
  const bool unreachable = has_taint(node, kTaintNodeUnreachable, kNoExecute);
  const bool not_ready = has_taint(node, kTaintNodeNotReady, kNoExecute);
  switch (observed) {
    case api::ConditionStatus::True:
      if (unreachable || not_ready) consider(next);  // markNodeAsReachable
      break;
    case api::ConditionStatus::Unknown:
      if (!unreachable || not_ready) consider(next);  // taint unreachable:NoExecute
      break;
    case api::ConditionStatus::False:
      if (unreachable || !not_ready) consider(next);  // taint not-ready:NoExecute
      break;
  }
  // Ready=Unknown once the renewals stop for longer than the grace period.
  if (observed != api::ConditionStatus::Unknown && !lease->renewing()) {
    const engine::SimTime unknown_at = not_ready_at(lease->last_renewal(*lease->stopped_at), origin_, period,
                                                    timings_.node_monitor_grace_period);
    consider(std::max(unknown_at, next));
  }
  return best;
}

void NodeLifecycleController::monitor_node_health(const std::string& name) {
  const api::ObjectId id = nodes_.find("", name);
  const cluster::NodeLease* lease = leases_.get(name);
  if (id == api::kNoObject || lease == nullptr) return;
  const engine::SimTime now = sim_.now();
  states_[name].last_tick = now;
  const api::ConditionStatus observed = ready_status(*nodes_.get(id));
  api::ConditionStatus current = observed;

  // tryUpdateNodeHealth: probeTimestamp is the tick that saw the latest renewal.
  const engine::SimTime probe = probe_timestamp(lease->last_renewal(now), origin_, timings_.node_monitor_period);
  if (now > probe + timings_.node_monitor_grace_period && observed != api::ConditionStatus::Unknown) {
    api::Node node = *nodes_.get(id);
    const auto found = std::ranges::find(node.status->conditions, "Ready", &api::NodeCondition::type);
    if (found != node.status->conditions.end()) {
      auto ready = node.status.edit().conditions.begin() + (found - node.status->conditions.begin());
      ready->status = api::ConditionStatus::Unknown;
      ready->reason = std::string(kNodeStatusUnknown);
      ready->message = std::string(kKubeletStoppedPosting);
      ready->last_transition_time = now;
      if (client_.update(id, std::move(node)).ok()) current = api::ConditionStatus::Unknown;
    }
  }

  // processTaintBaseEviction works on the condition observed before this tick's update.
  const api::Node* node = nodes_.get(id);
  if (node == nullptr) return;
  switch (observed) {
    case api::ConditionStatus::False:
      if (!has_taint(*node, kTaintNodeNotReady, kNoExecute) || has_taint(*node, kTaintNodeUnreachable, kNoExecute)) {
        swap_taints(id, {taint(kTaintNodeNotReady, kNoExecute)}, {taint(kTaintNodeUnreachable, kNoExecute)});
      }
      break;
    case api::ConditionStatus::Unknown:
      if (!has_taint(*node, kTaintNodeUnreachable, kNoExecute) || has_taint(*node, kTaintNodeNotReady, kNoExecute)) {
        swap_taints(id, {taint(kTaintNodeUnreachable, kNoExecute)}, {taint(kTaintNodeNotReady, kNoExecute)});
      }
      break;
    case api::ConditionStatus::True:
      if (has_taint(*node, kTaintNodeUnreachable, kNoExecute) || has_taint(*node, kTaintNodeNotReady, kNoExecute)) {
        swap_taints(id, {}, {taint(kTaintNodeUnreachable, kNoExecute), taint(kTaintNodeNotReady, kNoExecute)});
      }
      break;
  }

  if (current != api::ConditionStatus::True && observed == api::ConditionStatus::True) {
    // RecordNodeStatusChange, then MarkPodsNotReady.
    if (const api::Node* changed = nodes_.get(id)) {
      recorder_.normal(api::Kind::Node, changed->metadata, "NodeNotReady",
                       {"Node {} status is now: NodeNotReady", changed->metadata->name});
    }
    mark_pods_not_ready(name);
  }
}

void NodeLifecycleController::do_no_schedule_tainting_pass(const std::string& name) {
  const api::ObjectId id = nodes_.find("", name);
  if (id == api::kNoObject) return;
  const api::Node& node = *nodes_.get(id);
  const std::vector<api::Taint> desired = desired_no_schedule_taints(node);
  std::vector<api::Taint> add;
  std::vector<api::Taint> remove;
  for (const api::Taint& t : desired) {
    if (!has_taint(node, t.key, t.effect)) add.push_back(t);
  }
  for (const api::Taint& t : node.spec->taints) {
    if (!is_condition_taint(t)) continue;
    if (std::ranges::none_of(desired, [&](const api::Taint& d) { return d.key == t.key && d.effect == t.effect; })) {
      remove.push_back(taint(t.key, t.effect));
    }
  }
  if (add.empty() && remove.empty()) return;
  api::Node updated = node;
  std::erase_if(updated.spec.edit().taints, [&](const api::Taint& t) {
    return std::ranges::any_of(remove, [&](const api::Taint& r) { return r.key == t.key && r.effect == t.effect; });
  });
  for (api::Taint& t : add) {
    t.time_added = sim_.now();
    updated.spec.edit().taints.push_back(std::move(t));
  }
  client_.update(id, std::move(updated));
}

// SwapNodeControllerTaint: remove `remove` (key and effect), add `add` with timeAdded = now.
void NodeLifecycleController::swap_taints(api::ObjectId id, std::initializer_list<api::Taint> add,
                                          std::initializer_list<api::Taint> remove) {
  const api::Node* current = nodes_.get(id);
  if (current == nullptr) return;
  api::Node node = *current;
  std::erase_if(node.spec.edit().taints, [&](const api::Taint& t) {
    return std::ranges::any_of(remove, [&](const api::Taint& r) { return r.key == t.key && r.effect == t.effect; });
  });
  for (const api::Taint& t : add) {
    if (has_taint(node, t.key, t.effect)) continue;
    api::Taint added = t;
    added.time_added = sim_.now();
    node.spec.edit().taints.push_back(std::move(added));
  }
  if (node.spec->taints == current->spec->taints) return;
  client_.update(id, std::move(node));
}

// MarkPodsNotReady: every pod of the node whose Ready condition is not False gets Ready=False
// and a NodeNotReady warning.
void NodeLifecycleController::mark_pods_not_ready(const std::string& node_name) {
  std::vector<api::ObjectId> ids;
  pods_.for_each([&](api::ObjectId id, const api::Pod& pod) {
    if (pod.spec->node_name == node_name) ids.push_back(id);
  });
  for (const api::ObjectId id : ids) {
    const api::Pod* current = pods_.get(id);
    if (current == nullptr) continue;
    const auto ready = std::ranges::find(current->status->conditions, "Ready", &api::PodCondition::type);
    if (ready == current->status->conditions.end() || ready->status == api::ConditionStatus::False) continue;
    api::Pod pod = *current;
    auto condition = std::ranges::find(pod.status.edit().conditions, "Ready", &api::PodCondition::type);
    condition->status = api::ConditionStatus::False;
    condition->last_transition_time = sim_.now();
    const api::ObjectMeta meta = pod.metadata;
    if (!client_.update(id, std::move(pod)).ok()) continue;
    recorder_.warning(api::Kind::Pod, meta, "NodeNotReady", "Node is not ready");
  }
}

}  // namespace jobsim::controllers::nodelifecycle
