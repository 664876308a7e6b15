// Scheduler: a kube-scheduler model that binds pending pods to nodes.
// Upstream: pkg/scheduler (PrioritySort queue, NodeResourcesFit filter, LeastAllocated score).
// Simplifications: one profile; filters are, in upstream's plugin order, NodeUnschedulable,
// TaintToleration (NoSchedule and NoExecute; a node that is not Ready counts as tainted
// node.kubernetes.io/not-ready or unreachable, as the node lifecycle controller taints it),
// NodeAffinity (nodeSelector only) and NodeResourcesFit (cpu, memory, pods); the score is
// LeastAllocated over cpu and memory with upstream's non-zero defaults (100m, 200Mi); ties go to
// the node created first (upstream picks at random among equal scores). Like upstream, a pod
// is filtered against the nodes in node-tree order (zones interleaved) from a rotating start
// index and, past 100 nodes, only until numFeasibleNodesToFind feasible nodes are found
// (adaptive percentageOfNodesToScore); only those are scored. Unschedulable pods get
// PodScheduled=False (Unschedulable) and a FailedScheduling event with upstream's message (again
// only when the message changes), wait, and are retried when resources are freed or nodes
// change, in FIFO order (pod creation order). No preemption (all pods have priority 0, so
// upstream finds no victims either).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/timings.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::cluster {

// NodeUsage: what the scheduler has placed on a node (requests of bound, non-terminal pods).
struct NodeUsage {
  std::int64_t cpu_millis = 0;
  std::int64_t memory_bytes = 0;
  std::int64_t pods = 0;
};


class Scheduler {
 public:
  Scheduler(engine::Simulator& sim, Informer<api::Pod>& pods, Informer<api::Node>& nodes, Client& client,
            EventRecorder recorder, const api::Timings& timings);

  // usage of a node as the scheduler accounts it (zero for unknown nodes).
  NodeUsage usage(api::ObjectId node) const;

  // num_feasible_nodes_to_find: how many feasible nodes a pod's filtering stops at, for
  // `all_nodes` nodes (upstream numFeasibleNodesToFind with percentageOfNodesToScore unset).
  static std::int32_t num_feasible_nodes_to_find(std::int32_t all_nodes);
  // node_list is the order nodes are filtered in (upstream nodeTree.list()); next_start_index
  // is where the next pod's filtering starts in it (upstream sched.nextStartNodeIndex).
  const std::vector<api::ObjectId>& node_list();
  std::size_t next_start_index() const { return next_start_; }
  std::size_t pending() const { return pending_.size(); }

  // stop models kube-scheduler going down (a schedulerDown fault): nothing is bound. start
  // brings it back: like a restarted scheduler it lists every pod and queues the unbound ones
  // in creation order. Both are no-ops when already in that state.
  void stop();
  void start();
  bool running() const { return running_; }

 private:
  void on_pod_add(api::ObjectId id, const api::Pod& pod);
  void on_pod_update(api::ObjectId id, const api::Pod& old_pod, const api::Pod& new_pod);
  void on_pod_delete(api::ObjectId id, const api::Pod& pod);
  void on_node_add(api::ObjectId id, const api::Node& node);
  void on_node_update(api::ObjectId id, const api::Node& old_node, const api::Node& new_node);
  void on_node_delete(api::ObjectId id, const api::Node& node);
  void tree_add(api::ObjectId id, const std::string& zone);
  void tree_remove(api::ObjectId id);
  void request_attempt();
  void schedule_pending();
  // find_node returns the best feasible node or kNoObject, and advances next_start_.
  api::ObjectId find_node(const api::Pod& pod);
  // unschedulable_message explains why no node fits (upstream FitError.Error()).
  std::string unschedulable_message(const api::Pod& pod) const;
  void report_unschedulable(api::ObjectId id, const api::Pod& pod, const std::string& message);
  void account(api::ObjectId pod_id, const api::Pod& pod);
  void unaccount(api::ObjectId pod_id);
  static bool holds_resources(const api::Pod& pod);

  engine::Simulator& sim_;
  Informer<api::Pod>& pods_;
  Informer<api::Node>& nodes_;
  Client& client_;
  EventRecorder recorder_;
  const api::Timings& timings_;
  std::deque<api::ObjectId> pending_;  // FIFO of pods waiting to be bound
  // The pods a pass leaves pending; a member swapped with pending_, so that a pass does not
  // allocate a new deque (one per bound pod in a CronJob fleet, docs/performance.md).
  std::deque<api::ObjectId> still_pending_;
  std::vector<NodeUsage> usage_;       // indexed by node ObjectId
  // NodeState: what filtering and scoring read of a node, kept from the node informer's events
  // instead of reading the Node per pod (upstream's scheduler cache NodeInfo does the same).
  struct NodeState {
    bool listed = false;  // in the node tree: exists and is not being deleted
    // plain: Ready, not cordoned, no NoSchedule/NoExecute taint; NodeUnschedulable and
    // TaintToleration pass for every pod, so they are skipped.
    bool plain = false;
    std::int64_t allocatable_cpu_millis = 0;
    std::int64_t allocatable_memory_bytes = 0;
    std::int64_t allocatable_pods = 0;
    std::string zone;  // upstream utilnode.GetZoneKey
  };
  std::vector<NodeState> node_state_;  // indexed by node ObjectId
  // The node tree (upstream pkg/scheduler/backend/cache/node_tree.go): zones in order of first
  // appearance, each with its nodes in insertion order; node_list_ interleaves them.
  struct Zone {
    std::string key;
    std::vector<api::ObjectId> nodes;
  };
  std::vector<Zone> zones_;
  std::vector<api::ObjectId> node_list_;
  bool node_list_stale_ = false;
  std::size_t next_start_ = 0;
  struct Placed {
    api::ObjectId node;
    api::ResourceList requests;
  };
  std::unordered_map<api::ObjectId, Placed> placed_;      // pods currently holding resources
  std::unordered_map<api::ObjectId, std::string> reported_;  // the last FailedScheduling message
  engine::EventHandle attempt_;
  bool running_ = true;
};

}  // namespace jobsim::cluster
