// core/v1 Node: capacity for the scheduler, labels and taints, and the Ready condition.
#pragma once

#include <string>
#include <vector>

#include "jobsim/api/meta.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/resources.hpp"

namespace jobsim::api {

struct Taint {
  std::string key;
  std::string value;
  std::string effect;  // NoSchedule, PreferNoSchedule, NoExecute
  std::optional<SimTime> time_added;
  bool operator==(const Taint&) const = default;
};

struct NodeSpec {
  std::vector<Taint> taints;
  bool unschedulable = false;
  bool operator==(const NodeSpec&) const = default;
};

struct NodeCondition {
  Name type;  // Ready
  ConditionStatus status = ConditionStatus::True;
  Name reason;
  Name message;
  std::optional<SimTime> last_transition_time;
  bool operator==(const NodeCondition&) const = default;
};

struct NodeStatus {
  ResourceList capacity;     // cpu, memory, pods
  ResourceList allocatable;  // = capacity (no system reservations modelled)
  std::vector<NodeCondition> conditions;
  bool operator==(const NodeStatus&) const = default;
};

struct Node {
  Shared<ObjectMeta> metadata;
  Shared<NodeSpec> spec;
  Shared<NodeStatus> status;
  bool operator==(const Node&) const = default;
};

bool is_node_ready(const Node& node);
// tolerates_taint: whether a toleration tolerates a taint (k8s.io/api core/v1 toleration.go
// ToleratesTaint): an empty effect matches every effect, an empty key (with Exists) every key;
// Exists matches any value, Equal (or no operator) the same value; other operators nothing.
// The scheduler's TaintToleration filter and the taint eviction controller both use it.
bool tolerates_taint(const Toleration& toleration, const Taint& taint);

}  // namespace jobsim::api
