// Portable distributions: plain formulas over uniform01() and below(), see distributions.hpp.
#include "jobsim/engine/distributions.hpp"

#include <cmath>        // std::log, std::exp, std::sqrt, std::cos, std::isfinite
#include <numbers>      // std::numbers::pi

#include "jobsim/engine/check.hpp"

namespace jobsim::engine {

// Parameters come from validated scenarios or from code, so a bad one is a bug, not input.

double uniform(RandomStream& stream, double lo, double hi) {
  JOBSIM_CHECK(lo <= hi, "uniform: lo " << lo << " > hi " << hi);
  return lo + (hi - lo) * stream.uniform01();
}

double exponential(RandomStream& stream, double mean) {
  JOBSIM_CHECK(mean > 0, "exponential: mean " << mean << " must be positive");
  return -mean * std::log(1.0 - stream.uniform01());
}

double normal(RandomStream& stream, double mean, double stddev) {
  JOBSIM_CHECK(stddev >= 0, "normal: stddev " << stddev << " must not be negative");
  const double u1 = stream.uniform01();  // named draws: the order of evaluation is fixed
  const double u2 = stream.uniform01();
  const double radius = std::sqrt(-2.0 * std::log(1.0 - u1));
  return mean + stddev * radius * std::cos(2.0 * std::numbers::pi * u2);
}

double lognormal(RandomStream& stream, double mu, double sigma) {
  return std::exp(normal(stream, mu, sigma));
}

std::size_t discrete(RandomStream& stream, std::span<const double> weights) {
  double total = 0;
  std::size_t last_positive = weights.size();
  for (std::size_t i = 0; i < weights.size(); ++i) {
    JOBSIM_CHECK(std::isfinite(weights[i]) && weights[i] >= 0,
                 "discrete: weight " << i << " is " << weights[i] << "; weights must be finite and >= 0");
    total += weights[i];
    if (weights[i] > 0) last_positive = i;
  }
  JOBSIM_CHECK(total > 0, "discrete: the weights sum to zero; give at least one a positive weight");
  const double target = stream.uniform01() * total;
  double running = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    running += weights[i];
    if (target < running) return i;
  }
  return last_positive;  // rounding left target at the very top: the last index that can win
}

double lognormal_sigma_from_median_p95(double median, double p95) {
  JOBSIM_CHECK(median > 0 && p95 >= median,
               "lognormal_sigma_from_median_p95: need 0 < median <= p95, got median " << median << ", p95 " << p95);
  constexpr double kStandardNormalP95 = 1.6448536269514722;
  return std::log(p95 / median) / kStandardNormalP95;
}

std::string random_suffix(RandomStream& stream, std::size_t length) {
  std::string suffix(length, ' ');
  for (char& c : suffix) c = kRandomSuffixAlphabet[stream.below(kRandomSuffixAlphabet.size())];
  return suffix;
}

}  // namespace jobsim::engine
