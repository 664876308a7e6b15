// Tests for controllers/paged_id_map.hpp: a value per id, with memory only for pages holding a
// value (issue #9: ids are never reused).
#include "jobsim/controllers/paged_id_map.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace jobsim::controllers {
namespace {

constexpr std::uint64_t kPage = PagedIdMap<int>::page_size();

TEST(PagedIdMap, UnsetIdsReadAsDefault) {
  PagedIdMap<int> map;
  EXPECT_EQ(map.get(0), 0);
  EXPECT_EQ(map.get(123456789), 0);
  EXPECT_EQ(map.resident_pages(), 0u);
}

TEST(PagedIdMap, SetGetAndOverwrite) {
  PagedIdMap<int> map;
  map.set(5, 7);
  map.set(kPage + 3, 9);
  EXPECT_EQ(map.get(5), 7);
  EXPECT_EQ(map.get(kPage + 3), 9);
  EXPECT_EQ(map.get(4), 0);
  EXPECT_EQ(map.get(kPage + 4), 0);
  map.set(5, 8);
  EXPECT_EQ(map.get(5), 8);
  EXPECT_EQ(map.resident_pages(), 2u);
}

TEST(PagedIdMap, EmptyPageBelowTheTopIsFreed) {
  PagedIdMap<int> map;
  map.set(1, 1);
  map.set(2, 1);
  map.set(kPage, 1);  // page 1 becomes the top page
  ASSERT_EQ(map.resident_pages(), 2u);
  map.set(1, 0);
  EXPECT_EQ(map.resident_pages(), 2u);  // id 2 still holds a value
  map.set(2, 0);
  EXPECT_EQ(map.resident_pages(), 1u);
  EXPECT_EQ(map.get(2), 0);
  map.set(2, 0);  // erasing an unset id of a freed page is a no-op
  EXPECT_EQ(map.resident_pages(), 1u);
}

TEST(PagedIdMap, TopPageIsKeptWhenEmptyAndFreedOnceNoLongerTop) {
  PagedIdMap<int> map;
  map.set(kPage + 1, 4);
  map.set(kPage + 1, 0);
  EXPECT_EQ(map.resident_pages(), 1u);  // the newest ids' page stays for the next one
  map.set(3 * kPage, 1);                // a higher page: the empty former top goes
  EXPECT_EQ(map.resident_pages(), 1u);
  EXPECT_EQ(map.get(3 * kPage), 1);
  EXPECT_EQ(map.get(kPage + 1), 0);
}

TEST(PagedIdMap, MemoryFollowsLiveIdsNotIdsEverUsed) {
  PagedIdMap<std::uint8_t> map;
  // A sliding window of 100 live ids over 100 pages' worth of ids.
  for (std::uint64_t id = 0; id < 100 * kPage; ++id) {
    map.set(id, 1);
    if (id >= 100) map.set(id - 100, 0);
    ASSERT_LE(map.resident_pages(), 2u) << "at id " << id;
  }
  EXPECT_EQ(map.get(100 * kPage - 1), 1);
  EXPECT_EQ(map.get(100 * kPage - 101), 0);
}

TEST(PagedIdMap, ForEachSetVisitsAscendingAndFreesPagesItEmpties) {
  PagedIdMap<int> map;
  map.set(2 * kPage + 1, 3);
  map.set(7, 1);
  map.set(kPage, 2);
  std::vector<std::pair<std::uint64_t, int>> seen;
  map.for_each_set([&](std::uint64_t id, int& value) {
    seen.emplace_back(id, value);
    if (id != 2 * kPage + 1) value = 0;  // clear all but the top page's
  });
  EXPECT_EQ(seen, (std::vector<std::pair<std::uint64_t, int>>{{7, 1}, {kPage, 2}, {2 * kPage + 1, 3}}));
  EXPECT_EQ(map.resident_pages(), 1u);
  EXPECT_EQ(map.get(7), 0);
  EXPECT_EQ(map.get(2 * kPage + 1), 3);
}

TEST(PagedIdMap, ClearDropsEverything) {
  PagedIdMap<int> map;
  map.set(1, 1);
  map.set(5 * kPage, 1);
  map.clear();
  EXPECT_EQ(map.resident_pages(), 0u);
  EXPECT_EQ(map.get(1), 0);
  EXPECT_EQ(map.get(5 * kPage), 0);
}

}  // namespace
}  // namespace jobsim::controllers
