// InvariantChecker: properties every run has whatever its scenario, checked while it runs by
// listening to the API server's watches (it never writes). Run in every World, in every build
// type. A violation is a bug in the simulator, never bad input (CONTRIBUTING.md "Errors"):
// - a pod is bound only to a node it fits: at the binding, the requests of the pods bound to the
//   node and not terminal, the new one included, are within the node's allocatable for every
//   resource the pod requests (cpu, memory), and for the pod count;
// - a pod is bound to at most one node: spec.nodeName never changes once set;
// - every object created is deleted or still present at the end: created = deleted + present.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "jobsim/cluster/api_server.hpp"
#include "jobsim/engine/clock.hpp"

namespace jobsim::world {

class InvariantChecker {
 public:
  // ViolationHandler receives the message of a violation. The default (an empty handler)
  // aborts through JOBSIM_CHECK with the message; tests pass one that records.
  using ViolationHandler = std::function<void(const std::string&)>;

  // Subscribes to the pod and node watches of `server` and counts every kind's creations and
  // deletions. Construct before objects exist.
  InvariantChecker(const engine::Clock& clock, cluster::ApiServer& server, ViolationHandler on_violation = {});
  InvariantChecker(const InvariantChecker&) = delete;
  InvariantChecker& operator=(const InvariantChecker&) = delete;

  // finish checks created = deleted + present for every kind (call at the end of the run).
  void finish();

 private:
  // NodeLoad is the sum of the requests of the pods bound to one node and not terminal.
  struct NodeLoad {
    std::int64_t cpu_millis = 0;
    std::int64_t memory_bytes = 0;
    std::int64_t pods = 0;
  };
  // PodHold is what one pod adds to its node's load while it holds resources.
  struct PodHold {
    api::ObjectId node = api::kNoObject;
    std::int64_t cpu_millis = 0;
    std::int64_t memory_bytes = 0;
    bool holds = false;
  };
  // Created and deleted objects of one kind.
  struct Tally {
    std::int64_t created = 0;
    std::int64_t deleted = 0;
  };

  void pod_added(api::ObjectId id, const api::Pod& pod);
  void pod_updated(api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod);
  void pod_deleted(api::ObjectId id, const api::Pod& pod);
  // hold adds the pod's requests to its node (and checks the fit when `check_fit`); release
  // takes them off.
  void hold(api::ObjectId id, const api::Pod& pod, bool check_fit);
  void release(api::ObjectId id);
  void violation(const std::string& message) const;

  const engine::Clock& clock_;
  cluster::ApiServer& server_;
  ViolationHandler on_violation_;
  std::vector<NodeLoad> loads_;  // by Node ObjectId
  // The pods holding resources now, by Pod ObjectId: erased on release, so it is bounded by the
  // live pods (a vector by id would grow with every pod ever created; ids are never reused).
  // Lookup only, never iterated.
  std::unordered_map<api::ObjectId, PodHold> holds_;
  std::array<Tally, 4> tallies_{};  // by api::Kind
};

}  // namespace jobsim::world
