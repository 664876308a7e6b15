// PodGcController: kube-controller-manager's pod garbage collector. Every pod_gc_period (20 s)
// it force-deletes (grace 0):
//   - terminated pods (Succeeded/Failed) beyond terminated_pod_gc_threshold, cluster-wide,
//     evicted first, then oldest creationTimestamp, ties by name (threshold <= 0 disables);
//   - terminating pods on a NotReady node with the node.kubernetes.io/out-of-service taint;
//   - orphaned pods, bound to a node that is still missing 40 s after it was first seen
//     missing (quarantine), marked Failed with DisruptionTarget (DeletionByPodGC) first;
//   - terminating pods that were never scheduled.
// A pod that is not terminal is patched to phase Failed before the delete.
// Upstream: pkg/controller/podgc/gc_controller.go. Simplification: the controller keeps
// indexes (terminated pods in deletion order, pods per node) up to date from the informer
// instead of listing every pod each period; the result is the same, without the O(pods) scan.
#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>

#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/timings.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/cluster/lifecycle.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::controllers::podgc {

// Upstream constants (gc_controller.go).
inline constexpr engine::Duration kQuarantineTime = std::chrono::seconds(40);
inline constexpr std::string_view kDisruptionTarget = "DisruptionTarget";
inline constexpr std::string_view kDeletionByPodGc = "DeletionByPodGC";
inline constexpr std::string_view kNodeNoLongerExists = "PodGC: node no longer exists";
inline constexpr std::string_view kTaintNodeOutOfService = "node.kubernetes.io/out-of-service";

// is_pod_terminated: phase Succeeded or Failed (upstream isPodTerminated).
bool is_pod_terminated(const api::Pod& pod);
// pod_is_evicted: Failed with reason Evicted (upstream kubelet/eviction PodIsEvicted).
bool pod_is_evicted(const api::Pod& pod);

class PodGcController {
 public:
  // The first collection runs at construction time (upstream wait.Until runs at once), then
  // every timings.pod_gc_period.
  PodGcController(engine::Simulator& sim, cluster::Informer<api::Pod>& pods, cluster::Informer<api::Node>& nodes,
                  cluster::Client& client, const api::Timings& timings);
  PodGcController(const PodGcController&) = delete;
  PodGcController& operator=(const PodGcController&) = delete;

  // stop models a controller-manager outage (no collection, the quarantine queue is lost);
  // start collects at once and then every period again.
  void stop();
  void start();
  // attach_lifecycle: the controller announces on `signals` the pods it marks Failed
  // (cluster/lifecycle.hpp).
  void attach_lifecycle(cluster::LifecycleSignals& signals) { lifecycle_ = &signals; }

  // gc runs one collection now (upstream gc); the timer calls it.
  void gc();

 private:
  // Upstream byEvictionAndCreationTimestamp, with the object id as the final tie-breaker.
  using TerminatedKey = std::tuple<bool /*not evicted*/, engine::SimTime, std::string, api::ObjectId>;
  static TerminatedKey terminated_key(api::ObjectId id, const api::Pod& pod);

  void on_pod(api::ObjectId id, const api::Pod* old_pod, const api::Pod* pod);
  void schedule_tick(engine::SimTime at);
  void gc_terminated();
  void gc_terminating();
  void gc_orphaned();
  void gc_unscheduled_terminating();
  void mark_failed_and_delete_pod(api::ObjectId id, bool with_disruption_condition);
  bool node_exists(const std::string& name) const;

  engine::Simulator& sim_;
  cluster::Informer<api::Pod>& pods_;
  cluster::Informer<api::Node>& nodes_;
  cluster::Client& client_;
  cluster::LifecycleSignals* lifecycle_ = nullptr;
  const api::Timings& timings_;
  engine::EventHandle tick_;
  bool running_ = true;

  std::set<TerminatedKey> terminated_;                            // deletion order
  std::map<std::string, std::set<api::ObjectId>> pods_by_node_;   // bound pods
  std::set<api::ObjectId> unscheduled_terminating_;
  std::map<std::string, engine::SimTime> quarantine_;              // node name -> ready at
};

}  // namespace jobsim::controllers::podgc
