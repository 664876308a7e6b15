// Tests for sweep/statistics.hpp. Every expected value is worked by hand from the header's
// formulas or taken from a published table; the comment above each table says which.
#include "jobsim/sweep/statistics.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "testing/table.hpp"

namespace jobsim::sweep {
namespace {

using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

// The 0.975 quantiles of Student's t used below (see StudentT for their source).
constexpr double kT1 = 12.706204736174707;
constexpr double kT2 = 4.302652729749464;
constexpr double kT7 = 2.364624251592784;
constexpr double kT9 = 2.262157162798205;

struct SummarizeCase {
  std::string_view name;
  std::vector<double> values;
  MetricStatistics expected;
  double tolerance;  // 0: bit-exact
};

class Summarize : public ::testing::TestWithParam<SummarizeCase> {};

TEST_P(Summarize, matches_the_hand_computation) {
  const SummarizeCase& c = GetParam();
  const MetricStatistics got = summarize(c.values);
  const MetricStatistics& want = c.expected;
  EXPECT_EQ(got.n, want.n);
  EXPECT_NEAR(got.mean, want.mean, c.tolerance);
  EXPECT_NEAR(got.stddev, want.stddev, c.tolerance);
  EXPECT_NEAR(got.ci95.lo, want.ci95.lo, c.tolerance);
  EXPECT_NEAR(got.ci95.hi, want.ci95.hi, c.tolerance);
  EXPECT_NEAR(got.min, want.min, c.tolerance);
  EXPECT_NEAR(got.p5, want.p5, c.tolerance);
  EXPECT_NEAR(got.p50, want.p50, c.tolerance);
  EXPECT_NEAR(got.p95, want.p95, c.tolerance);
  EXPECT_NEAR(got.p99, want.p99, c.tolerance);
  EXPECT_NEAR(got.max, want.max, c.tolerance);
}

// Worked by hand. Type 7: h = (n - 1) q, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])
// over the sorted values; ci95 = mean -/+ t(0.975, n - 1) stddev / sqrt(n).
INSTANTIATE_TEST_SUITE_P(
    StatisticsTest, Summarize,
    ::testing::Values(
        // Sorted 2 4 4 4 5 5 7 9 (given unsorted). mean 40 / 8 = 5; deviations -3 -1 -1 -1 0 0 2 4,
        // squares sum to 32, stddev sqrt(32 / 7) = 2.138089935299395; half width
        // t7 sqrt(32 / 7) / sqrt(8) = t7 sqrt(4 / 7) = 1.7874879182362098.
        // h = 7 q: p5 0.35 -> 2 + 0.35 * 2 = 2.7; p50 3.5 -> 4 + 0.5 * 1 = 4.5;
        // p95 6.65 -> 7 + 0.65 * 2 = 8.3; p99 6.93 -> 7 + 0.93 * 2 = 8.86.
        SummarizeCase{"eight_values",
                      {5, 9, 2, 4, 7, 4, 5, 4},
                      {.n = 8,
                       .mean = 5,
                       .stddev = 2.138089935299395,
                       .ci95 = {5 - 1.7874879182362098, 5 + 1.7874879182362098},
                       .min = 2,
                       .p5 = 2.7,
                       .p50 = 4.5,
                       .p95 = 8.3,
                       .p99 = 8.86,
                       .max = 9},
                      1e-9},
        // 1 .. 10: mean 5.5; squared deviations sum to n (n^2 - 1) / 12 = 82.5, stddev
        // sqrt(82.5 / 9) = 3.0276503540974917; half width t9 * 3.0276503540974917 / sqrt(10) =
        // 2.165850589668169. h = 9 q: p5 0.45 -> 1.45; p50 4.5 -> 5.5; p95 8.55 -> 9.55;
        // p99 8.91 -> 9.91.
        SummarizeCase{"one_to_ten",
                      {10, 9, 8, 7, 6, 5, 4, 3, 2, 1},
                      {.n = 10,
                       .mean = 5.5,
                       .stddev = 3.0276503540974917,
                       .ci95 = {5.5 - 2.165850589668169, 5.5 + 2.165850589668169},
                       .min = 1,
                       .p5 = 1.45,
                       .p50 = 5.5,
                       .p95 = 9.55,
                       .p99 = 9.91,
                       .max = 10},
                      1e-9},
        // Two values 1 and 3: mean 2, stddev sqrt(2 / 1); half width t1 sqrt(2) / sqrt(2) = t1.
        // h = q: p5 1.1, p50 2, p95 2.9, p99 2.98.
        SummarizeCase{"two_values",
                      {3, 1},
                      {.n = 2,
                       .mean = 2,
                       .stddev = std::sqrt(2.0),
                       .ci95 = {2 - kT1, 2 + kT1},
                       .min = 1,
                       .p5 = 1.1,
                       .p50 = 2,
                       .p95 = 2.9,
                       .p99 = 2.98,
                       .max = 3},
                      1e-9},
        // Durations around 1e9 with a spread of 1: mean 1e9 + 2 (the sum is exact in double), stddev
        // exactly 1; half width t2 / sqrt(3) = 2.484137711750331. sum(x^2) - n mean^2 would
        // subtract numbers near 3e18 whose spacing is 512 and lose the spread entirely.
        // h = 2 q: p5 0.1 -> +1.1; p50 +2; p95 1.9 -> +2.9; p99 1.98 -> +2.98.
        SummarizeCase{"large_offset",
                      {1e9 + 1, 1e9 + 3, 1e9 + 2},
                      {.n = 3,
                       .mean = 1e9 + 2,
                       .stddev = 1,
                       .ci95 = {1e9 + 2 - 2.484137711750331, 1e9 + 2 + 2.484137711750331},
                       .min = 1e9 + 1,
                       .p5 = 1e9 + 1.1,
                       .p50 = 1e9 + 2,
                       .p95 = 1e9 + 2.9,
                       .p99 = 1e9 + 2.98,
                       .max = 1e9 + 3},
                      1e-6},
        // n == 1: stddev 0 and ci95 [x, x] by the header's convention (no t with 0 degrees of freedom).
        SummarizeCase{"one_value",
                      {42.5},
                      {.n = 1,
                       .mean = 42.5,
                       .stddev = 0,
                       .ci95 = {42.5, 42.5},
                       .min = 42.5,
                       .p5 = 42.5,
                       .p50 = 42.5,
                       .p95 = 42.5,
                       .p99 = 42.5,
                       .max = 42.5},
                      0},
        // Equal values: exactly the value, stddev exactly 0 and a zero-width interval, although
        // 0.1 + 0.1 + 0.1 = 0.30000000000000004 in double.
        SummarizeCase{"constant_values",
                      {0.1, 0.1, 0.1},
                      {.n = 3,
                       .mean = 0.1,
                       .stddev = 0,
                       .ci95 = {0.1, 0.1},
                       .min = 0.1,
                       .p5 = 0.1,
                       .p50 = 0.1,
                       .p95 = 0.1,
                       .p99 = 0.1,
                       .max = 0.1},
                      0},
        // No values: n == 0 and every field 0 (the header's guard).
        SummarizeCase{"no_values", {}, {}, 0}),
    name_of<SummarizeCase>);

TEST(StatisticsTest, summarize_does_not_depend_on_where_the_values_are_stored) {
  // The same values at two addresses 8 bytes apart, so exactly one of them is 16-byte aligned.
  // Summing a Map over them directly gives 1.5 at one address and 1.5000000000000002 at the
  // other (Eigen adds the elements before the first aligned one separately).
  const std::vector<double> values{0.1, 0.2, 0.3, 0.4, 0.5};
  std::vector<double> buffer(values.size() + 1);
  std::vector<MetricStatistics> results;
  for (std::size_t offset : {0u, 1u}) {
    std::copy(values.begin(), values.end(), buffer.begin() + static_cast<std::ptrdiff_t>(offset));
    results.push_back(summarize(std::span<const double>(buffer.data() + offset, values.size())));
  }
  EXPECT_EQ(results[0].mean, results[1].mean);
  EXPECT_EQ(results[0].stddev, results[1].stddev);
  EXPECT_EQ(results[0].ci95, results[1].ci95);
  EXPECT_NEAR(results[0].mean, 0.3, 1e-15);
}

struct PercentileCase {
  std::string_view name;
  std::vector<double> sorted;
  double q;
  double expected;
};

class Percentile : public ::testing::TestWithParam<PercentileCase> {};

TEST_P(Percentile, is_type_7) {
  const PercentileCase& c = GetParam();
  EXPECT_NEAR(percentile_of_sorted(c.sorted, c.q), c.expected, 1e-12);
}

// Worked by hand: h = (n - 1) q, then linear interpolation between x[floor h] and x[floor h + 1].
INSTANTIATE_TEST_SUITE_P(
    StatisticsTest, Percentile,
    ::testing::Values(PercentileCase{"q0_is_the_minimum", {10, 20, 30, 40}, 0, 10},
                      PercentileCase{"q1_is_the_maximum", {10, 20, 30, 40}, 1, 40},
                      PercentileCase{"quarter", {10, 20, 30, 40}, 0.25, 17.5},  // h 0.75: 10 + 0.75 * 10
                      PercentileCase{"median_of_even_n", {10, 20, 30, 40}, 0.5, 25},  // h 1.5
                      PercentileCase{"ninetieth", {10, 20, 30, 40}, 0.9, 37},         // h 2.7: 30 + 0.7 * 10
                      PercentileCase{"on_a_rank", {10, 20, 30, 40}, 1.0 / 3, 20},     // h 1
                      PercentileCase{"between_ties", {-5, -5, 0, 10}, 0.2, -5},       // h 0.6: -5 + 0.6 * 0
                      PercentileCase{"negative_values", {-5, -5, 0, 10}, 0.6, -1},    // h 1.8: -5 + 0.8 * 5
                      PercentileCase{"one_value", {7}, 0.95, 7},
                      PercentileCase{"no_values", {}, 0.5, 0}),  // the header's guard
    name_of<PercentileCase>);

struct StudentTCase {
  std::string_view name;
  std::size_t degrees_of_freedom;
  double expected;
};

class StudentT : public ::testing::TestWithParam<StudentTCase> {};

TEST_P(StudentT, matches_the_published_quantile) {
  const StudentTCase& c = GetParam();
  EXPECT_NEAR(student_t_975(c.degrees_of_freedom), c.expected, 1e-6);
}

// t(0.975, df). df 1, 2 and 4 have closed forms: tan(0.475 pi) = 12.706204736174707;
// 0.95 / sqrt(2 * 0.975 * 0.025) = 4.302652729749464; and for df 4, with a = 4 * 0.975 * 0.025,
// 2 sqrt(cos(acos(sqrt a) / 3) / sqrt a - 1) = 2.776445105197793. The others solve
// P(|T| < t) = 0.95 with the finite sums of Abramowitz & Stegun 26.7.3 (odd df) and 26.7.4
// (even df). They agree with the three decimals of the t table (column 0.025) in the
// NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.2: 12.706, 4.303, 2.776,
// 2.365, 2.262, 2.045 for df 1, 2, 4, 7, 9, 29; df 199 and 1000 fall between its rows for 100
// (1.984) and infinity (1.960).
INSTANTIATE_TEST_SUITE_P(StatisticsTest, StudentT,
                         ::testing::Values(StudentTCase{"df_1", 1, kT1}, StudentTCase{"df_2", 2, kT2},
                                           StudentTCase{"df_4", 4, 2.776445105197793},
                                           StudentTCase{"df_7", 7, kT7}, StudentTCase{"df_9", 9, kT9},
                                           StudentTCase{"df_29", 29, 2.045229642132704},
                                           StudentTCase{"df_199", 199, 1.971956544251753},
                                           StudentTCase{"df_1000", 1000, 1.962339080826408}),
                         name_of<StudentTCase>);

TEST(StatisticsTest, student_t_falls_towards_the_normal_quantile) {
  // t(0.975, df) decreases in df and tends to z = 1.959963984540054 from above.
  double previous = std::numeric_limits<double>::infinity();
  for (std::size_t df = 1; df <= 500; ++df) {
    const double t = student_t_975(df);
    EXPECT_LT(t, previous) << "df " << df;
    EXPECT_GT(t, 1.959963984540054) << "df " << df;
    previous = t;
  }
  EXPECT_NEAR(student_t_975(100'000'000), 1.959963984540054, 1e-6);
}

struct WilsonCase {
  std::string_view name;
  std::size_t successes;
  std::size_t trials;
  Interval expected;
  double tolerance;
};

class Wilson : public ::testing::TestWithParam<WilsonCase> {};

TEST_P(Wilson, matches_the_score_interval) {
  const WilsonCase& c = GetParam();
  const Interval got = wilson_interval(c.successes, c.trials);
  EXPECT_NEAR(got.lo, c.expected.lo, c.tolerance);
  EXPECT_NEAR(got.hi, c.expected.hi, c.tolerance);
}

// By hand with z = 1.959963984540054, z^2 = 3.8414588206941254. Multiplying the header's
// formula by n: center (s + z^2/2) / (n + z^2), half z / (n + z^2) sqrt(s (n - s) / n + z^2/4).
// At s = 0 center == half = z^2 / (2 (n + z^2)), so [0, z^2 / (n + z^2)]; at s = n,
// [n / (n + z^2), 1].
//   0 of 10: hi 3.8414588206941254 / 13.841458820694125 = 0.2775327998628892
//   10 of 10: lo 10 / 13.841458820694125 = 0.7224672001371107
//   5 of 10: center 0.5, half 1.959963984540054 / 13.841458820694125 * sqrt(2.5 + 0.9603647)
//            = 0.263406909487436
//   1 of 1: lo 1 / 4.8414588206941254 = 0.20654931437723742; 0 of 1: hi 0.7934506856227626
// The Newcombe cases are method 3 (score, no continuity correction) of Table II in R. G.
// Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
// methods", Statistics in Medicine 17 (1998) 857-872, published to four decimals.
INSTANTIATE_TEST_SUITE_P(
    StatisticsTest, Wilson,
    ::testing::Values(WilsonCase{"none_of_10", 0, 10, {0, 0.2775327998628892}, 1e-9},
                      WilsonCase{"all_of_10", 10, 10, {0.7224672001371107, 1}, 1e-9},
                      WilsonCase{"half_of_10", 5, 10, {0.5 - 0.263406909487436, 0.5 + 0.263406909487436}, 1e-9},
                      WilsonCase{"one_of_1", 1, 1, {0.20654931437723742, 1}, 1e-9},
                      WilsonCase{"none_of_1", 0, 1, {0, 0.7934506856227626}, 1e-9},
                      WilsonCase{"no_trials", 0, 0, {0, 1}, 0},  // the header's guard
                      WilsonCase{"newcombe_81_of_263", 81, 263, {0.2553, 0.3662}, 5e-5},
                      WilsonCase{"newcombe_15_of_148", 15, 148, {0.0624, 0.1605}, 5e-5},
                      WilsonCase{"newcombe_0_of_20", 0, 20, {0, 0.1611}, 5e-5},
                      WilsonCase{"newcombe_1_of_29", 1, 29, {0.0061, 0.1718}, 5e-5}),
    name_of<WilsonCase>);

TEST(StatisticsTest, wilson_bounds_at_none_and_all_are_exact) {
  // In real arithmetic center == half at 0 successes; the interval must say exactly 0 (and 1 at
  // n of n), not a rounding residue, and stay inside [0, 1] for every count.
  for (std::size_t trials = 1; trials <= 200; ++trials) {
    EXPECT_EQ(wilson_interval(0, trials).lo, 0.0) << trials;
    EXPECT_EQ(wilson_interval(trials, trials).hi, 1.0) << trials;
    for (std::size_t successes = 0; successes <= trials; ++successes) {
      const Interval got = wilson_interval(successes, trials);
      EXPECT_GE(got.lo, 0.0) << successes << " of " << trials;
      EXPECT_LE(got.hi, 1.0) << successes << " of " << trials;
      EXPECT_LT(got.lo, got.hi) << successes << " of " << trials;
    }
  }
}

TEST(StatisticsDeathTest, calls_outside_the_preconditions_are_bugs) {
  const std::vector<double> with_nan{1, std::numeric_limits<double>::quiet_NaN()};
  EXPECT_DEATH(summarize(with_nan), "summarize: a metric value is NaN or infinite");
  const std::vector<double> with_infinity{1, std::numeric_limits<double>::infinity()};
  EXPECT_DEATH(summarize(with_infinity), "summarize: a metric value is NaN or infinite");
  const std::vector<double> sorted{1, 2};
  EXPECT_DEATH(percentile_of_sorted(sorted, 95), "q 95 is outside \\[0, 1\\]");
  const std::vector<double> unsorted{2, 1};
  EXPECT_DEATH(percentile_of_sorted(unsorted, 0.5), "not sorted ascending");
  EXPECT_DEATH(student_t_975(0), "0 degrees of freedom");
  EXPECT_DEATH(wilson_interval(3, 2), "3 successes of 2 trials");
}

}  // namespace
}  // namespace jobsim::sweep
