// api::Boxed: an optional whose value lives behind a pointer (include/jobsim/api/boxed.hpp).
// Each case is checked against std::optional's answer.
#include "jobsim/api/boxed.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace jobsim::api {
namespace {

TEST(Boxed, is_one_pointer) { EXPECT_EQ(sizeof(Boxed<std::string>), sizeof(void*)); }

TEST(Boxed, set_reset_and_read_like_std_optional) {
  struct Step {
    std::string op;  // "set", "reset", "nullopt", "emplace", "copy", "move"
    std::string value;
    bool has_value;
    std::string read;  // value_or("unset")
  };
  const std::vector<Step> steps = {
      {"reset", "", false, "unset"},    {"set", "0,2-4", true, "0,2-4"}, {"set", "", true, ""},
      {"nullopt", "", false, "unset"},  {"emplace", "x", true, "x"},      {"copy", "", true, "x"},
      {"move", "", true, "x"},          {"reset", "", false, "unset"},    {"copy", "", false, "unset"},
  };
  Boxed<std::string> boxed;
  std::optional<std::string> plain;
  for (const Step& step : steps) {
    SCOPED_TRACE(step.op + " " + step.value);
    if (step.op == "set") {
      boxed = step.value;
      plain = step.value;
    } else if (step.op == "reset") {
      boxed.reset();
      plain.reset();
    } else if (step.op == "nullopt") {
      boxed = std::nullopt;
      plain = std::nullopt;
    } else if (step.op == "emplace") {
      boxed.emplace(step.value);
      plain.emplace(step.value);
    } else if (step.op == "copy") {
      const Boxed<std::string> copy = boxed;  // NOLINT(performance-unnecessary-copy-initialization)
      boxed = copy;
      EXPECT_EQ(copy, boxed);
    } else {
      Boxed<std::string> moved = std::move(boxed);
      boxed = std::move(moved);
    }
    EXPECT_EQ(boxed.has_value(), step.has_value);
    EXPECT_EQ(static_cast<bool>(boxed), plain.has_value());
    EXPECT_EQ(boxed.value_or("unset"), step.read);
    EXPECT_EQ(plain.value_or("unset"), step.read);
    EXPECT_EQ(boxed == std::nullopt, !step.has_value);
    if (step.has_value) {
      EXPECT_EQ(*boxed, step.read);
      EXPECT_EQ(boxed->size(), step.read.size());
      EXPECT_EQ(boxed.value(), step.read);
    } else {
      EXPECT_THROW((void)boxed.value(), std::bad_optional_access);
    }
  }
}

TEST(Boxed, equality_compares_values_and_a_copy_owns_its_value) {
  struct Case {
    std::string name;
    Boxed<std::string> a;
    Boxed<std::string> b;
    bool equal;
  };
  const std::vector<Case> cases = {
      {"both unset", {}, {}, true},
      {"unset and empty", {}, std::string(), false},
      {"same text", std::string("a"), std::string("a"), true},
      {"other text", std::string("a"), std::string("b"), false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.a == c.b, c.equal);
    EXPECT_EQ(c.b == c.a, c.equal);
  }
  Boxed<std::string> original = std::string("0-3");
  Boxed<std::string> copy = original;
  *copy += ",5";
  EXPECT_EQ(*original, "0-3");
  EXPECT_EQ(*copy, "0-3,5");
  EXPECT_TRUE(original == std::string("0-3"));
  EXPECT_FALSE(Boxed<std::string>() == std::string(""));
}

TEST(Boxed, a_default_value_is_set_and_a_write_to_it_stays_in_its_own_box) {
  struct Case {
    std::string name;
    std::vector<std::string> value;  // assigned to two Boxed
    std::string appended;            // then written through the second only
  };
  const std::vector<Case> cases = {
      {"empty value (shared, not allocated)", {}, "uid-1"},
      {"non-empty value", {"uid-0"}, "uid-1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Boxed<std::vector<std::string>> first = c.value;
    Boxed<std::vector<std::string>> second;
    second = c.value;
    EXPECT_TRUE(first.has_value());
    EXPECT_EQ(first, second);
    EXPECT_EQ(*first, c.value);
    EXPECT_FALSE(first == std::nullopt);
    Boxed<std::vector<std::string>> copy = second;
    second->push_back(c.appended);
    std::vector<std::string> expected = c.value;
    expected.push_back(c.appended);
    EXPECT_EQ(*second, expected);
    EXPECT_EQ(*first, c.value);
    EXPECT_EQ(*copy, c.value);
    EXPECT_NE(first, second);
    (*copy).push_back(c.appended);
    EXPECT_EQ(copy, second);
    EXPECT_EQ(*first, c.value);
    first.reset();
    EXPECT_FALSE(first.has_value());
    EXPECT_EQ(first.emplace().size(), 0U);
    EXPECT_TRUE(first.has_value());
  }
}

}  // namespace
}  // namespace jobsim::api
