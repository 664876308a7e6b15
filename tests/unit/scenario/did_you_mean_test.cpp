// Tests for the "did you mean" hint of unknown keys and values.
#include "scenario/did_you_mean.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"
#include "testing/table.hpp"

namespace jobsim::scenario {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using testing::name_of;

struct HintCase {
  std::string_view name;
  std::string_view word;
  std::vector<std::string_view> candidates;
  std::string want;
};

const HintCase kCases[] = {
    {.name = "missing_letter", .word = "backofLimit", .candidates = {"parallelism", "backoffLimit"},
     .want = " (did you mean \"backoffLimit\"?)"},
    {.name = "transposition_counts_once", .word = "scehdule", .candidates = {"schedule", "suspend"},
     .want = " (did you mean \"schedule\"?)"},
    {.name = "case_only", .word = "RestartPolicy", .candidates = {"restartPolicy"},
     .want = " (did you mean \"restartPolicy\"?)"},
    {.name = "two_edits", .word = "tmeZon", .candidates = {"timeZone"}, .want = " (did you mean \"timeZone\"?)"},
    {.name = "three_edits_is_too_far", .word = "tmZon", .candidates = {"timeZone"}, .want = ""},
    {.name = "closest_wins", .word = "limit", .candidates = {"limits", "limi"}, .want = " (did you mean \"limits\"?)"},
    {.name = "tie_goes_to_first", .word = "cat", .candidates = {"bat", "hat"}, .want = " (did you mean \"bat\"?)"},
    {.name = "short_word_needs_a_shared_letter", .word = "ab", .candidates = {"xy"}, .want = ""},
    {.name = "no_candidates", .word = "x", .candidates = {}, .want = ""},
};

class DidYouMean : public ::testing::TestWithParam<HintCase> {};

TEST_P(DidYouMean, SuggestsTheClosestCandidate) {
  const HintCase& c = GetParam();
  EXPECT_EQ(did_you_mean(c.word, c.candidates), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, DidYouMean, ::testing::ValuesIn(kCases), name_of<HintCase>);

TEST(EditDistance, IsCaseInsensitiveAndCountsTranspositions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("Never", "never"), 0u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

}  // namespace
}  // namespace jobsim::scenario
