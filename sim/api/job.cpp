// Upstream: pkg/controller/job/util/utils.go (IsJobFinished, FinishedCondition).
#include "jobsim/api/job.hpp"

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/event.hpp"

namespace jobsim::api {

std::string_view to_string(CompletionMode mode) {
  return mode == CompletionMode::Indexed ? "Indexed" : "NonIndexed";
}

std::string_view to_string(PodReplacementPolicy policy) {
  return policy == PodReplacementPolicy::Failed ? "Failed" : "TerminatingOrFailed";
}

std::string_view to_string(PodFailurePolicyAction action) {
  switch (action) {
    case PodFailurePolicyAction::FailJob: return "FailJob";
    case PodFailurePolicyAction::FailIndex: return "FailIndex";
    case PodFailurePolicyAction::Ignore: return "Ignore";
    case PodFailurePolicyAction::Count: return "Count";
  }
  return "";
}

std::string_view to_string(ConcurrencyPolicy policy) {
  switch (policy) {
    case ConcurrencyPolicy::Allow: return "Allow";
    case ConcurrencyPolicy::Forbid: return "Forbid";
    case ConcurrencyPolicy::Replace: return "Replace";
  }
  return "";
}

std::string_view to_string(EventType type) { return type == EventType::Warning ? "Warning" : "Normal"; }

const JobCondition* find_job_condition(const JobStatus& status, std::string_view type) {
  for (const JobCondition& condition : status.conditions) {
    if (condition.type == type) return &condition;
  }
  return nullptr;
}

bool is_condition_true(const JobStatus& status, std::string_view type) {
  const JobCondition* condition = find_job_condition(status, type);
  return condition != nullptr && condition->status == ConditionStatus::True;
}

bool is_job_finished(const Job& job) { return !finished_condition(job).empty(); }

std::string_view finished_condition(const Job& job) {
  for (const JobCondition& condition : job.status->conditions) {
    if (condition.status != ConditionStatus::True) continue;
    if (condition.type == kJobComplete) return kJobComplete;
    if (condition.type == kJobFailed) return kJobFailed;
  }
  return {};
}

bool is_indexed(const Job& job) {
  return job.spec->completion_mode.value_or(CompletionMode::NonIndexed) == CompletionMode::Indexed;
}

}  // namespace jobsim::api
