// batch/v1 CronJob (k8s.io/api/batch/v1/types.go).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/api/job.hpp"

namespace jobsim::api {

enum class ConcurrencyPolicy : std::uint8_t { Allow, Forbid, Replace };
std::string_view to_string(ConcurrencyPolicy policy);

struct JobTemplateSpec {
  Shared<Labels> labels;
  Shared<Labels> annotations;
  Shared<JobSpec> spec;
  bool operator==(const JobTemplateSpec&) const = default;
};

struct CronJobSpec {
  std::string schedule;
  std::optional<std::string> time_zone;
  std::optional<std::int64_t> starting_deadline_seconds;
  std::optional<ConcurrencyPolicy> concurrency_policy;
  std::optional<bool> suspend;
  JobTemplateSpec job_template;
  std::optional<std::int32_t> successful_jobs_history_limit;
  std::optional<std::int32_t> failed_jobs_history_limit;
  bool operator==(const CronJobSpec&) const = default;
};

struct ObjectReference {
  Name api_version = "batch/v1";
  Name kind = "Job";
  Name namespace_;
  Name name;
  Name uid;
  std::int64_t resource_version = 0;
  bool operator==(const ObjectReference&) const = default;
};

struct CronJobStatus {
  std::vector<ObjectReference> active;
  std::optional<SimTime> last_schedule_time;
  std::optional<SimTime> last_successful_time;
  bool operator==(const CronJobStatus&) const = default;
};

struct CronJob {
  Shared<ObjectMeta> metadata;
  Shared<CronJobSpec> spec;
  Shared<CronJobStatus> status;
  bool operator==(const CronJob&) const = default;
};

}  // namespace jobsim::api
