// Upstream validation of Jobs and CronJobs (pkg/apis/batch/validation/validation.go), with the
// upstream field paths and wording. Errors are values: the scenario loader attaches file
// positions, the API server rejects a create with them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jobsim/api/cronjob.hpp"
#include "jobsim/api/job.hpp"

namespace jobsim::api {

struct FieldError {
  std::string path;     // "spec.template.spec.restartPolicy"
  std::string message;  // "Required value: valid values: \"OnFailure\", \"Never\""
};

// path_prefix is "spec" for a Job and "spec.jobTemplate.spec" for a CronJob's template.
std::vector<FieldError> validate_job(const Job& job);
std::vector<FieldError> validate_job_spec(const JobSpec& spec, const std::string& path_prefix);
std::vector<FieldError> validate_cron_job(const CronJob& cron_job);
// The spec.schedule and spec.timeZone rules of validate_cron_job on their own, as on create
// (`jobsim schedule` uses them to answer like the API server).
std::vector<FieldError> validate_cron_job_schedule(const std::string& schedule);
std::vector<FieldError> validate_cron_job_time_zone(const std::optional<std::string>& time_zone);

}  // namespace jobsim::api
