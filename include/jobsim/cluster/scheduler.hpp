// Scheduler: a kube-scheduler model that binds pending pods to nodes.
// Upstream: pkg/scheduler (PrioritySort queue, NodeResourcesFit filter, LeastAllocated score).
// Simplifications: one profile; filters are, in upstream's plugin order, NodeUnschedulable,
// TaintToleration (NoSchedule and NoExecute; a node that is not Ready counts as tainted
// node.kubernetes.io/not-ready or unreachable, as the node lifecycle controller taints it),
// NodeAffinity (nodeSelector only) and NodeResourcesFit (cpu, memory, pods); the score is
// LeastAllocated over cpu and memory with upstream's non-zero defaults (100m, 200Mi); ties go to
// the node created first (upstream picks at random among equal scores). Unschedulable pods get
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
  void request_attempt();
  void schedule_pending();
  // find_node returns the best feasible node or kNoObject.
  api::ObjectId find_node(const api::Pod& pod) const;
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
