// Tests for report/duration_samples.hpp: exact samples for nearest-rank percentiles, kept in
// 0, 4 or 8 bytes each; the order and every value must come back exactly.
#include "report/duration_samples.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

namespace jobsim::report {
namespace {

using engine::Duration;

std::vector<Duration> all_of(const DurationSamples& samples) {
  std::vector<Duration> out;
  for (std::size_t i = 0; i < samples.size(); ++i) out.push_back(samples.at(i));
  return out;
}

TEST(DurationSamples, EmptyIsSortedAndEmpty) {
  const DurationSamples samples;
  EXPECT_TRUE(samples.empty());
  EXPECT_TRUE(samples.sorted());
  EXPECT_EQ(samples.size(), 0u);
}

TEST(DurationSamples, EveryWidthComesBackExactlyInAscendingOrder) {
  constexpr std::int64_t kNarrowMax = std::numeric_limits<std::uint32_t>::max();
  const std::vector<Duration> values = {
      Duration(5),          Duration(0),          Duration(-3),          Duration(kNarrowMax),
      Duration(kNarrowMax + 1), Duration(1),      Duration(0),           Duration(-1'000'000'000'000),
      Duration(std::numeric_limits<std::int64_t>::max()), Duration(5), Duration(kNarrowMax - 1)};
  DurationSamples samples;
  for (const Duration value : values) samples.add(value);
  EXPECT_FALSE(samples.sorted());
  EXPECT_EQ(samples.size(), values.size());
  samples.sort();
  std::vector<Duration> want = values;
  std::ranges::sort(want);
  EXPECT_EQ(all_of(samples), want);
  EXPECT_EQ(samples.max(), Duration(std::numeric_limits<std::int64_t>::max()));
}

TEST(DurationSamples, OnlyZerosStaySorted) {
  DurationSamples samples;
  samples.add(Duration::zero());
  samples.add(Duration::zero());
  EXPECT_TRUE(samples.sorted());
  EXPECT_EQ(samples.size(), 2u);
  EXPECT_EQ(samples.nearest_rank(50), Duration::zero());
  EXPECT_EQ(samples.max(), Duration::zero());
}

TEST(DurationSamples, AddAfterSortUnsortsAndResortMergesTheNewValue) {
  DurationSamples samples;
  samples.add(std::chrono::seconds(3));
  samples.add(std::chrono::seconds(1));
  samples.sort();
  samples.add(std::chrono::seconds(2));
  samples.add(Duration(-7));
  EXPECT_FALSE(samples.sorted());
  samples.sort();
  EXPECT_EQ(all_of(samples), (std::vector<Duration>{Duration(-7), std::chrono::seconds(1), std::chrono::seconds(2),
                                                    std::chrono::seconds(3)}));
}

TEST(DurationSamples, NearestRankAcrossTheZeroCountAndBothWidths) {
  // Sorted: -1 us, 0, 0, 0, 10 us, 2^33 us. Ranks: p50 -> ceil(3) = 3rd, p67 -> ceil(4.02) = 5th.
  DurationSamples samples;
  for (const std::int64_t us : {10LL, 0LL, 1LL << 33, 0LL, -1LL, 0LL}) samples.add(Duration(us));
  samples.sort();
  EXPECT_EQ(samples.nearest_rank(1), Duration(-1));
  EXPECT_EQ(samples.nearest_rank(50), Duration::zero());
  EXPECT_EQ(samples.nearest_rank(67), Duration(10));
  EXPECT_EQ(samples.nearest_rank(100), Duration(1LL << 33));
}

}  // namespace
}  // namespace jobsim::report
