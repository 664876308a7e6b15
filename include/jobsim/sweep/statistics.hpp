// Statistics of a sweep (issue #10; docs/sweeps.md "Statistics"): what sweep.json holds per grid
// point and metric, over the replications of that point, and the pass rate of an expectation.
//
// Conventions (chosen so that a planner who recomputes them from replications.csv with
// pandas/numpy gets the same numbers):
// - stddev is the sample standard deviation (n - 1 in the denominator; numpy std(ddof=1),
//   pandas Series.std()); 0 when n == 1.
// - ci95 is the 95 % confidence interval of the mean from Student's t distribution with n - 1
//   degrees of freedom: mean -/+ t(0.975, n-1) * stddev / sqrt(n); [mean, mean] when n == 1.
// - p5 ... p99 are percentiles with linear interpolation between closest ranks (numpy's and
//   pandas' default, Hyndman & Fan type 7): h = (n - 1) * q, x[floor h] + (h - floor h) *
//   (x[floor h + 1] - x[floor h]) over the sorted values.
// - The pass rate's ci95 is the Wilson score interval at z = 1.959963984540054 (the 0.975
//   quantile of the standard normal), which stays inside [0, 1] and is not degenerate at 0 or n
//   successes, unlike the normal approximation.
// Every result is a pure function of the values in the order given, so the same values give
// the same bytes whatever thread computed them and wherever they are stored (sums run over an
// aligned copy, in an order fixed by n).
// Calls outside the preconditions below are bugs in jobsim and abort (JOBSIM_CHECK).
#pragma once

#include <cstddef>
#include <span>

namespace jobsim::sweep {

struct Interval {
  double lo = 0;
  double hi = 0;
  bool operator==(const Interval&) const = default;
};

struct MetricStatistics {
  std::size_t n = 0;  // replications that reported the metric
  double mean = 0;
  double stddev = 0;
  Interval ci95;
  double min = 0;
  double p5 = 0;
  double p50 = 0;
  double p95 = 0;
  double p99 = 0;
  double max = 0;
};

// summarize: the statistics of `values`, each finite (a replication without a number for the
// metric leaves it out). The order does not matter beyond floating-point summation order.
// No values give n == 0 and every field 0. Equal values give exactly that value for the mean,
// every percentile and both ends of ci95, and a stddev of exactly 0.
MetricStatistics summarize(std::span<const double> values);

// percentile_of_sorted: type 7 (see above) of values sorted ascending, q in [0, 1] (a fraction,
// not a percent); 0 for no values.
double percentile_of_sorted(std::span<const double> sorted, double q);

// student_t_975: the 0.975 quantile of Student's t with `degrees_of_freedom` >= 1.
double student_t_975(std::size_t degrees_of_freedom);

// wilson_interval: the 95 % Wilson score interval of a proportion, successes (<= trials) of
// trials. 0 trials give [0, 1]: nothing is known of the proportion, and [0, 1] is also the
// interval's limit as trials -> 0.
Interval wilson_interval(std::size_t successes, std::size_t trials);

}  // namespace jobsim::sweep
