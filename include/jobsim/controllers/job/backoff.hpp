// Pod-recreation backoff of the Job controller, kept in memory per Job.
// Upstream: pkg/controller/job/backoff_utils.go (v1.29+): newBackoffRecord, getRemainingTime,
// getFinishedTime. Pure functions over plain values, tested by tables.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "jobsim/api/pod.hpp"

namespace jobsim::controllers::job {

struct BackoffRecord {
  std::int32_t failures_after_last_success = 0;
  std::optional<api::SimTime> last_failure_time;
  bool operator==(const BackoffRecord&) const = default;
};

// get_finished_time: latest finishedAt of the containers when all are terminated; else the
// lastTransitionTime of Ready=False; else deletionTimestamp − deletionGracePeriodSeconds; else
// creationTimestamp.
api::SimTime get_finished_time(const api::Pod& pod);

// new_backoff_record folds the newly finished pods into the previous record:
//   - only failures: count += n, lastFailureTime = latest finish time;
//   - any success: reset, then count only failures finished strictly after the latest success.
BackoffRecord new_backoff_record(const BackoffRecord& previous, std::span<const api::Pod* const> new_succeeded,
                                 std::span<const api::Pod* const> new_failed);

// get_remaining_time: base·2^(n−1) capped at max, minus the time since the last failure (≥ 0).
api::Duration get_remaining_time(const BackoffRecord& record, api::SimTime now, api::Duration base,
                                 api::Duration max);

}  // namespace jobsim::controllers::job
