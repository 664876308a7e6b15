// Seed derivation and raw draws for named random streams.
#include "jobsim/engine/random_streams.hpp"

#include "jobsim/engine/check.hpp"

namespace jobsim::engine {

double RandomStream::uniform01() {
  // 53 bits fill a double's mantissa exactly, so every value is k * 2^-53 and 1.0 is impossible.
  return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

std::uint64_t RandomStream::below(std::uint64_t bound) {
  JOBSIM_CHECK(bound > 0, "RandomStream::below: bound must be positive");
  // 2^64 mod bound, computed in 64 bits: the lowest raw values that would make r % bound biased.
  const std::uint64_t threshold = (0 - bound) % bound;
  while (true) {
    const std::uint64_t raw = next_u64();
    if (raw >= threshold) return raw % bound;
  }
}

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t splitmix64(std::uint64_t x) {
  std::uint64_t z = x + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t RandomStreams::stream_seed(std::string_view name) const {
  // The replication is mixed before it meets the seed so that (seed, replication) pairs such as
  // (1, 0) and (0, 1) do not collide; the outer mix spreads the name hash over all 64 bits.
  return splitmix64(splitmix64(seed_ ^ splitmix64(replication_)) ^ fnv1a64(name));
}

}  // namespace jobsim::engine
