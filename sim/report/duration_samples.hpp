// DurationSamples: the durations behind one exact nearest-rank percentile of summary.json (Job
// durations, pending times, CronJob start delays): one number per Job or pod, which is all that
// grows with the length of a run (issue #9), so each is kept as small as it exactly fits.
//   - zero (a pod bound at once): a count, no storage;
//   - 1 us .. 2^32-1 us (about 71 minutes): 4 bytes, in a deque, so the storage grows by blocks
//     and never holds a doubled copy while it grows (a vector's reallocation does);
//   - anything else (negative, or longer): 8 bytes, in a side vector (rare).
// Private to the report layer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "jobsim/engine/time.hpp"

namespace jobsim::report {

class DurationSamples {
 public:
  void add(engine::Duration value);
  std::size_t size() const { return zeros_ + narrow_.size() + wide_.size(); }
  bool empty() const { return size() == 0; }

  // sort orders the samples ascending, for at and nearest_rank; add makes them unsorted again.
  void sort();
  bool sorted() const { return sorted_; }
  // at returns the i-th smallest sample (from 0). Requires sorted() and i < size().
  engine::Duration at(std::size_t i) const;
  // nearest_rank returns the p-th percentile (0 < p <= 100): the sample at rank ceil(p/100 * n),
  // in integers so no rounding can move a rank. Requires sorted() and a non-empty set.
  engine::Duration nearest_rank(int p) const;
  engine::Duration max() const { return at(size() - 1); }

 private:
  std::size_t zeros_ = 0;
  std::deque<std::uint32_t> narrow_;  // microseconds, 1 .. 2^32-1
  std::vector<std::int64_t> wide_;    // microseconds, negative or from 2^32
  std::size_t negative_ = 0;          // samples of wide_ below zero, counted by sort
  bool sorted_ = true;
};

}  // namespace jobsim::report
