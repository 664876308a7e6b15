// Upstream: pkg/controller/job/indexed_job_utils.go and backoff_utils.go (see the header).
#include "jobsim/controllers/job/index_failures.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>
#include <vector>

#include "jobsim/controllers/job/backoff.hpp"
#include "jobsim/controllers/job/pod_failure_policy.hpp"

namespace jobsim::controllers::job {
namespace {

// Upstream adds int32 values, which wraps in Go; unsigned arithmetic wraps the same way.
std::int32_t wrapping_add(std::int32_t a, std::int32_t b) {
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(a) + static_cast<std::uint32_t>(b));
}

// parseInt32: anything but a decimal integer in [0, MaxInt32] reads as 0.
std::int32_t annotation_count(const api::Pod& pod, std::string_view key) {
  const auto found = pod.metadata->annotations.find(key);  // Labels find by string_view
  if (found == pod.metadata->annotations.end()) return 0;
  const std::string& text = found->second;
  std::int64_t value = 0;
  const char* begin = text.data();
  if (!text.empty() && text.front() == '+') ++begin;  // strconv.Atoi accepts a sign
  const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || begin == end) return 0;
  if (value < 0 || value > std::numeric_limits<std::int32_t>::max()) return 0;
  return static_cast<std::int32_t>(value);
}

}  // namespace

bool has_backoff_limit_per_index(const api::Job& job) { return job.spec->backoff_limit_per_index.has_value(); }

std::int32_t get_index_failure_count(const api::Pod& pod) {
  return annotation_count(pod, kJobIndexFailureCountAnnotation);
}

std::int32_t get_index_ignored_failure_count(const api::Pod& pod) {
  return annotation_count(pod, kJobIndexIgnoredFailureCountAnnotation);
}

std::int32_t get_index_absolute_failure_count(const api::Pod& pod) {
  return wrapping_add(get_index_failure_count(pod), get_index_ignored_failure_count(pod));
}

IndexFailureCounts get_new_index_failure_counts(const api::Job& job, const api::Pod* replaced) {
  if (replaced == nullptr) return {};
  IndexFailureCounts counts{get_index_failure_count(*replaced), get_index_ignored_failure_count(*replaced)};
  const bool counted =
      !job.spec->pod_failure_policy || match_pod_failure_policy(*job.spec->pod_failure_policy, *replaced).count_failed;
  if (counted) {
    counts.failure_count = wrapping_add(counts.failure_count, 1);
  } else {
    counts.ignored_failure_count = wrapping_add(counts.ignored_failure_count, 1);
  }
  return counts;
}

bool is_pod_failed(const api::Pod& pod, const api::Job& job) {
  if (pod.status->phase == api::PodPhase::Failed) return true;
  const bool only_replace_failed =
      job.spec->pod_replacement_policy == api::PodReplacementPolicy::Failed || job.spec->pod_failure_policy.has_value();
  if (only_replace_failed) return false;
  return pod.metadata->deletion_timestamp && pod.status->phase != api::PodPhase::Succeeded;
}

bool is_index_failed(const api::Job& job, const api::Pod& pod) {
  if (!is_pod_failed(pod, job)) return false;
  bool counted = true;
  if (job.spec->pod_failure_policy) {
    const PodFailurePolicyMatch match = match_pod_failure_policy(*job.spec->pod_failure_policy, pod);
    if (match.action == api::PodFailurePolicyAction::FailIndex) return true;
    counted = match.count_failed;
  }
  return counted && get_index_failure_count(pod) >= job.spec->backoff_limit_per_index.value_or(0);
}

api::Duration get_remaining_time_per_index(const api::Pod* last_failed, api::SimTime now, api::Duration base,
                                           api::Duration max) {
  if (last_failed == nullptr) return api::Duration::zero();
  const BackoffRecord record{.failures_after_last_success = wrapping_add(get_index_absolute_failure_count(*last_failed), 1),
                             .last_failure_time = get_finished_time(*last_failed)};
  return get_remaining_time(record, now, base, max);
}

namespace {

bool has_tracking_finalizer(const api::Pod& pod) { return api::has_finalizer(pod.metadata, api::kJobTrackingFinalizer); }

// The index of a pod that counts for the Job: tracked, with an index below completions.
std::int32_t tracked_index(const api::Job& job, const api::Pod& pod) {
  if (!has_tracking_finalizer(pod)) return kUnknownCompletionIndex;
  const std::int32_t index = get_completion_index(pod);
  return index < job.spec->completions.value_or(0) ? index : kUnknownCompletionIndex;
}

}  // namespace

OrderedIntervals calculate_failed_indexes(const api::Job& job, std::span<const api::Pod* const> pods) {
  const std::int32_t completions = job.spec->completions.value_or(0);
  const OrderedIntervals previous =
      job.status->failed_indexes ? OrderedIntervals::parse(*job.status->failed_indexes, completions) : OrderedIntervals{};
  std::vector<std::int32_t> indexes;
  for (const api::Pod* pod : pods) {
    const std::int32_t index = tracked_index(job, *pod);
    if (index != kUnknownCompletionIndex && is_index_failed(job, *pod)) indexes.push_back(index);
  }
  std::ranges::sort(indexes);
  indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
  return previous.with_ordered_indexes(indexes);
}

std::map<std::int32_t, std::size_t> pods_with_delayed_deletion_per_index(const api::Job& job,
                                                                         std::span<const api::Pod* const> pods,
                                                                         const OrderedIntervals& succeeded,
                                                                         const OrderedIntervals& failed) {
  // The failed pods of indexes that are active already gave their counts to the active pod.
  std::vector<std::int32_t> active;
  for (const api::Pod* pod : pods) {
    if (!api::is_pod_terminal(*pod) && !pod->metadata->deletion_timestamp) active.push_back(get_completion_index(*pod));
  }
  std::ranges::sort(active);
  std::map<std::int32_t, std::size_t> result;
  for (std::size_t i = 0; i < pods.size(); ++i) {
    const api::Pod& pod = *pods[i];
    const std::int32_t index = tracked_index(job, pod);
    if (index == kUnknownCompletionIndex || !is_pod_failed(pod, job)) continue;
    if (succeeded.has(index) || failed.has(index) || std::ranges::binary_search(active, index)) continue;
    const auto [found, inserted] = result.emplace(index, i);
    const api::Pod& kept = *pods[found->second];
    if (!inserted && get_index_absolute_failure_count(kept) <= get_index_absolute_failure_count(pod) &&
        !(get_finished_time(pod) < get_finished_time(kept))) {
      found->second = i;
    }
  }
  return result;
}

}  // namespace jobsim::controllers::job
