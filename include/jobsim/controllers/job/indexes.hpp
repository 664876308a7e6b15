// Completion indexes of Indexed Jobs as ordered, non-overlapping intervals, and their compact
// text form used by status.completedIndexes ("1,3-5,7"). Upstream:
// pkg/controller/job/indexed_job_utils.go (orderedIntervals, parseIndexesFromString,
// firstPendingIndexes, getCompletionIndex).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/api/pod.hpp"

namespace jobsim::controllers::job {

struct Interval {
  std::int32_t first = 0;
  std::int32_t last = 0;
  bool operator==(const Interval&) const = default;
};

class OrderedIntervals {
 public:
  OrderedIntervals() = default;
  // parse ignores malformed parts and indexes >= completions, as upstream does.
  static OrderedIntervals parse(std::string_view text, std::int32_t completions);
  // with_ordered_indexes merges sorted new indexes into a copy.
  OrderedIntervals with_ordered_indexes(const std::vector<std::int32_t>& indexes) const;
  // merge: the union with other intervals (upstream orderedIntervals.merge).
  OrderedIntervals merge(const OrderedIntervals& other) const;
  bool has(std::int32_t index) const;
  std::int32_t total() const;
  std::string to_string() const;  // single "x", pair "x,y", longer runs "x-y"
  const std::vector<Interval>& intervals() const { return intervals_; }
  bool operator==(const OrderedIntervals&) const = default;

 private:
  std::vector<Interval> intervals_;
};

inline constexpr std::int32_t kUnknownCompletionIndex = -1;
// get_completion_index reads the batch.kubernetes.io/job-completion-index annotation.
std::int32_t get_completion_index(const api::Pod& pod);

// first_pending_indexes returns up to `count` lowest indexes in [0, completions) that are not
// succeeded and not in `excluded` (active, failed, or terminating indexes), in order.
std::vector<std::int32_t> first_pending_indexes(const OrderedIntervals& succeeded, std::vector<std::int32_t> excluded,
                                                std::int32_t count, std::int32_t completions);

}  // namespace jobsim::controllers::job
