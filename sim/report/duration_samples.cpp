#include "duration_samples.hpp"

#include <algorithm>
#include <limits>

#include "jobsim/engine/check.hpp"

namespace jobsim::report {

void DurationSamples::add(engine::Duration value) {
  const std::int64_t us = value.count();
  if (us == 0) {
    ++zeros_;
    return;  // zeros sort among themselves: still sorted
  }
  sorted_ = false;
  if (us > 0 && us <= std::numeric_limits<std::uint32_t>::max()) {
    narrow_.push_back(static_cast<std::uint32_t>(us));
  } else {
    wide_.push_back(us);
  }
}

void DurationSamples::sort() {
  if (sorted_) return;
  std::ranges::sort(narrow_);
  std::ranges::sort(wide_);
  negative_ = static_cast<std::size_t>(std::ranges::lower_bound(wide_, 0) - wide_.begin());
  sorted_ = true;
}

// Ascending order: negative wide samples, zeros, narrow samples, then the long wide ones.
engine::Duration DurationSamples::at(std::size_t i) const {
  JOBSIM_CHECK(sorted_ && i < size(), "DurationSamples::at: unsorted or out of range");
  if (i < negative_) return engine::Duration(wide_[i]);
  i -= negative_;
  if (i < zeros_) return engine::Duration::zero();
  i -= zeros_;
  if (i < narrow_.size()) return engine::Duration(narrow_[i]);
  return engine::Duration(wide_[negative_ + i - narrow_.size()]);
}

engine::Duration DurationSamples::nearest_rank(int p) const {
  const std::size_t n = size();
  const std::size_t rank = (static_cast<std::size_t>(p) * n + 99) / 100;  // ceil(p * n / 100)
  return at(std::clamp<std::size_t>(rank, 1, n) - 1);
}

}  // namespace jobsim::report
