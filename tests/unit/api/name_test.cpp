// api::Name: one entry per text while any Name holds it, freed with the last one; equality,
// order and hash are those of the text (include/jobsim/api/name.hpp).
#include "jobsim/api/name.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

namespace jobsim::api {
namespace {

TEST(Name, the_same_text_shares_one_entry_and_the_last_name_frees_it) {
  const std::size_t before = Name::live_entries();
  {
    Name a = "backup-29000000";
    Name b = std::string("backup-") + "29000000";
    EXPECT_EQ(Name::live_entries(), before + 1);
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.data(), b.data());  // one entry, one text
    Name c = "backup-29000005";
    EXPECT_EQ(Name::live_entries(), before + 2);
    EXPECT_NE(a, c);
    {
      const Name copy = c;  // NOLINT(performance-unnecessary-copy-initialization): counts references
      EXPECT_EQ(Name::live_entries(), before + 2);
    }
    EXPECT_EQ(c, "backup-29000005");  // the copy's end did not free the entry c holds
  }
  EXPECT_EQ(Name::live_entries(), before);
}

TEST(Name, empty_holds_no_entry) {
  const std::size_t before = Name::live_entries();
  const Name empty;
  const Name also_empty = "";
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty, also_empty);
  EXPECT_EQ(empty.size(), 0U);
  EXPECT_EQ(empty.str(), "");
  EXPECT_EQ(Name::live_entries(), before);
}

TEST(Name, moves_and_assignments_keep_the_count_right) {
  const std::size_t before = Name::live_entries();
  {
    Name a = "a-name";
    Name b = std::move(a);
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): a moved-from Name is empty
    EXPECT_EQ(b, "a-name");
    Name c = "other";
    c = b;  // "other" has no holder left
    EXPECT_EQ(Name::live_entries(), before + 1);
    c = c;  // NOLINT(clang-diagnostic-self-assign-overloaded): self-assignment keeps the entry
    EXPECT_EQ(c, "a-name");
    b = Name("third");
    EXPECT_EQ(Name::live_entries(), before + 2);
  }
  EXPECT_EQ(Name::live_entries(), before);
}

TEST(Name, compares_and_orders_by_text) {
  // Table-driven: the order of std::string, which the maps keyed by text used before.
  struct Case {
    const char* a;
    const char* b;
    int order;  // <0, 0, >0
  };
  const std::vector<Case> cases = {
      {"a", "b", -1}, {"b", "a", 1}, {"job-1", "job-10", -1}, {"job-2", "job-10", 1},
      {"", "a", -1},  {"same", "same", 0}, {"Z", "a", -1},
  };
  for (const Case& c : cases) {
    const Name a = c.a;
    const Name b = c.b;
    const auto order = a <=> b;
    const int got = order < 0 ? -1 : order > 0 ? 1 : 0;
    EXPECT_EQ(got, c.order) << c.a << " vs " << c.b;
    EXPECT_EQ(a == b, c.order == 0) << c.a << " vs " << c.b;
    EXPECT_EQ(a == std::string_view(c.b), c.order == 0);
    EXPECT_EQ(a < std::string(c.b), c.order < 0);
  }
}

TEST(Name, hashes_like_its_text_so_containers_find_by_string_view) {
  const Name key = "batch.kubernetes.io/controller-uid";
  EXPECT_EQ(key.hash(), std::hash<std::string_view>{}("batch.kubernetes.io/controller-uid"));
  EXPECT_EQ(Name().hash(), std::hash<std::string_view>{}(""));

  std::unordered_set<Name, NameHash, NameEqual> set = {"a", "b"};
  EXPECT_TRUE(set.find(std::string_view("a")) != set.end());
  EXPECT_TRUE(set.find(std::string_view("c")) == set.end());

  std::map<Name, int, std::less<>> map = {{"x", 1}, {"y", 2}};
  EXPECT_EQ(map.find(std::string_view("y"))->second, 2);
  EXPECT_EQ(map.begin()->first, "x");
}

TEST(Name, reads_and_concatenates_like_a_string) {
  const Name name = "cj-001";
  EXPECT_EQ(name + "-29000000", "cj-001-29000000");
  EXPECT_EQ("default/" + name, "default/cj-001");
  EXPECT_EQ(std::string("Job/") + name, "Job/cj-001");
  EXPECT_TRUE(name.starts_with("cj-"));
  EXPECT_EQ(name.substr(3), "001");
  const std::string& text = name;
  EXPECT_EQ(text, "cj-001");
  std::ostringstream out;
  out << name;
  EXPECT_EQ(out.str(), "cj-001");
}

TEST(Name, constant_name_returns_the_interned_text_and_stays_right_for_a_reused_address) {
  static constexpr std::string_view kReason = "SuccessfulCreate";
  const Name first = constant_name(kReason);
  const Name second = constant_name(kReason);
  EXPECT_EQ(first, Name("SuccessfulCreate"));
  EXPECT_EQ(first, second);

  // A text that is not constant: the same buffer holds another text of the same size later.
  char buffer[] = "ReasonA";
  EXPECT_EQ(constant_name(std::string_view(buffer, 7)), "ReasonA");
  buffer[6] = 'B';
  EXPECT_EQ(constant_name(std::string_view(buffer, 7)), "ReasonB");
  EXPECT_EQ(constant_name(std::string_view(buffer, 6)), "Reason");  // same address, other size
}

TEST(Name, the_table_keeps_every_live_text_through_growth_and_scattered_releases) {
  // Enough texts to grow the thread's table several times; releasing every third, then the
  // rest in reverse, moves entries back over the holes. Each surviving text still finds its one
  // entry, and the count ends where it began.
  const std::size_t before = Name::live_entries();
  {
    std::vector<Name> names;
    std::vector<const char*> data;
    for (int i = 0; i < 20'000; ++i) {
      names.emplace_back("table-test-" + std::to_string(i));
      data.push_back(names.back().data());
    }
    EXPECT_EQ(Name::live_entries(), before + 20'000);
    for (std::size_t i = 0; i < names.size(); i += 3) names[i] = Name();
    EXPECT_EQ(Name::live_entries(), before + 20'000 - 6'667);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const Name again = "table-test-" + std::to_string(i);
      if (i % 3 == 0) {
        EXPECT_EQ(Name::live_entries(), before + 20'000 - 6'667 + 1) << i;  // a new entry
      } else {
        EXPECT_EQ(again.data(), data[i]) << i;  // the entry it already had
      }
    }
    while (!names.empty()) names.pop_back();
  }
  EXPECT_EQ(Name::live_entries(), before);
}

}  // namespace
}  // namespace jobsim::api
