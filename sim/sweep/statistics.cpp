// Statistics of a sweep: include/jobsim/sweep/statistics.hpp, docs/sweeps.md "Statistics".
#include "jobsim/sweep/statistics.hpp"

#include <algorithm>
#include <cmath>

#include <Eigen/Core>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>

#include "jobsim/engine/check.hpp"

namespace jobsim::sweep {
namespace {

// The 0.975 quantile of the standard normal (the header's z).
constexpr double kZ975 = 1.959963984540054;

// Boost.Math's default policy throws on domain, pole, overflow and evaluation errors. None can
// occur for df >= 1 at p = 0.975 (df 0 is refused before Boost sees it), so every error is
// ignored rather than thrown or reported through errno, which is process-wide state the rest of
// the program never reads. promote_double<false> keeps the computation in double instead of
// long double, whose width differs between platforms (80 bits on x86-64, 128 on AArch64, 64
// with MSVC): the quantile then depends on the degrees of freedom only.
using QuantilePolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::pole_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::denorm_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
    boost::math::policies::rounding_error<boost::math::policies::ignore_error>,
    boost::math::policies::indeterminate_result_error<boost::math::policies::ignore_error>,
    boost::math::policies::promote_double<false>>;

}  // namespace

MetricStatistics summarize(std::span<const double> values) {
  MetricStatistics out;
  out.n = values.size();
  if (values.empty()) return out;
  // One copy serves both the sums and the sort. Summing through a Map of the caller's span would
  // make the result depend on the span's address: Eigen adds the elements before the first
  // SIMD-aligned one separately, so the same values at another address can round differently.
  // The copy is Eigen-aligned, so the summation order depends on n alone.
  Eigen::ArrayXd copy = Eigen::Map<const Eigen::ArrayXd>(values.data(), static_cast<Eigen::Index>(values.size()));
  JOBSIM_CHECK(copy.isFinite().all(),
               "summarize: a metric value is NaN or infinite; a replication reports a finite number for a metric "
               "or leaves it out");
  const double n = static_cast<double>(values.size());
  out.min = copy.minCoeff();
  out.max = copy.maxCoeff();
  if (out.min == out.max) {
    // Equal values: the exact answer, where sum / n can round to a neighbour of the value (three
    // times 0.1 sums to 0.30000000000000004, a third of which is 0.10000000000000002) and leave a
    // stddev of 1e-17 and an interval of that width.
    out.mean = out.p5 = out.p50 = out.p95 = out.p99 = out.min;
    out.ci95 = {out.min, out.min};
    return out;
  }
  out.mean = copy.sum() / n;
  // Two passes (squared deviations from the mean, as numpy's var does) rather than
  // sum(x^2) - n mean^2, which cancels catastrophically for durations in large units.
  out.stddev = std::sqrt((copy - out.mean).square().sum() / (n - 1));  // n >= 2 here: min != max
  const double half = student_t_975(values.size() - 1) * out.stddev / std::sqrt(n);
  out.ci95 = {out.mean - half, out.mean + half};
  std::sort(copy.begin(), copy.end());
  const std::span<const double> sorted(copy.data(), values.size());
  out.p5 = percentile_of_sorted(sorted, 0.05);
  out.p50 = percentile_of_sorted(sorted, 0.50);
  out.p95 = percentile_of_sorted(sorted, 0.95);
  out.p99 = percentile_of_sorted(sorted, 0.99);
  return out;
}

double percentile_of_sorted(std::span<const double> sorted, double q) {
  JOBSIM_CHECK(q >= 0 && q <= 1,
               "percentile_of_sorted: q " << q << " is outside [0, 1]; pass a fraction, not a percent");
  JOBSIM_CHECK(std::is_sorted(sorted.begin(), sorted.end()),
               "percentile_of_sorted: the values are not sorted ascending");
  if (sorted.empty()) return 0;
  const double h = static_cast<double>(sorted.size() - 1) * q;
  const double below = std::floor(h);
  const auto index = static_cast<std::size_t>(below);
  if (index + 1 >= sorted.size()) return sorted.back();  // q == 1 (or h rounded up to n - 1)
  const double a = sorted[index];
  const double b = sorted[index + 1];
  const double g = h - below;
  // numpy's _lerp, so that the last bits agree with numpy and pandas: from the nearer end, which
  // also keeps the result inside [a, b] whatever the rounding.
  return g < 0.5 ? a + (b - a) * g : b - (b - a) * (1 - g);
}

double student_t_975(std::size_t degrees_of_freedom) {
  JOBSIM_CHECK(degrees_of_freedom >= 1,
               "student_t_975: 0 degrees of freedom; a confidence interval of the mean needs two values (n == 1 "
               "gives [mean, mean])");
  const boost::math::students_t_distribution<double, QuantilePolicy> t(static_cast<double>(degrees_of_freedom));
  return boost::math::quantile(t, 0.975);
}

Interval wilson_interval(std::size_t successes, std::size_t trials) {
  JOBSIM_CHECK(successes <= trials, "wilson_interval: " << successes << " successes of " << trials << " trials");
  // No trials say nothing about the proportion: the whole range, which is also the formula's
  // limit as trials -> 0 (center and half width both tend to 1/2).
  if (trials == 0) return {0, 1};
  // The header's formula with numerator and denominator multiplied by n:
  // center = (s + z^2/2) / (n + z^2), half = z / (n + z^2) * sqrt(s (n - s) / n + z^2 / 4).
  const double s = static_cast<double>(successes);
  const double n = static_cast<double>(trials);
  const double z2 = kZ975 * kZ975;
  const double center = (s + z2 / 2) / (n + z2);
  const double half = kZ975 / (n + z2) * std::sqrt(s * (n - s) / n + z2 / 4);
  // At 0 (or n) successes center == half exactly in real arithmetic, so the bound is exactly 0
  // (or 1); rounding would otherwise leave 1e-17 or a value just outside [0, 1].
  const double lo = successes == 0 ? 0 : std::max(0.0, center - half);
  const double hi = successes == trials ? 1 : std::min(1.0, center + half);
  return {lo, hi};
}

}  // namespace jobsim::sweep
