// Our own distributions over RandomStream (CONTRIBUTING.md "Time, ordering and randomness"): the formulas below are fixed and
// documented, unlike std:: distributions, whose output differs between standard libraries.
// Each call is stateless and consumes a documented number of uniform01() draws.
#pragma once

#include <cstddef>
#include <span>         // std::span
#include <string>
#include <string_view>

#include "jobsim/engine/random_streams.hpp"

namespace jobsim::engine {

// uniform returns lo + (hi - lo) * u, u = uniform01(): a value in [lo, hi). One draw.
double uniform(RandomStream& stream, double lo, double hi);

// exponential returns -mean * ln(1 - u) (inverse CDF; 1 - u is in (0, 1], so never ln 0).
// One draw. mean > 0.
double exponential(RandomStream& stream, double mean);

// normal returns mean + stddev * sqrt(-2 ln(1 - u1)) * cos(2 pi u2) (Box-Muller, first value;
// the sine twin is discarded to keep the call stateless). Two draws: u1 then u2. stddev >= 0.
double normal(RandomStream& stream, double mean, double stddev);

// lognormal returns exp(normal(mu, sigma)): its median is exp(mu). Two draws.
double lognormal(RandomStream& stream, double mu, double sigma);

// discrete returns index i with probability weights[i] / sum(weights): with x = u * sum, the
// first i whose running sum exceeds x. Weights are finite and >= 0 with a positive sum; they need
// not sum to 1, and zero-weight indices are never returned. One draw.
std::size_t discrete(RandomStream& stream, std::span<const double> weights);

// lognormal_sigma_from_median_p95 returns ln(p95 / median) / 1.6448536269514722 (the standard
// normal 95th percentile): the sigma of a lognormal with that median and 95th percentile. Pair it
// with mu = ln(median). Requires 0 < median <= p95.
double lognormal_sigma_from_median_p95(double median, double p95);

// kRandomSuffixAlphabet is Kubernetes' generateName alphabet (k8s.io/apimachinery/pkg/util/rand):
// no vowels (no words) and no 0, 1, 3 (no confusion with o, l, e).
inline constexpr std::string_view kRandomSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

// random_suffix returns `length` characters, each kRandomSuffixAlphabet[below(27)], as
// generateName's "pi-" + random_suffix(stream, 5). One below() per character.
std::string random_suffix(RandomStream& stream, std::size_t length);

}  // namespace jobsim::engine
