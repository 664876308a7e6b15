// NodeLifecycleController: kube-controller-manager's node lifecycle controller, health part.
// It watches the node Leases (cluster::NodeLeases) and, when a node's kubelet stops renewing
// for longer than nodeMonitorGracePeriod, sets the node's Ready condition to Unknown (reason
// NodeStatusUnknown), records NodeNotReady, marks the node's pods not ready, taints the node
// node.kubernetes.io/unreachable:NoSchedule at once (doNoScheduleTaintingPass on the node
// update) and :NoExecute at the next monitor tick (processTaintBaseEviction works on the Ready
// condition observed before the tick's own update). Ready=False gives node.kubernetes.io/
// not-ready instead. When the node is Ready again the NoSchedule taint goes at once and the
// NoExecute taint at the next tick (markNodeAsReachable).
// No event per node per tick: the controller computes the tick at which something changes
// (node_health.hpp) and schedules only that one.
// Upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go (monitorNodeHealth,
// tryUpdateNodeHealth, processTaintBaseEviction, doNoScheduleTaintingPass,
// doNoExecuteTaintingPass, markNodeAsReachable), pkg/controller/util/node/controller_utils.go
// (RecordNodeStatusChange, MarkPodsNotReady, SwapNodeControllerTaint).
// Simplifications (docs/fidelity.md, Node lifecycle): no zones, disruption modes or eviction
// rate limits (the NoExecute taint is added at the tick, upstream <= 100 ms later through a
// rate-limited queue of 0.1 node/s with burst 1); no RegisteredNode/RemovingNode events; no
// node.kubernetes.io/unschedulable taint (the scheduler reads spec.unschedulable directly);
// nodeStartupGracePeriod does not apply (every Node has a Ready condition); a node without a
// Lease (no kubelet model) is not monitored.
#pragma once

#include <map>
#include <set>
#include <string>

#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/timings.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/cluster/node_leases.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::controllers::nodelifecycle {

// Well-known taint keys (k8s.io/api/core/v1 well_known_taints.go).
inline constexpr std::string_view kTaintNodeNotReady = "node.kubernetes.io/not-ready";
inline constexpr std::string_view kTaintNodeUnreachable = "node.kubernetes.io/unreachable";
inline constexpr std::string_view kNodeStatusUnknown = "NodeStatusUnknown";
inline constexpr std::string_view kKubeletStoppedPosting = "Kubelet stopped posting node status.";

class NodeLifecycleController {
 public:
  // The first monitor tick is at construction time (wait.Until runs at once).
  NodeLifecycleController(engine::Simulator& sim, cluster::Informer<api::Node>& nodes,
                          cluster::Informer<api::Pod>& pods, cluster::NodeLeases& leases, cluster::Client& client,
                          cluster::EventRecorder recorder, const api::Timings& timings);
  NodeLifecycleController(const NodeLifecycleController&) = delete;
  NodeLifecycleController& operator=(const NodeLifecycleController&) = delete;

  // stop: a controller-manager outage (probe timestamps and planned ticks are lost); start:
  // the ticks restart from now, with every node's probe timestamp at the first tick.
  void stop();
  void start();

 private:
  struct NodeState {
    engine::EventHandle tick;              // the one planned monitor tick of this node
    engine::SimTime planned{};
    std::optional<engine::SimTime> last_tick;  // the last tick that ran for this node
  };

  void on_node(const api::Node* old_node, const api::Node& node);
  // plan schedules the next tick at which monitoring this node changes something.
  void plan(const std::string& name);
  std::optional<engine::SimTime> next_tick(const api::Node& node, const NodeState& state) const;
  // monitor_node_health is one monitor tick for one node (the body of upstream's loop).
  void monitor_node_health(const std::string& name);
  void do_no_schedule_tainting_pass(const std::string& name);
  void mark_pods_not_ready(const std::string& node_name);
  // swap_taints replaces node's taints (key, effect) in `remove` by `add` (timeAdded = now).
  void swap_taints(api::ObjectId id, std::initializer_list<api::Taint> add, std::initializer_list<api::Taint> remove);
  engine::SimTime tick_origin() const { return origin_; }

  engine::Simulator& sim_;
  cluster::Informer<api::Node>& nodes_;
  cluster::Informer<api::Pod>& pods_;
  cluster::NodeLeases& leases_;
  cluster::Client& client_;
  cluster::EventRecorder recorder_;
  const api::Timings& timings_;
  bool running_ = true;
  engine::SimTime origin_{};
  std::map<std::string, NodeState> states_;
  std::set<std::string> no_schedule_dirty_;
  engine::EventHandle no_schedule_pass_;
};

// Pure helpers (tests): the condition taints doNoScheduleTaintingPass wants for a node.
std::vector<api::Taint> desired_no_schedule_taints(const api::Node& node);
bool has_taint(const api::Node& node, std::string_view key, std::string_view effect);
const api::NodeCondition* ready_condition(const api::Node& node);

}  // namespace jobsim::controllers::nodelifecycle
