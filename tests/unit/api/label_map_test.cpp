// api::LabelMap: Boost.Container's flat_map with our growth and braced-list rules
// (include/jobsim/api/label_map.hpp). Every case is checked against std::map's answer.
#include "jobsim/api/label_map.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jobsim::api {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs pairs_of(const LabelMap& map) {
  Pairs out;
  for (const auto& [key, value] : map) out.emplace_back(key.str(), value.str());
  return out;
}

Pairs pairs_of(const std::map<std::string, std::string, std::less<>>& map) {
  return {map.begin(), map.end()};
}

// One step applied to both a LabelMap and a std::map, with the answer each gave.
struct Step {
  std::string op;  // "emplace", "assign", "index", "erase"
  std::string key;
  std::string value;
  bool inserted_or_erased;  // try_emplace/insert_or_assign's bool, erase's count
  Pairs after;
};

TEST(LabelMap, writes_keep_key_text_order_and_answer_like_std_map) {
  const std::vector<Step> steps = {
      {"emplace", "job-name", "ci-1", true, {{"job-name", "ci-1"}}},
      {"emplace", "app", "ci", true, {{"app", "ci"}, {"job-name", "ci-1"}}},
      {"emplace", "job-name", "ci-2", false, {{"app", "ci"}, {"job-name", "ci-1"}}},
      {"assign", "job-name", "ci-2", false, {{"app", "ci"}, {"job-name", "ci-2"}}},
      {"assign", "batch.kubernetes.io/job-name", "ci-2", true,
       {{"app", "ci"}, {"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}}},
      {"index", "zone", "a", true,
       {{"app", "ci"}, {"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}, {"zone", "a"}}},
      {"index", "app", "web", false,
       {{"app", "web"}, {"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}, {"zone", "a"}}},
      {"emplace", "", "empty-key", true,
       {{"", "empty-key"}, {"app", "web"}, {"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}, {"zone", "a"}}},
      {"erase", "missing", "", false,
       {{"", "empty-key"}, {"app", "web"}, {"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}, {"zone", "a"}}},
      {"erase", "", "", true, {{"app", "web"}, {"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}, {"zone", "a"}}},
      {"erase", "zone", "", true, {{"app", "web"}, {"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}}},
      {"erase", "app", "", true, {{"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}}},
      {"emplace", "a", "", true, {{"a", ""}, {"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}}},
      {"emplace", "B", "upper", true,  // byte order: 'B' (0x42) sorts before 'a' (0x61)
       {{"B", "upper"}, {"a", ""}, {"batch.kubernetes.io/job-name", "ci-2"}, {"job-name", "ci-2"}}},
  };
  LabelMap flat;
  std::map<std::string, std::string, std::less<>> tree;
  for (const Step& step : steps) {
    SCOPED_TRACE(step.op + " " + step.key);
    bool flat_answer = false;
    bool tree_answer = false;
    if (step.op == "emplace") {
      flat_answer = flat.try_emplace(std::string_view(step.key), step.value).second;
      tree_answer = tree.try_emplace(step.key, step.value).second;
    } else if (step.op == "assign") {
      flat_answer = flat.insert_or_assign(std::string_view(step.key), step.value).second;
      tree_answer = tree.insert_or_assign(step.key, step.value).second;
    } else if (step.op == "index") {
      flat_answer = !flat.contains(step.key);
      tree_answer = !tree.contains(step.key);
      flat[std::string_view(step.key)] = step.value;
      tree[step.key] = step.value;
    } else {
      flat_answer = flat.erase(std::string_view(step.key)) == 1;
      tree_answer = tree.erase(step.key) == 1;
    }
    EXPECT_EQ(flat_answer, step.inserted_or_erased);
    EXPECT_EQ(tree_answer, step.inserted_or_erased);
    EXPECT_EQ(pairs_of(flat), step.after);
    EXPECT_EQ(pairs_of(tree), step.after);
    EXPECT_EQ(flat.size(), step.after.size());
    EXPECT_EQ(flat.empty(), step.after.empty());
  }
}

TEST(LabelMap, lookups_by_name_string_view_string_and_literal) {
  const LabelMap map = {{"batch.kubernetes.io/controller-uid", "uid-000001"}, {"app", "ci"}};
  struct Case {
    std::string key;
    bool present;
    std::string value;
  };
  const std::vector<Case> cases = {
      {"app", true, "ci"},
      {"batch.kubernetes.io/controller-uid", true, "uid-000001"},
      {"ap", false, ""},
      {"app ", false, ""},
      {"", false, ""},
      {"controller-uid", false, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.key);
    EXPECT_EQ(map.contains(std::string_view(c.key)), c.present);
    EXPECT_EQ(map.contains(c.key), c.present);
    EXPECT_EQ(map.contains(Name(c.key)), c.present);
    EXPECT_EQ(map.count(c.key), c.present ? 1U : 0U);
    const auto found = map.find(std::string_view(c.key));
    ASSERT_EQ(found != map.end(), c.present);
    if (c.present) {
      EXPECT_EQ(found->second, c.value);
      EXPECT_EQ(map.at(c.key), c.value);
    } else {
      EXPECT_THROW((void)map.at(c.key), std::out_of_range);
    }
  }
  EXPECT_EQ(map.find("app")->second, "ci");  // a string literal
}

TEST(LabelMap, initializer_list_sorts_and_keeps_the_first_of_a_duplicate_key) {
  struct Case {
    std::string name;
    LabelMap map;
    Pairs expected;
  };
  const std::vector<Case> cases = {
      {"empty", {}, {}},
      {"one", {{"k", "v"}}, {{"k", "v"}}},
      {"unsorted", {{"c", "3"}, {"a", "1"}, {"b", "2"}}, {{"a", "1"}, {"b", "2"}, {"c", "3"}}},
      {"duplicate", {{"a", "first"}, {"b", "2"}, {"a", "second"}}, {{"a", "first"}, {"b", "2"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(pairs_of(c.map), c.expected);
    const std::map<std::string, std::string, std::less<>> tree(c.expected.begin(), c.expected.end());
    EXPECT_EQ(pairs_of(tree), c.expected);
  }
}

// Boost 1.74's flat_map sorts a braced list or range with pdqsort, which is stable only below
// 24 elements. Checked when this was written: for the 30-pair range below (15 keys, each
// twice) flat_map's own constructor kept the later value of 3 keys, and for the 28-pair braced
// list it kept "a" = "second". Our constructors insert in order, so the first wins at any
// length, as std::map's do.
TEST(LabelMap, long_lists_keep_the_first_of_a_duplicate_key_like_std_map) {
  for (const int length : {3, 23, 24, 30, 60, 200}) {
    SCOPED_TRACE(length);
    // Each key about twice, in a scrambled order: pair i is ("k<7i mod length/2>", "v<i>").
    std::vector<std::pair<Name, Name>> items;
    std::map<std::string, std::string, std::less<>> tree;
    for (int i = 0; i < length; ++i) {
      const std::string key = "k" + std::to_string((i * 7) % std::max(1, length / 2));
      const std::string value = "v" + std::to_string(i);
      items.emplace_back(key, value);
      tree.try_emplace(key, value);
    }
    const LabelMap from_range(items.begin(), items.end());
    EXPECT_EQ(pairs_of(from_range), pairs_of(tree));
  }
  const LabelMap braced = {{"k0", "v0"},  {"k1", "v1"},  {"k2", "v2"},  {"k3", "v3"},  {"k4", "v4"},
                           {"k5", "v5"},  {"k6", "v6"},  {"k7", "v7"},  {"k8", "v8"},  {"k9", "v9"},
                           {"k10", "v10"}, {"k11", "v11"}, {"k12", "v12"}, {"k0", "v13"}, {"k1", "v14"},
                           {"k2", "v15"}, {"k3", "v16"}, {"k4", "v17"}, {"k5", "v18"}, {"k6", "v19"},
                           {"k7", "v20"}, {"k8", "v21"}, {"k9", "v22"}, {"k10", "v23"}, {"k11", "v24"},
                           {"k12", "v25"}, {"a", "first"}, {"a", "second"}};
  Pairs expected = {{"a", "first"}};
  for (int i = 0; i <= 12; ++i) expected.emplace_back("k" + std::to_string(i), "v" + std::to_string(i));
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(pairs_of(braced), expected);
}

// A map built one insertion at a time holds no spare pair up to 8 pairs (a retained Job keeps
// its labels for its whole life), then doubles; a copy and a braced list hold exactly their
// pairs. Capacities follow from LabelMapGrowth: needed = capacity + 1 while <= 8, else 2x.
TEST(LabelMap, capacity_is_exact_up_to_eight_pairs_then_doubles) {
  struct Case {
    std::size_t size;
    std::size_t capacity;
  };
  const std::vector<Case> cases = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}, {7, 7},
                                   {8, 8}, {9, 16}, {16, 16}, {17, 32}};
  LabelMap map;
  std::size_t inserted = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.size);
    while (inserted < c.size) map.try_emplace("k" + std::to_string(100 + inserted++), "v");
    EXPECT_EQ(map.size(), c.size);
    EXPECT_EQ(map.capacity(), c.capacity);
  }
  const LabelMap copy = map;
  EXPECT_EQ(copy.capacity(), copy.size());
  const LabelMap braced = {{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}};
  EXPECT_EQ(braced.capacity(), 5U);
}

TEST(LabelMap, equality_is_by_keys_and_values_not_by_insertion_order) {
  struct Case {
    std::string name;
    LabelMap a;
    LabelMap b;
    bool equal;
  };
  LabelMap built;
  built["b"] = "2";
  built["a"] = "1";
  const std::vector<Case> cases = {
      {"both empty", {}, {}, true},
      {"same", {{"a", "1"}, {"b", "2"}}, {{"a", "1"}, {"b", "2"}}, true},
      {"other order", built, {{"a", "1"}, {"b", "2"}}, true},
      {"other value", {{"a", "1"}}, {{"a", "2"}}, false},
      {"other key", {{"a", "1"}}, {{"b", "1"}}, false},
      {"one more", {{"a", "1"}}, {{"a", "1"}, {"b", "2"}}, false},
      {"empty value vs none", {{"a", ""}}, {}, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.a == c.b, c.equal);
    EXPECT_EQ(c.b == c.a, c.equal);
  }
}

TEST(LabelMap, index_of_a_missing_key_inserts_an_empty_value) {
  LabelMap map;
  EXPECT_TRUE(map["x"].empty());
  EXPECT_EQ(pairs_of(map), (Pairs{{"x", ""}}));
  map.find("x")->second = "set through the iterator";
  EXPECT_EQ(map.at("x"), "set through the iterator");
}

TEST(LabelMap, erase_by_iterator_returns_the_next_entry) {
  LabelMap map = {{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}};
  for (auto it = map.begin(); it != map.end();) {
    it = it->second == "2" || it->second == "4" ? map.erase(it) : std::next(it);
  }
  EXPECT_EQ(pairs_of(map), (Pairs{{"a", "1"}, {"c", "3"}}));
  map.clear();
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.begin(), map.end());
}

TEST(LabelMap, many_keys_stay_sorted) {
  // Past the exact-growth size the vector grows geometrically; the order must not depend on it.
  LabelMap map;
  std::map<std::string, std::string, std::less<>> tree;
  for (int i = 0; i < 40; ++i) {
    const std::string key = "k" + std::to_string((i * 17) % 40);
    map.insert_or_assign(key, std::to_string(i));
    tree.insert_or_assign(key, std::to_string(i));
  }
  EXPECT_EQ(pairs_of(map), pairs_of(tree));
  EXPECT_EQ(map.size(), 40U);
}

}  // namespace
}  // namespace jobsim::api
