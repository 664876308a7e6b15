// Upstream: pkg/apis/batch/v1/defaults.go, pkg/apis/core/v1/defaults.go,
// plugin/pkg/admission/defaulttolerationseconds, pkg/registry/batch/job/strategy.go
// (generateSelector).
#include "jobsim/api/defaults.hpp"

#include <algorithm>

namespace jobsim::api {

void set_defaults_job(Job& job) {
  JobSpec& spec = job.spec.edit();
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
  if (!*spec.manual_selector && !job.metadata->uid.empty()) {
    if (!spec.selector) spec.selector = LabelSelector{};
    spec.selector->match_labels.try_emplace(constant_name(kControllerUidLabel), job.metadata->uid);
    // Labels the user already set are kept (a conflict would be rejected by validation).
    Labels& labels = spec.template_.labels.edit();
    labels.try_emplace(constant_name(kLegacyJobNameLabel), job.metadata->name);
    labels.try_emplace(constant_name(kJobNameLabel), job.metadata->name);
    labels.try_emplace(constant_name(kLegacyControllerUidLabel), job.metadata->uid);
    labels.try_emplace(constant_name(kControllerUidLabel), job.metadata->uid);
  }
  if (job.metadata->labels.empty()) job.metadata.edit().labels = spec.template_.labels;
  if (!spec.template_.spec->restart_policy_set) spec.template_.spec.edit().restart_policy = RestartPolicy::Always;
}

void set_defaults_cron_job(CronJob& cron_job) {
  CronJobSpec& spec = cron_job.spec.edit();
  if (!spec.concurrency_policy) spec.concurrency_policy = ConcurrencyPolicy::Allow;
  if (!spec.suspend) spec.suspend = false;
  if (!spec.successful_jobs_history_limit) spec.successful_jobs_history_limit = 3;
  if (!spec.failed_jobs_history_limit) spec.failed_jobs_history_limit = 1;
}

void set_defaults_pod(Pod& pod) {
  for (const char* key : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
    const bool present = std::ranges::any_of(pod.spec->tolerations, [&](const Toleration& toleration) {
      return (toleration.key == key || (toleration.key.empty() && toleration.operator_ == "Exists")) &&
             (toleration.effect.empty() || toleration.effect == "NoExecute");
    });
    if (!present) {
      pod.spec.edit().tolerations.push_back(Toleration{.key = key,
                                                .operator_ = "Exists",
                                                .value = "",
                                                .effect = "NoExecute",
                                                .toleration_seconds = kDefaultTolerationSeconds});
    }
  }
  // Requests default to limits when only limits are given, per resource, for containers and
  // init containers (pkg/apis/core/v1/defaults.go SetDefaults_Pod; not for pod templates).
  // The spec is only written when a request is missing: pods made from one template keep
  // sharing its spec (api/shared.hpp).
  auto missing_request = [](const Container& container) {
    const ResourceList& requests = container.resources.requests;
    const ResourceList& limits = container.resources.limits;
    if ((!requests.cpu_millis && limits.cpu_millis) || (!requests.memory_bytes && limits.memory_bytes) ||
        (!requests.pods && limits.pods)) {
      return true;
    }
    return std::ranges::any_of(limits.other, [&](const auto& limit) { return !requests.other.contains(limit.first); });
  };
  auto default_requests = [](Container& container) {
    ResourceList& requests = container.resources.requests;
    const ResourceList& limits = container.resources.limits;
    if (!requests.cpu_millis) requests.cpu_millis = limits.cpu_millis;
    if (!requests.memory_bytes) requests.memory_bytes = limits.memory_bytes;
    if (!requests.pods) requests.pods = limits.pods;
    for (const auto& [name, value] : limits.other) requests.other.try_emplace(name, value);
  };
  if (std::ranges::none_of(pod.spec->containers, missing_request) &&
      std::ranges::none_of(pod.spec->init_containers, missing_request)) {
    return;
  }
  PodSpec& spec = pod.spec.edit();
  for (Container& container : spec.containers) default_requests(container);
  for (Container& container : spec.init_containers) default_requests(container);
}

}  // namespace jobsim::api
