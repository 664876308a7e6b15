// batch/v1 Job: spec, status and conditions as upstream defines them
// (k8s.io/api/batch/v1/types.go). Defaults are applied by defaults.hpp, not here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/api/boxed.hpp"
#include "jobsim/api/meta.hpp"
#include "jobsim/api/pod.hpp"

namespace jobsim::api {

enum class CompletionMode : std::uint8_t { NonIndexed, Indexed };
enum class PodReplacementPolicy : std::uint8_t { TerminatingOrFailed, Failed };
enum class PodFailurePolicyAction : std::uint8_t { FailJob, FailIndex, Ignore, Count };
enum class PodFailurePolicyOnExitCodesOperator : std::uint8_t { In, NotIn };
std::string_view to_string(CompletionMode mode);
std::string_view to_string(PodReplacementPolicy policy);
std::string_view to_string(PodFailurePolicyAction action);

struct PodFailurePolicyOnExitCodesRequirement {
  std::optional<std::string> container_name;
  PodFailurePolicyOnExitCodesOperator operator_ = PodFailurePolicyOnExitCodesOperator::In;
  std::vector<std::int32_t> values;
  bool operator==(const PodFailurePolicyOnExitCodesRequirement&) const = default;
};

struct PodFailurePolicyOnPodConditionsPattern {
  std::string type;
  ConditionStatus status = ConditionStatus::True;
  bool operator==(const PodFailurePolicyOnPodConditionsPattern&) const = default;
};

struct PodFailurePolicyRule {
  PodFailurePolicyAction action = PodFailurePolicyAction::Count;
  std::optional<PodFailurePolicyOnExitCodesRequirement> on_exit_codes;
  std::vector<PodFailurePolicyOnPodConditionsPattern> on_pod_conditions;
  bool operator==(const PodFailurePolicyRule&) const = default;
};

struct PodFailurePolicy {
  std::vector<PodFailurePolicyRule> rules;
  bool operator==(const PodFailurePolicy&) const = default;
};

struct SuccessPolicyRule {
  std::optional<std::string> succeeded_indexes;
  std::optional<std::int32_t> succeeded_count;
  bool operator==(const SuccessPolicyRule&) const = default;
};

struct SuccessPolicy {
  std::vector<SuccessPolicyRule> rules;
  bool operator==(const SuccessPolicy&) const = default;
};

struct JobSpec {
  std::optional<std::int32_t> parallelism;
  std::optional<std::int32_t> completions;
  std::optional<std::int64_t> active_deadline_seconds;
  std::optional<std::int32_t> backoff_limit;
  std::optional<std::int32_t> backoff_limit_per_index;
  std::optional<std::int32_t> max_failed_indexes;
  std::optional<LabelSelector> selector;
  std::optional<bool> manual_selector;
  PodTemplateSpec template_;
  std::optional<std::int32_t> ttl_seconds_after_finished;
  std::optional<CompletionMode> completion_mode;
  std::optional<bool> suspend;
  std::optional<PodReplacementPolicy> pod_replacement_policy;
  // Rarely set: boxed, one pointer each while unset (api/boxed.hpp).
  Boxed<PodFailurePolicy> pod_failure_policy;
  Boxed<SuccessPolicy> success_policy;
  Boxed<std::string> managed_by;
  bool operator==(const JobSpec&) const = default;
};

// Condition types, verbatim.
inline constexpr std::string_view kJobSuspended = "Suspended";
inline constexpr std::string_view kJobComplete = "Complete";
inline constexpr std::string_view kJobFailed = "Failed";
inline constexpr std::string_view kJobFailureTarget = "FailureTarget";
inline constexpr std::string_view kJobSuccessCriteriaMet = "SuccessCriteriaMet";

// Interned texts: a condition's type, reason and message are one of a few upstream strings.
struct JobCondition {
  Name type;
  ConditionStatus status = ConditionStatus::True;
  std::optional<SimTime> last_probe_time;
  std::optional<SimTime> last_transition_time;
  Name reason;
  Name message;
  bool operator==(const JobCondition&) const = default;
};

struct UncountedTerminatedPods {
  std::vector<Name> succeeded;  // pod UIDs
  std::vector<Name> failed;
  bool operator==(const UncountedTerminatedPods&) const = default;
};

struct JobStatus {
  std::vector<JobCondition> conditions;
  std::optional<SimTime> start_time;
  std::optional<SimTime> completion_time;
  std::int32_t active = 0;
  std::int32_t succeeded = 0;
  std::int32_t failed = 0;
  std::optional<std::int32_t> terminating;
  std::optional<std::int32_t> ready;
  std::string completed_indexes;
  // Boxed (api/boxed.hpp): failedIndexes is rarely set, and uncountedTerminatedPods is empty
  // but set after every sync of the Job controller, which Boxed holds without an allocation.
  Boxed<std::string> failed_indexes;
  Boxed<UncountedTerminatedPods> uncounted_terminated_pods;
  bool operator==(const JobStatus&) const = default;
};

struct Job {
  Shared<ObjectMeta> metadata;
  Shared<JobSpec> spec;
  Shared<JobStatus> status;
  bool operator==(const Job&) const = default;
};

// Upstream pkg/controller/job/util/utils.go.
const JobCondition* find_job_condition(const JobStatus& status, std::string_view type);
bool is_condition_true(const JobStatus& status, std::string_view type);
// is_job_finished: Complete=True or Failed=True (FailureTarget/SuccessCriteriaMet do not count).
bool is_job_finished(const Job& job);
// finished_condition returns "Complete" or "Failed" (or "" while not finished).
std::string_view finished_condition(const Job& job);
bool is_indexed(const Job& job);

}  // namespace jobsim::api
