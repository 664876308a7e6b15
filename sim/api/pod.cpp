#include "jobsim/api/pod.hpp"

#include "jobsim/api/node.hpp"

namespace jobsim::api {

std::string_view to_string(RestartPolicy policy) {
  switch (policy) {
    case RestartPolicy::Always: return "Always";
    case RestartPolicy::OnFailure: return "OnFailure";
    case RestartPolicy::Never: return "Never";
  }
  return "";
}

std::string_view to_string(PodPhase phase) {
  switch (phase) {
    case PodPhase::Pending: return "Pending";
    case PodPhase::Running: return "Running";
    case PodPhase::Succeeded: return "Succeeded";
    case PodPhase::Failed: return "Failed";
    case PodPhase::Unknown: return "Unknown";
  }
  return "";
}

std::string_view to_string(ConditionStatus status) {
  switch (status) {
    case ConditionStatus::True: return "True";
    case ConditionStatus::False: return "False";
    case ConditionStatus::Unknown: return "Unknown";
  }
  return "";
}

bool is_pod_terminal(const Pod& pod) {
  return pod.status->phase == PodPhase::Succeeded || pod.status->phase == PodPhase::Failed;
}

const PodCondition* find_condition(const PodStatus& status, std::string_view type) {
  for (const PodCondition& condition : status.conditions) {
    if (condition.type == type) return &condition;
  }
  return nullptr;
}

ResourceList pod_requests(const PodSpec& spec) {
  ResourceList total;
  total.cpu_millis = 0;
  total.memory_bytes = 0;
  for (const Container& container : spec.containers) {
    *total.cpu_millis += container.resources.requests.cpu_millis.value_or(0);
    *total.memory_bytes += container.resources.requests.memory_bytes.value_or(0);
  }
  return total;
}

bool tolerates_taint(const Toleration& toleration, const Taint& taint) {
  if (!toleration.effect.empty() && toleration.effect != taint.effect) return false;
  if (!toleration.key.empty() && toleration.key != taint.key) return false;
  if (toleration.operator_ == "Exists") return true;
  if (toleration.operator_.empty() || toleration.operator_ == "Equal") return toleration.value == taint.value;
  return false;
}

bool is_node_ready(const Node& node) {
  for (const NodeCondition& condition : node.status->conditions) {
    if (condition.type == "Ready") return condition.status == ConditionStatus::True;
  }
  return false;
}

}  // namespace jobsim::api
