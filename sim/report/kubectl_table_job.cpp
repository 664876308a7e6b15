// Upstream: pkg/printers/internalversion/printers.go printJob, hasJobCondition,
// layoutContainerCells (Kubernetes v1.32).
#include "jobsim/report/kubectl_duration.hpp"
#include "jobsim/report/kubectl_tables.hpp"
#include "kubectl_cells.hpp"

namespace jobsim::report::kubectl {
namespace {

// has_job_condition looks at the first condition of `type` only, as upstream does.
bool has_job_condition(const api::Job& job, std::string_view type) {
  for (const api::JobCondition& condition : job.status->conditions) {
    if (condition.type == type) return condition.status == api::ConditionStatus::True;
  }
  return false;
}

}  // namespace

std::string job_status(const api::Job& job) {
  if (has_job_condition(job, api::kJobComplete)) return "Complete";
  if (has_job_condition(job, api::kJobFailed)) return "Failed";
  if (job.metadata->deletion_timestamp) return "Terminating";
  if (has_job_condition(job, api::kJobSuspended)) return "Suspended";
  if (has_job_condition(job, api::kJobFailureTarget)) return "FailureTarget";
  return "Running";
}

std::string job_completions(const api::Job& job) {
  const std::string succeeded = std::to_string(job.status->succeeded);
  if (job.spec->completions) return succeeded + "/" + std::to_string(*job.spec->completions);
  const std::int32_t parallelism = job.spec->parallelism.value_or(0);
  if (parallelism > 1) return succeeded + "/1 of " + std::to_string(parallelism);
  return succeeded + "/1";
}

Table job_table(std::span<const api::Job* const> jobs, engine::SimTime now, bool wide) {
  Table table{.columns = {"NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"}};
  if (wide) table.columns.insert(table.columns.end(), {"CONTAINERS", "IMAGES", "SELECTOR"});
  for (const api::Job* job : jobs) {
    std::string duration;  // empty until the Job has started
    if (job->status->start_time) {
      const engine::SimTime end = job->status->completion_time ? api_timestamp(*job->status->completion_time) : now;
      duration = human_duration(end - api_timestamp(*job->status->start_time));
    }
    std::vector<std::string> row = {job->metadata->name, job_status(*job), job_completions(*job), duration,
                                    translate_timestamp_since(job->metadata->creation_timestamp, now)};
    if (wide) {
      const auto [names, images] = container_cells(job->spec->template_.spec->containers);
      row.insert(row.end(), {names, images, format_label_selector(job->spec->selector)});
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace jobsim::report::kubectl
