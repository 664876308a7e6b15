// backoffLimitPerIndex: the per-index failure record carried by pod annotations, which index
// counts as failed, and how long an index waits before its replacement pod. Upstream:
// pkg/controller/job/indexed_job_utils.go (isIndexFailed, getNewIndexFailureCounts,
// getIndexFailureCount, getIndexAbsoluteFailureCount, getPodsWithDelayedDeletionPerIndex)
// and backoff_utils.go getRemainingTimePerIndex. Pure functions over plain values.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string_view>

#include "jobsim/api/job.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/controllers/job/indexes.hpp"

namespace jobsim::controllers::job {

// Annotation keys, verbatim (k8s.io/api/batch/v1 JobIndexFailureCountAnnotation,
// JobIndexIgnoredFailureCountAnnotation).
inline constexpr std::string_view kJobIndexFailureCountAnnotation = "batch.kubernetes.io/job-index-failure-count";
inline constexpr std::string_view kJobIndexIgnoredFailureCountAnnotation =
    "batch.kubernetes.io/job-index-ignored-failure-count";

// has_backoff_limit_per_index: spec.backoffLimitPerIndex is set (validation ensures Indexed).
bool has_backoff_limit_per_index(const api::Job& job);

// The annotation values; a missing, unparsable, negative or > MaxInt32 value reads as 0.
std::int32_t get_index_failure_count(const api::Pod& pod);
std::int32_t get_index_ignored_failure_count(const api::Pod& pod);
// get_index_absolute_failure_count: counted plus ignored failures.
std::int32_t get_index_absolute_failure_count(const api::Pod& pod);

struct IndexFailureCounts {
  std::int32_t failure_count = 0;
  std::int32_t ignored_failure_count = 0;
  bool operator==(const IndexFailureCounts&) const = default;
};

// get_new_index_failure_counts: the counts for the pod that replaces `replaced` (nullptr: a
// first pod, {0, 0}): the failed pod's counts plus one, in the ignored count when a
// podFailurePolicy Ignore rule matched it.
IndexFailureCounts get_new_index_failure_counts(const api::Job& job, const api::Pod* replaced);

// is_pod_failed (upstream isPodFailed): phase Failed or, unless only failed pods are replaced
// (podReplacementPolicy Failed or a podFailurePolicy), being deleted and not Succeeded.
bool is_pod_failed(const api::Pod& pod, const api::Job& job);

// is_index_failed: a failed pod fails its index on a FailIndex rule, or when it is counted and
// its index failure count already reached backoffLimitPerIndex.
bool is_index_failed(const api::Job& job, const api::Pod& pod);

// calculate_failed_indexes: status.failedIndexes plus the indexes (< completions) of pods still
// carrying the tracking finalizer that fail their index.
OrderedIntervals calculate_failed_indexes(const api::Job& job, std::span<const api::Pod* const> pods);

// pods_with_delayed_deletion_per_index: for each index that is neither succeeded, failed nor
// active, the position in `pods` of the failed pod (with the finalizer) whose finalizer removal
// waits until its replacement exists: the highest absolute failure count, the latest finish
// time on ties (getPodsWithDelayedDeletionPerIndex).
std::map<std::int32_t, std::size_t> pods_with_delayed_deletion_per_index(const api::Job& job,
                                                                         std::span<const api::Pod* const> pods,
                                                                         const OrderedIntervals& succeeded,
                                                                         const OrderedIntervals& failed);

// get_remaining_time_per_index: backoff of an index from its last failed pod (n = absolute
// failure count + 1, from that pod's finish time); zero without a failed pod.
api::Duration get_remaining_time_per_index(const api::Pod* last_failed, api::SimTime now, api::Duration base,
                                           api::Duration max);

}  // namespace jobsim::controllers::job
