// Named random streams (CONTRIBUTING.md "Time, ordering and randomness"): every stream is seeded from (seed, replication, name)
// alone, through fixed, documented hashes, so adding or reordering streams never changes the
// numbers another stream draws, and results are identical across standard libraries.
#pragma once

#include <cstdint>
#include <random>       // std::mt19937_64, whose output sequence the standard fixes
#include <string_view>

namespace jobsim::engine {

// RandomStream is one independent generator: std::mt19937_64 seeded with a single 64-bit value.
// Draw through distributions.hpp, never through std:: distributions (they differ by library).
class RandomStream {
 public:
  explicit RandomStream(std::uint64_t seed) : engine_(seed) {}

  // next_u64 returns the next raw 64-bit output of mt19937_64.
  std::uint64_t next_u64() { return engine_(); }

  // uniform01 returns a double in [0, 1): the top 53 bits of next_u64() times 2^-53.
  double uniform01();

  // below returns a uniform integer in [0, bound), bound > 0, without modulo bias: raw values
  // below 2^64 mod bound are rejected and redrawn (as OpenBSD's arc4random_uniform).
  std::uint64_t below(std::uint64_t bound);

 private:
  std::mt19937_64 engine_;
};

// fnv1a64 is the 64-bit FNV-1a hash of `text`'s bytes (offset basis 0xcbf29ce484222325,
// prime 0x100000001b3).
std::uint64_t fnv1a64(std::string_view text);

// splitmix64 is the SplitMix64 finalizer (Steele, Lea, Flood 2014), a bijective 64-bit mixer:
// z = x + 0x9e3779b97f4a7c15; z = (z ^ z>>30) * 0xbf58476d1ce4e5b9;
// z = (z ^ z>>27) * 0x94d049bb133111eb; return z ^ z>>31.
std::uint64_t splitmix64(std::uint64_t x);

// RandomStreams is the root of a run's randomness, built from the scenario seed and the
// replication number (ns-3 SetRun). It holds no generator state, so it is cheap and const.
class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t seed, std::uint64_t replication = 0)
      : seed_(seed), replication_(replication) {}

  // stream_seed is, exactly and forever (changing it changes every golden result):
  //   splitmix64(splitmix64(seed ^ splitmix64(replication)) ^ fnv1a64(name))
  std::uint64_t stream_seed(std::string_view name) const;

  // stream returns a fresh generator for `name` ("kubelet/node-3/runtime"). Calling it twice with
  // the same name yields two generators with the same sequence: keep the stream you draw from.
  RandomStream stream(std::string_view name) const { return RandomStream(stream_seed(name)); }

  // equivalent_seed: the seed whose replication 0 draws exactly what replication `replication`
  // of `seed` draws (stream_seed only sees seed ^ splitmix64(replication)), so that
  // `jobsim run --seed equivalent_seed(S, r)` reproduces replication r of a sweep of seed S.
  static std::uint64_t equivalent_seed(std::uint64_t seed, std::uint64_t replication) {
    return seed ^ splitmix64(replication) ^ splitmix64(0);
  }

  std::uint64_t seed() const { return seed_; }
  std::uint64_t replication() const { return replication_; }

 private:
  std::uint64_t seed_;
  std::uint64_t replication_;
};

}  // namespace jobsim::engine
