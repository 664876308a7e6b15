// Upstream: pkg/controller/job/backoff_utils.go.
#include "jobsim/controllers/job/backoff.hpp"

#include <algorithm>
#include <vector>

namespace jobsim::controllers::job {
namespace {

std::optional<api::SimTime> finish_time_from_containers(const api::Pod& pod) {
  if (pod.status->container_statuses.empty()) return std::nullopt;
  std::optional<api::SimTime> latest;
  for (const api::ContainerStatus& status : pod.status->container_statuses) {
    if (status.state.kind != api::ContainerStateKind::Terminated || !status.state.finished_at) return std::nullopt;
    if (!latest || *status.state.finished_at > *latest) latest = status.state.finished_at;
  }
  return latest;
}

std::vector<const api::Pod*> sorted_by_finish(std::span<const api::Pod* const> pods) {
  std::vector<const api::Pod*> sorted(pods.begin(), pods.end());
  std::ranges::stable_sort(sorted, {}, [](const api::Pod* pod) { return get_finished_time(*pod); });
  return sorted;
}

}  // namespace

api::SimTime get_finished_time(const api::Pod& pod) {
  if (auto from_containers = finish_time_from_containers(pod)) return *from_containers;
  if (const api::PodCondition* ready = api::find_condition(pod.status, "Ready");
      ready != nullptr && ready->status == api::ConditionStatus::False && ready->last_transition_time) {
    return *ready->last_transition_time;
  }
  if (pod.metadata->deletion_timestamp) {
    return *pod.metadata->deletion_timestamp -
           std::chrono::seconds(pod.metadata->deletion_grace_period_seconds.value_or(0));
  }
  return pod.metadata->creation_timestamp.value_or(api::SimTime{});
}

BackoffRecord new_backoff_record(const BackoffRecord& previous, std::span<const api::Pod* const> new_succeeded,
                                 std::span<const api::Pod* const> new_failed) {
  BackoffRecord record = previous;
  const std::vector<const api::Pod*> failed = sorted_by_finish(new_failed);
  if (new_succeeded.empty()) {
    if (failed.empty()) return record;
    record.failures_after_last_success += static_cast<std::int32_t>(failed.size());
    record.last_failure_time = get_finished_time(*failed.back());
    return record;
  }
  record = {};
  if (failed.empty()) return record;
  const std::vector<const api::Pod*> succeeded = sorted_by_finish(new_succeeded);
  const api::SimTime last_success = get_finished_time(*succeeded.back());
  for (auto it = failed.rbegin(); it != failed.rend(); ++it) {
    const api::SimTime failed_at = get_finished_time(**it);
    if (failed_at <= last_success) break;  // equal timestamps count as before the success
    if (!record.last_failure_time) record.last_failure_time = failed_at;
    ++record.failures_after_last_success;
  }
  return record;
}

api::Duration get_remaining_time(const BackoffRecord& record, api::SimTime now, api::Duration base,
                                 api::Duration max) {
  if (record.failures_after_last_success == 0 || !record.last_failure_time) return api::Duration::zero();
  api::Duration backoff = base;
  for (std::int32_t i = 1; i < record.failures_after_last_success; ++i) {
    backoff *= 2;
    if (backoff >= max) {
      backoff = max;
      break;
    }
  }
  const api::Duration elapsed = now - *record.last_failure_time;
  if (backoff < elapsed) return api::Duration::zero();
  return backoff - elapsed;
}

}  // namespace jobsim::controllers::job
