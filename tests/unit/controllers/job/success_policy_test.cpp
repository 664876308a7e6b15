// Tests for controllers/job/success_policy.hpp. Ported from upstream
// pkg/controller/job/success_policy_test.go (TestMatchSuccessPolicy, JobSuccessPolicy enabled);
// case names are upstream's in snake_case, inputs and expectations are upstream's. Succeeded
// intervals are written in the interval text form and parsed with a large completions value,
// so that upstream's intervals beyond completions (e.g. {7, 10}) are kept as they are.
#include "jobsim/controllers/job/success_policy.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "testing/table.hpp"

namespace jobsim::controllers::job {
namespace {

using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

struct Rule {
  std::optional<std::string> succeeded_indexes;
  std::optional<std::int32_t> succeeded_count;
};

struct MatchCase {
  std::string_view name;
  std::optional<std::vector<Rule>> rules;  // nullopt: successPolicy is null
  std::int32_t completions = 10;
  std::string_view succeeded;  // succeeded indexes, interval text
  std::string_view want_message;
};

const MatchCase kMatchCases[] = {
    {.name = "success_policy_is_null", .succeeded = "0"},
    {.name = "any_rules_are_nothing", .rules = std::vector<Rule>{}, .succeeded = "0"},
    {.name = "rules_succeeded_indexes_is_invalid_format",
     .rules = std::vector<Rule>{{.succeeded_indexes = "invalid-form"}},
     .succeeded = "0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_matched_rules",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0-2"}},
     .succeeded = "0-2,4-7",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules",
     .rules = std::vector<Rule>{{.succeeded_indexes = "3"}},
     .succeeded = "0-2"},
    {.name = "rules_succeeded_count_is_specified_succeeded_indexes_matched_rules",
     .rules = std::vector<Rule>{{.succeeded_count = 2}},
     .succeeded = "0-2",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_count_is_specified_succeeded_indexes_didnt_match_rules",
     .rules = std::vector<Rule>{{.succeeded_count = 4}},
     .succeeded = "0-2"},
    {.name = "multiple_rules_rules_succeeded_indexes_is_specified_succeeded_indexes_met_one_of_rules",
     .rules = std::vector<Rule>{{.succeeded_indexes = "9"}, {.succeeded_indexes = "4,6"}},
     .succeeded = "0-2,4-7",
     .want_message = "Matched rules at index 1"},
    {.name = "multiple_rules_rules_succeeded_indexes_is_specified_succeeded_indexes_met_all_rules",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0,1"}, {.succeeded_indexes = "5"}},
     .succeeded = "0-2,4-7",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_and_rules_succeeded_count_are_specified_succeeded_indexes_met_all_rules",
     .rules = std::vector<Rule>{{.succeeded_indexes = "3-6", .succeeded_count = 2}},
     .succeeded = "0-2,4-7",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_and_rules_succeeded_count_are_specified_succeeded_indexes_didnt_match_rules",
     .rules = std::vector<Rule>{{.succeeded_indexes = "3-6", .succeeded_count = 2}},
     .succeeded = "0-2,6-7"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_are_nothing",
     .rules = std::vector<Rule>{{.succeeded_count = 4}},
     .succeeded = ""},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_matched_rules_rules_is_proper_subset_of_succeeded_indexes",
     .rules = std::vector<Rule>{{.succeeded_indexes = "2-4,6-8"}},
     .succeeded = "1-9",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_matched_rules_rules_equals_succeeded_indexes",
     .rules = std::vector<Rule>{{.succeeded_indexes = "2-4,6-9"}},
     .succeeded = "2-4,6-9",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_matched_rules_rules_is_subset_of_succeeded_indexes",
     .rules = std::vector<Rule>{{.succeeded_indexes = "2-4,8-12"}},
     .succeeded = "2-5,7-15",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules_rules_is_an_empty_set",
     .rules = std::vector<Rule>{{.succeeded_indexes = ""}},
     .succeeded = "1-3"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules_succeeded_indexes_is_an_empty_set",
     .rules = std::vector<Rule>{{.succeeded_indexes = ""}},
     .succeeded = ""},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules_all_elements_of_rules_succeeded_"
             "indexes_arent_included_in_succeeded_indexes",
     .rules = std::vector<Rule>{{.succeeded_indexes = "10-12,14-16"}},
     .succeeded = "1-3,5-7"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules_rules_overlaps_succeeded_indexes_at_first",
     .rules = std::vector<Rule>{{.succeeded_indexes = "1-3,5-7"}},
     .succeeded = "2-4,6-8"},
    {.name = "rules_succeeded_indexes_and_rules_succeeded_count_are_specified_succeeded_indexes_matched_rules_rules_"
             "overlaps_succeeded_indexes_at_first",
     .rules = std::vector<Rule>{{.succeeded_indexes = "1-3,5-7", .succeeded_count = 4}},
     .succeeded = "2-4,6-8",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules_rules_overlaps_succeeded_indexes_at_last",
     .rules = std::vector<Rule>{{.succeeded_indexes = "2-4,6-9"}},
     .succeeded = "1-3,5-7"},
    {.name = "rules_succeeded_indexes_and_rules_succeeded_count_are_specified_succeeded_indexes_matched_rules_rules_"
             "overlaps_succeeded_indexes_at_last",
     .rules = std::vector<Rule>{{.succeeded_indexes = "2-4,6-9", .succeeded_count = 4}},
     .succeeded = "1-3,5-7",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules_rules_completely_overlaps_"
             "succeeded_indexes",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0-4,6-9"}},
     .succeeded = "1-3,7,8"},
    {.name = "rules_succeeded_indexes_and_rules_succeeded_count_are_specified_succeeded_indexes_matched_rules_rules_"
             "completely_overlaps_succeeded_indexes",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0-4,6-9", .succeeded_count = 5}},
     .succeeded = "1-3,7,8",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules_rules_overlaps_multiple_"
             "succeeded_indexes_at_last",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0-6,8-9"}},
     .succeeded = "1-3,5-9"},
    {.name = "rules_succeeded_indexes_and_rules_succeeded_count_are_specified_succeeded_indexes_matched_rules_rules_"
             "overlaps_multiple_succeeded_indexes_at_last",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0-6,8-9", .succeeded_count = 7}},
     .succeeded = "1-3,5-9",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules_rules_overlaps_succeeded_indexes_"
             "at_first_and_rules_equals_succeeded_indexes_at_last",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0-5,7-9"}},
     .succeeded = "1-5,7-10"},
    {.name = "rules_succeeded_indexes_and_rules_succeeded_count_are_specified_succeeded_indexes_matched_rules_rules_"
             "overlaps_succeeded_indexes_at_first_and_rules_equals_succeeded_indexes_at_last",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0-5,7-9", .succeeded_count = 8}},
     .succeeded = "1-5,7-10",
     .want_message = "Matched rules at index 0"},
    {.name = "rules_succeeded_indexes_is_specified_succeeded_indexes_didnt_match_rules_the_first_rules_overlaps_"
             "succeeded_indexes_at_first",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0-3,6-9"}},
     .succeeded = "1-10"},
    {.name = "rules_succeeded_indexes_and_rules_succeeded_count_are_specified_succeeded_indexes_matched_rules_the_first_"
             "rules_overlaps_succeeded_indexes_at_first",
     .rules = std::vector<Rule>{{.succeeded_indexes = "0-3,6-9", .succeeded_count = 7}},
     .succeeded = "1-10",
     .want_message = "Matched rules at index 0"},
};

class MatchSuccessPolicyTest : public ::testing::TestWithParam<MatchCase> {};

TEST_P(MatchSuccessPolicyTest, first_matching_rule_wins) {
  const MatchCase& test_case = GetParam();
  const OrderedIntervals succeeded = OrderedIntervals::parse(test_case.succeeded, 1000);
  std::optional<std::string> message;
  if (test_case.rules) {
    api::SuccessPolicy policy;
    for (const Rule& rule : *test_case.rules) {
      policy.rules.push_back({.succeeded_indexes = rule.succeeded_indexes, .succeeded_count = rule.succeeded_count});
    }
    message = match_success_policy(policy, test_case.completions, succeeded);
  }
  EXPECT_EQ(message.has_value(), !test_case.want_message.empty());
  EXPECT_EQ(message.value_or(""), test_case.want_message);
}

INSTANTIATE_TEST_SUITE_P(Upstream, MatchSuccessPolicyTest, ::testing::ValuesIn(kMatchCases), name_of<MatchCase>);

}  // namespace
}  // namespace jobsim::controllers::job
