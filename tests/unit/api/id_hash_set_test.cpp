// api::IdHashSet (include/jobsim/api/id_hash_set.hpp): every answer against a std::map model,
// under hash functions that crowd ids into a few home slots, so that probe runs wrap around the
// end of the table and deletions shift long runs back.
#include "jobsim/api/id_hash_set.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "testing/table.hpp"

namespace jobsim::api {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

// The "objects": key of id i is keys[i]; the set finds an id by its key.
struct Objects {
  std::vector<std::uint64_t> keys;
  std::uint64_t spread;  // the hash is key % spread: a small spread piles ids onto few slots
  std::uint64_t offset;  // added to the hash, so homes sit near the table's end and runs wrap
};
struct KeyOf {
  std::uint64_t key;
};
struct Hash {
  const Objects* objects;
  std::size_t operator()(KeyOf k) const { return k.key % objects->spread + objects->offset; }
  std::size_t operator()(std::uint32_t id) const { return (*this)(KeyOf{objects->keys[id]}); }
};
struct Equal {
  const Objects* objects;
  bool operator()(KeyOf k, std::uint32_t id) const { return objects->keys[id] == k.key; }
};

struct Case {
  std::string name;
  std::uint64_t spread;
  std::uint64_t offset;
  int operations;
};

class IdHashSetModel : public ::testing::TestWithParam<Case> {};

TEST_P(IdHashSetModel, answers_as_a_map_from_key_to_id_does) {
  const Case& c = GetParam();
  Objects objects{.keys = {}, .spread = c.spread, .offset = c.offset};
  IdHashSet<std::uint32_t, Hash, Equal> set{Hash{&objects}, Equal{&objects}};
  std::map<std::uint64_t, std::uint32_t> model;  // key -> id
  std::mt19937_64 random(7);
  for (int step = 0; step < c.operations; ++step) {
    const std::uint64_t key = random() % 3000;
    const auto in_model = model.find(key);
    switch (random() % 3) {
      case 0:  // insert a new object with this key, unless the key is taken
        if (in_model == model.end()) {
          const auto id = static_cast<std::uint32_t>(objects.keys.size());
          objects.keys.push_back(key);
          ASSERT_TRUE(set.insert(id));
          ASSERT_FALSE(set.insert(id)) << "an id already present is not added twice";
          model.emplace(key, id);
        }
        break;
      case 1:  // erase the object holding this key, if any
        if (in_model != model.end()) {
          ASSERT_TRUE(set.erase(in_model->second));
          ASSERT_FALSE(set.erase(in_model->second));
          model.erase(in_model);
        }
        break;
      default: {
        const std::uint32_t* found = set.find(KeyOf{key});
        if (in_model == model.end()) {
          ASSERT_EQ(found, nullptr) << "key " << key;
        } else {
          ASSERT_NE(found, nullptr) << "key " << key;
          ASSERT_EQ(*found, in_model->second);
        }
      }
    }
    ASSERT_EQ(set.size(), model.size());
  }
  // Every key still held is found, every id erased leaves nothing behind.
  for (const auto& [key, id] : model) {
    const std::uint32_t* found = set.find(KeyOf{key});
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(*found, id);
  }
  for (const auto& [key, id] : model) EXPECT_TRUE(set.erase(id));
  EXPECT_TRUE(set.empty());
  for (std::uint64_t key = 0; key < 3000; ++key) EXPECT_EQ(set.find(KeyOf{key}), nullptr);
}

INSTANTIATE_TEST_SUITE_P(
    Hashes, IdHashSetModel,
    ::testing::Values(Case{.name = "spread_hashes", .spread = 1'000'003, .offset = 0, .operations = 40'000},
                      Case{.name = "eight_homes", .spread = 8, .offset = 0, .operations = 6'000},
                      Case{.name = "homes_at_the_tables_end_wrap", .spread = 4, .offset = 0xFFFF'FFFD,
                           .operations = 6'000},
                      Case{.name = "one_home", .spread = 1, .offset = 0, .operations = 3'000}),
    test_support::name_of<Case>);

TEST(IdHashSet, erase_hashed_finds_an_id_whose_object_is_gone) {
  Objects objects{.keys = {10, 20, 30}, .spread = 2, .offset = 0};
  IdHashSet<std::uint32_t, Hash, Equal> set{Hash{&objects}, Equal{&objects}};
  for (std::uint32_t id = 0; id < 3; ++id) set.insert(id);
  const std::size_t hash_of_20 = Hash{&objects}(KeyOf{20});
  objects.keys[1] = 999;  // the object changed: only the caller still knows the old key's hash
  EXPECT_TRUE(set.erase_hashed(1, hash_of_20));
  EXPECT_FALSE(set.erase_hashed(1, hash_of_20));
  EXPECT_EQ(set.size(), 2U);
  EXPECT_EQ(*set.find(KeyOf{10}), 0U);
  EXPECT_EQ(*set.find(KeyOf{30}), 2U);
}

}  // namespace
}  // namespace jobsim::api
