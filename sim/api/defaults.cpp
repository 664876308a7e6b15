// Upstream: pkg/apis/batch/v1/defaults.go, pkg/apis/core/v1/defaults.go,
// plugin/pkg/admission/defaulttolerationseconds, pkg/registry/batch/job/strategy.go
// (generateSelector).
#include "jobsim/api/defaults.hpp"

#include <algorithm>

namespace jobsim::api {

void set_defaults_job(Job& job) {
  JobSpec& spec = job.spec;
  // completions defaults to 1 only when both are unset: parallelism alone means work-queue mode.
  if (!spec.completions && !spec.parallelism) spec.completions = 1;
  if (!spec.parallelism) spec.parallelism = 1;
  if (!spec.backoff_limit) {
    spec.backoff_limit = spec.backoff_limit_per_index ? kMaxInt32 : kDefaultBackoffLimit;
  }
  if (!spec.completion_mode) spec.completion_mode = CompletionMode::NonIndexed;
  if (!spec.suspend) spec.suspend = false;
  if (!spec.pod_replacement_policy) {
    spec.pod_replacement_policy =
        spec.pod_failure_policy ? PodReplacementPolicy::Failed : PodReplacementPolicy::TerminatingOrFailed;
  }
  if (!spec.manual_selector) spec.manual_selector = false;
  // Generated selector and template labels (manualSelector false).
  if (!*spec.manual_selector && !job.metadata.uid.empty()) {
    if (!spec.selector) spec.selector = LabelSelector{};
    spec.selector->match_labels.try_emplace(std::string(kControllerUidLabel), job.metadata.uid);
    // Labels the user already set are kept (a conflict would be rejected by validation).
    Labels& labels = spec.template_.labels;
    labels.try_emplace(std::string(kLegacyJobNameLabel), job.metadata.name);
    labels.try_emplace(std::string(kJobNameLabel), job.metadata.name);
    labels.try_emplace(std::string(kLegacyControllerUidLabel), job.metadata.uid);
    labels.try_emplace(std::string(kControllerUidLabel), job.metadata.uid);
  }
  if (job.metadata.labels.empty()) job.metadata.labels = spec.template_.labels;
  if (!spec.template_.spec.restart_policy_set) spec.template_.spec.restart_policy = RestartPolicy::Always;
}

void set_defaults_cron_job(CronJob& cron_job) {
  CronJobSpec& spec = cron_job.spec;
  if (!spec.concurrency_policy) spec.concurrency_policy = ConcurrencyPolicy::Allow;
  if (!spec.suspend) spec.suspend = false;
  if (!spec.successful_jobs_history_limit) spec.successful_jobs_history_limit = 3;
  if (!spec.failed_jobs_history_limit) spec.failed_jobs_history_limit = 1;
}

void set_defaults_pod(Pod& pod) {
  for (const char* key : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
    const bool present = std::ranges::any_of(pod.spec.tolerations, [&](const Toleration& toleration) {
      return (toleration.key == key || (toleration.key.empty() && toleration.operator_ == "Exists")) &&
             (toleration.effect.empty() || toleration.effect == "NoExecute");
    });
    if (!present) {
      pod.spec.tolerations.push_back(Toleration{.key = key,
                                                .operator_ = "Exists",
                                                .value = "",
                                                .effect = "NoExecute",
                                                .toleration_seconds = kDefaultTolerationSeconds});
    }
  }
  // Requests default to limits when only limits are given (core SetDefaults_Container).
  for (Container& container : pod.spec.containers) {
    ResourceRequirements& resources = container.resources;
    if (!resources.requests.cpu_millis && resources.limits.cpu_millis) {
      resources.requests.cpu_millis = resources.limits.cpu_millis;
    }
    if (!resources.requests.memory_bytes && resources.limits.memory_bytes) {
      resources.requests.memory_bytes = resources.limits.memory_bytes;
    }
  }
}

}  // namespace jobsim::api
