// Matching a failed pod against spec.podFailurePolicy. Upstream:
// pkg/controller/job/pod_failure_policy.go matchPodFailurePolicy.
#pragma once

#include <optional>
#include <string>

#include "jobsim/api/job.hpp"
#include "jobsim/api/pod.hpp"

namespace jobsim::controllers::job {

struct PodFailurePolicyMatch {
  std::optional<std::string> fail_job_message;  // set when a FailJob rule matched
  bool count_failed = true;                     // false for Ignore
  std::optional<api::PodFailurePolicyAction> action;
};

// match_pod_failure_policy evaluates the rules in order on a failed pod; the first match wins.
// onExitCodes looks at terminated containers with a non-zero exit code (regular containers
// first); onPodConditions at the pod's conditions.
PodFailurePolicyMatch match_pod_failure_policy(const api::PodFailurePolicy& policy, const api::Pod& pod);

}  // namespace jobsim::controllers::job
