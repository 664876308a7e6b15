// Statistics of a sweep: include/jobsim/sweep/statistics.hpp. (Seam: implemented next.)
#include "jobsim/sweep/statistics.hpp"

namespace jobsim::sweep {

MetricStatistics summarize(std::span<const double> values) {
  MetricStatistics out;
  out.n = values.size();
  return out;
}

double percentile_of_sorted(std::span<const double> sorted, double) { return sorted.empty() ? 0 : sorted.front(); }

double student_t_975(std::size_t) { return 0; }

Interval wilson_interval(std::size_t, std::size_t) { return {}; }

}  // namespace jobsim::sweep
