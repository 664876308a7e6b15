// Scheduler: a kube-scheduler model that binds pending pods to nodes.
// Upstream: pkg/scheduler (PrioritySort queue, NodeResourcesFit filter, LeastAllocated score).
// Simplifications: one profile; filters are resource fit (cpu, memory, pods), node readiness
// and unschedulable, nodeSelector and NoSchedule taints; the score is LeastAllocated over cpu and
// memory with upstream's non-zero defaults (100m, 200Mi); ties go to the node created first
// (upstream picks at random among equal scores). Unschedulable pods wait and are retried when
// resources are freed or nodes change, in FIFO order (pod creation order).
#pragma once

#include <cstdint>
#include <deque>
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

 private:
  void on_pod_add(api::ObjectId id, const api::Pod& pod);
  void on_pod_update(api::ObjectId id, const api::Pod& old_pod, const api::Pod& new_pod);
  void on_pod_delete(api::ObjectId id, const api::Pod& pod);
  void request_attempt();
  void schedule_pending();
  // find_node returns the best feasible node or kNoObject.
  api::ObjectId find_node(const api::Pod& pod) const;
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
  std::unordered_map<api::ObjectId, bool> reported_;      // FailedScheduling already emitted
  engine::EventHandle attempt_;
};

}  // namespace jobsim::cluster
