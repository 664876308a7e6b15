// Upstream: pkg/controller/job/pod_failure_policy.go.
#include "jobsim/controllers/job/pod_failure_policy.hpp"

#include <algorithm>

namespace jobsim::controllers::job {
namespace {

// Returns the first terminated container with a non-zero exit code matching the requirement.
const api::ContainerStatus* match_exit_codes(const api::PodFailurePolicyOnExitCodesRequirement& requirement,
                                             const api::Pod& pod) {
  for (const api::ContainerStatus& status : pod.status->container_statuses) {
    if (status.state.kind != api::ContainerStateKind::Terminated || status.state.exit_code == 0) continue;
    if (requirement.container_name && *requirement.container_name != status.name) continue;
    const bool listed = std::ranges::find(requirement.values, status.state.exit_code) != requirement.values.end();
    const bool in = requirement.operator_ == api::PodFailurePolicyOnExitCodesOperator::In;
    if (listed == in) return &status;
  }
  return nullptr;
}

const api::PodCondition* match_conditions(const std::vector<api::PodFailurePolicyOnPodConditionsPattern>& patterns,
                                          const api::Pod& pod) {
  for (const auto& pattern : patterns) {
    for (const api::PodCondition& condition : pod.status->conditions) {
      if (condition.type == pattern.type && condition.status == pattern.status) return &condition;
    }
  }
  return nullptr;
}

}  // namespace

PodFailurePolicyMatch match_pod_failure_policy(const api::PodFailurePolicy& policy, const api::Pod& pod) {
  for (std::size_t index = 0; index < policy.rules.size(); ++index) {
    const api::PodFailurePolicyRule& rule = policy.rules[index];
    std::optional<std::string> fail_message;
    bool matched = false;
    if (rule.on_exit_codes) {
      if (const api::ContainerStatus* container = match_exit_codes(*rule.on_exit_codes, pod)) {
        matched = true;
        fail_message = "Container " + container->name + " for pod " + pod.metadata->namespace_ + "/" +
                       pod.metadata->name + " failed with exit code " + std::to_string(container->state.exit_code) +
                       " matching FailJob rule at index " + std::to_string(index);
      }
    } else if (const api::PodCondition* condition = match_conditions(rule.on_pod_conditions, pod)) {
      matched = true;
      fail_message = "Pod " + pod.metadata->namespace_ + "/" + pod.metadata->name + " has condition " + condition->type +
                     " matching FailJob rule at index " + std::to_string(index);
    }
    if (!matched) continue;
    switch (rule.action) {
      case api::PodFailurePolicyAction::FailJob: return {fail_message, true, rule.action};
      case api::PodFailurePolicyAction::Ignore: return {std::nullopt, false, rule.action};
      case api::PodFailurePolicyAction::Count:
      case api::PodFailurePolicyAction::FailIndex: return {std::nullopt, true, rule.action};
    }
  }
  return {std::nullopt, true, std::nullopt};
}

}  // namespace jobsim::controllers::job
