// TaintEvictionController: kube-controller-manager's taint-eviction-controller (the "taint
// manager"). For every pod bound to a node with NoExecute taints it plans a deletion at
// (when it saw the taints) + the smallest tolerationSeconds of the tolerations that match them
// (at once when a taint is not tolerated, never when tolerated without seconds). The deletion
// adds the DisruptionTarget condition (reason DeletionByTaintManager) and sends a graceful
// DELETE, with a TaintManagerEviction event; removing the taints first cancels it (with an
// event). Like upstream, the delay runs from when the controller processes the taint, not from
// the taint's timeAdded, so after a controller-manager restart the full toleration starts again.
// Upstream: pkg/controller/tainteviction/taint_eviction.go, timed_workers.go.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::controllers::tainteviction {

inline constexpr std::string_view kDisruptionTarget = "DisruptionTarget";
inline constexpr std::string_view kDeletionByTaintManager = "DeletionByTaintManager";
inline constexpr std::string_view kTaintManagerMessage = "Taint manager: deleting due to NoExecute taint";
inline constexpr std::string_view kTaintManagerEviction = "TaintManagerEviction";

class TaintEvictionController {
 public:
  TaintEvictionController(engine::Simulator& sim, cluster::Informer<api::Node>& nodes, cluster::Informer<api::Pod>& pods,
                          cluster::Client& client, cluster::EventRecorder recorder);
  TaintEvictionController(const TaintEvictionController&) = delete;
  TaintEvictionController& operator=(const TaintEvictionController&) = delete;

  // stop: a controller-manager outage (planned evictions are lost); start re-lists the nodes.
  void stop();
  void start();

  // planned_eviction: when the pod is to be deleted (tests), nullopt when nothing is planned.
  std::optional<engine::SimTime> planned_eviction(api::ObjectId pod) const;

 private:
  // One entry of upstream's TimedWorkerQueue; a fired entry stays (upstream keeps a nil worker),
  // so a later cancel is silent and the pod is not scheduled again.
  struct Work {
    engine::SimTime created_at{};
    engine::SimTime fire_at{};
    engine::EventHandle timer;
    bool fired = false;
    api::ObjectMeta meta;  // the pod's, for the cancel event after it is gone
  };

  void on_node(const api::Node* old_node, const api::Node* node);
  void on_pod(const api::Pod* old_pod, api::ObjectId id, const api::Pod* pod);
  void handle_node_update(const std::string& name);
  void handle_pod_update(api::ObjectId id);
  void process_pod_on_node(api::ObjectId id, const api::Pod& pod, const std::vector<api::Taint>& taints);
  void cancel_work_with_event(api::ObjectId id, const api::ObjectMeta* meta);
  void add_work(api::ObjectId id, const api::Pod& pod, engine::SimTime created_at, engine::SimTime fire_at);
  void delete_pod(api::ObjectId id);
  void schedule_pass();

  engine::Simulator& sim_;
  cluster::Informer<api::Node>& nodes_;
  cluster::Informer<api::Pod>& pods_;
  cluster::Client& client_;
  cluster::EventRecorder recorder_;
  bool running_ = true;
  std::map<std::string, std::vector<api::Taint>> tainted_nodes_;  // NoExecute taints per node
  std::unordered_map<api::ObjectId, Work> work_;
  std::set<std::string> dirty_nodes_;
  std::set<api::ObjectId> dirty_pods_;
  engine::EventHandle pass_;
};

}  // namespace jobsim::controllers::tainteviction
