// Tests for controllers/job/indexes.hpp: completion-index intervals of Indexed Jobs.
// Ported from upstream pkg/controller/job/indexed_job_utils_test.go (TestCalculateSucceededIndexes,
// TestIntervalsHaveIndex, TestFirstPendingIndexes); case names are upstream's in snake_case and the
// expected intervals are upstream's. The interval text form follows upstream orderedIntervals.String
// (single "x", pair "x,y", longer runs "x-y"), and parsing follows parseIndexesFromString.
#include "jobsim/controllers/job/indexes.hpp"

#include <gtest/gtest.h>

#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>
#include "testing/table.hpp"

namespace jobsim::controllers::job {
namespace {

using jobsim::test_support::name_of;

// Failure output names the case instead of dumping its bytes.
JOBSIM_PRINT_CASES_BY_NAME()

std::string show(const std::vector<Interval>& intervals) {
  std::ostringstream out;
  out << "[";
  for (const Interval& interval : intervals) out << "{" << interval.first << "," << interval.last << "}";
  out << "]";
  return out.str();
}

// Upstream's indexPhase and hollowPodsWithIndexPhase: a pod with only a phase and, unless the
// index is kNoIndex, the completion-index annotation.
constexpr std::string_view kNoIndex = "-";

struct IndexPhase {
  std::string_view index;
  api::PodPhase phase;
};

api::Pod hollow_pod(const IndexPhase& desc) {
  api::Pod pod;
  pod.status.edit().phase = desc.phase;
  if (desc.index != kNoIndex) {
    pod.metadata.edit().annotations[std::string(api::kJobCompletionIndexAnnotation)] = std::string(desc.index);
  }
  pod.metadata.edit().finalizers.emplace_back(api::kJobTrackingFinalizer);
  return pod;
}

// --- TestCalculateSucceededIndexes -----------------------------------------------------------

struct SucceededIndexesCase {
  std::string_view name;
  std::string_view prev_succeeded;  // status.completedIndexes
  std::vector<IndexPhase> pods;
  std::int32_t completions = 0;
  std::vector<Interval> want_status_intervals;
  std::vector<Interval> want_intervals;
};

const SucceededIndexesCase kSucceededIndexesCases[] = {
    {.name = "one_index",
     .pods = {{"1", api::PodPhase::Succeeded}},
     .completions = 2,
     .want_intervals = {{1, 1}}},
    {.name = "two_separate",
     .pods = {{"2", api::PodPhase::Failed},
              {"5", api::PodPhase::Succeeded},
              {"5", api::PodPhase::Succeeded},
              {"10", api::PodPhase::Failed},
              {"10", api::PodPhase::Succeeded}},
     .completions = 11,
     .want_intervals = {{5, 5}, {10, 10}}},
    {.name = "two_intervals",
     .pods = {{"0", api::PodPhase::Running},
              {"1", api::PodPhase::Pending},
              {"2", api::PodPhase::Succeeded},
              {"3", api::PodPhase::Succeeded},
              {"5", api::PodPhase::Succeeded},
              {"6", api::PodPhase::Succeeded},
              {"7", api::PodPhase::Succeeded}},
     .completions = 8,
     .want_intervals = {{2, 3}, {5, 7}}},
    {.name = "one_index_and_one_interval",
     .pods = {{"0", api::PodPhase::Succeeded},
              {"1", api::PodPhase::Failed},
              {"2", api::PodPhase::Succeeded},
              {"3", api::PodPhase::Succeeded},
              {"4", api::PodPhase::Succeeded},
              {"5", api::PodPhase::Succeeded},
              {kNoIndex, api::PodPhase::Succeeded},
              {"-2", api::PodPhase::Succeeded}},
     .completions = 6,
     .want_intervals = {{0, 0}, {2, 5}}},
    {.name = "out_of_range",
     .pods = {{"0", api::PodPhase::Succeeded},
              {"1", api::PodPhase::Succeeded},
              {"2", api::PodPhase::Succeeded},
              {"3", api::PodPhase::Failed},
              {"4", api::PodPhase::Succeeded},
              {"5", api::PodPhase::Succeeded},
              {kNoIndex, api::PodPhase::Succeeded},
              {"-2", api::PodPhase::Succeeded}},
     .completions = 5,
     .want_intervals = {{0, 2}, {4, 4}}},
    {.name = "prev_interval_out_of_range",
     .prev_succeeded = "0-5,8-10",
     .completions = 8,
     .want_status_intervals = {{0, 5}},
     .want_intervals = {{0, 5}}},
    {.name = "prev_interval_partially_out_of_range",
     .prev_succeeded = "0-5,8-10",
     .completions = 10,
     .want_status_intervals = {{0, 5}, {8, 9}},
     .want_intervals = {{0, 5}, {8, 9}}},
    {.name = "prev_and_new_separate",
     .prev_succeeded = "0,4,5,10-12",
     .pods = {{"2", api::PodPhase::Succeeded}, {"7", api::PodPhase::Succeeded}, {"8", api::PodPhase::Succeeded}},
     .completions = 13,
     .want_status_intervals = {{0, 0}, {4, 5}, {10, 12}},
     .want_intervals = {{0, 0}, {2, 2}, {4, 5}, {7, 8}, {10, 12}}},
    {.name = "prev_between_new",
     .prev_succeeded = "3,4,6",
     .pods = {{"2", api::PodPhase::Succeeded}, {"7", api::PodPhase::Succeeded}, {"8", api::PodPhase::Succeeded}},
     .completions = 9,
     .want_status_intervals = {{3, 4}, {6, 6}},
     .want_intervals = {{2, 4}, {6, 8}}},
    {.name = "new_between_prev",
     .prev_succeeded = "2,7,8",
     .pods = {{"3", api::PodPhase::Succeeded}, {"4", api::PodPhase::Succeeded}, {"6", api::PodPhase::Succeeded}},
     .completions = 9,
     .want_status_intervals = {{2, 2}, {7, 8}},
     .want_intervals = {{2, 4}, {6, 8}}},
    {.name = "new_within_prev",
     .prev_succeeded = "2-7",
     .pods = {{"0", api::PodPhase::Succeeded},
              {"3", api::PodPhase::Succeeded},
              {"5", api::PodPhase::Succeeded},
              {"9", api::PodPhase::Succeeded}},
     .completions = 10,
     .want_status_intervals = {{2, 7}},
     .want_intervals = {{0, 0}, {2, 7}, {9, 9}}},
    {.name = "corrupted_interval",
     .prev_succeeded = "0,1-foo,bar",
     .pods = {{"3", api::PodPhase::Succeeded}},
     .completions = 4,
     .want_status_intervals = {{0, 0}},
     .want_intervals = {{0, 0}, {3, 3}}},
};

class CalculateSucceededIndexesTest : public testing::TestWithParam<SucceededIndexesCase> {};

// Mirrors upstream calculateSucceededIndexes: parse the status, then merge the (sorted, unique)
// indexes of succeeded pods whose index is valid and below completions.
TEST_P(CalculateSucceededIndexesTest, parses_status_and_merges_new_indexes) {
  const SucceededIndexesCase& c = GetParam();
  const OrderedIntervals status = OrderedIntervals::parse(c.prev_succeeded, c.completions);
  EXPECT_EQ(status.intervals(), c.want_status_intervals)
      << "status got " << show(status.intervals()) << " want " << show(c.want_status_intervals);

  std::set<std::int32_t> new_succeeded;
  for (const IndexPhase& desc : c.pods) {
    const api::Pod pod = hollow_pod(desc);
    const std::int32_t index = get_completion_index(pod);
    if (pod.status->phase == api::PodPhase::Succeeded && index != kUnknownCompletionIndex && index < c.completions) {
      new_succeeded.insert(index);
    }
  }
  const OrderedIntervals merged =
      status.with_ordered_indexes(std::vector<std::int32_t>(new_succeeded.begin(), new_succeeded.end()));
  EXPECT_EQ(merged.intervals(), c.want_intervals)
      << "merged got " << show(merged.intervals()) << " want " << show(c.want_intervals);
}

INSTANTIATE_TEST_SUITE_P(Upstream, CalculateSucceededIndexesTest, testing::ValuesIn(kSucceededIndexesCases),
                         name_of<SucceededIndexesCase>);

// --- with_ordered_indexes keeps upstream's merge of repeated indexes -------------------------

TEST(WithOrderedIndexesTest, repeated_new_indexes_merge_into_one_interval) {
  // Upstream withOrderedIndexes appends or merges each index into the last interval, so a
  // repeated index (as in the "two_separate" pods 5, 5) never creates a second interval.
  const OrderedIntervals merged = OrderedIntervals{}.with_ordered_indexes({5, 5, 10, 10});
  const std::vector<Interval> want = {{5, 5}, {10, 10}};
  EXPECT_EQ(merged.intervals(), want) << show(merged.intervals());
}

TEST(WithOrderedIndexesTest, does_not_modify_the_original) {
  const OrderedIntervals original = OrderedIntervals::parse("1,3", 10);
  const OrderedIntervals merged = original.with_ordered_indexes({2});
  const std::vector<Interval> want_original = {{1, 1}, {3, 3}};
  const std::vector<Interval> want_merged = {{1, 3}};
  EXPECT_EQ(original.intervals(), want_original) << show(original.intervals());
  EXPECT_EQ(merged.intervals(), want_merged) << show(merged.intervals());
}

// --- String and total --------------------------------------------------------------------------

struct TextCase {
  std::string_view name;
  std::string_view text;
  std::int32_t completions = 100;
  std::string_view want_text;
  std::int32_t want_total = 0;
};

const TextCase kTextCases[] = {
    {.name = "empty", .text = "", .want_text = "", .want_total = 0},
    {.name = "single", .text = "3", .want_text = "3", .want_total = 1},
    {.name = "pair_is_written_with_a_comma", .text = "4-5", .want_text = "4,5", .want_total = 2},
    {.name = "run_of_three_is_a_range", .text = "7,8,9", .want_text = "7-9", .want_total = 3},
    {.name = "reference_example", .text = "2,4,5,7-9", .want_text = "2,4,5,7-9", .want_total = 6},
    {.name = "adjacent_parts_merge", .text = "0-2,3,4-6", .want_text = "0-6", .want_total = 7},
    {.name = "prev_and_new_separate_status", .text = "0,4,5,10-12", .want_text = "0,4,5,10-12", .want_total = 6},
    {.name = "range_clipped_to_completions", .text = "0-5,8-10", .completions = 10, .want_text = "0-5,8,9",
     .want_total = 8},
    {.name = "corrupted_parts_are_skipped", .text = "0,1-foo,bar", .completions = 4, .want_text = "0",
     .want_total = 1},
};

class IntervalsTextTest : public testing::TestWithParam<TextCase> {};

TEST_P(IntervalsTextTest, formats_like_upstream_string) {
  const TextCase& c = GetParam();
  const OrderedIntervals intervals = OrderedIntervals::parse(c.text, c.completions);
  EXPECT_EQ(intervals.to_string(), c.want_text);
  EXPECT_EQ(intervals.total(), c.want_total);
}

INSTANTIATE_TEST_SUITE_P(Table, IntervalsTextTest, testing::ValuesIn(kTextCases), name_of<TextCase>);

// --- TestIntervalsHaveIndex --------------------------------------------------------------------

struct HasIndexCase {
  std::string_view name;
  std::string_view intervals;
  std::int32_t index = 0;
  bool want_has = false;
};

const HasIndexCase kHasIndexCases[] = {
    {.name = "empty", .intervals = "", .index = 4},
    {.name = "before_all", .intervals = "2-4,5-7", .index = 1},
    {.name = "after_all", .intervals = "2-4,6-8", .index = 9},
    {.name = "in_between", .intervals = "2-4,6-8", .index = 5},
    {.name = "in_first", .intervals = "2-4,6-8", .index = 2, .want_has = true},
    {.name = "in_second", .intervals = "2-4,6-8", .index = 8, .want_has = true},
};

class IntervalsHaveIndexTest : public testing::TestWithParam<HasIndexCase> {};

TEST_P(IntervalsHaveIndexTest, has) {
  const HasIndexCase& c = GetParam();
  EXPECT_EQ(OrderedIntervals::parse(c.intervals, 100).has(c.index), c.want_has);
}

INSTANTIATE_TEST_SUITE_P(Upstream, IntervalsHaveIndexTest, testing::ValuesIn(kHasIndexCases), name_of<HasIndexCase>);

// --- TestFirstPendingIndexes -------------------------------------------------------------------

struct FirstPendingCase {
  std::string_view name;
  std::int32_t cnt = 0;
  std::int32_t completions = 0;
  std::vector<IndexPhase> active_pods;
  std::string_view succeeded_indexes;
  std::string_view failed_indexes;
  std::vector<std::int32_t> want;
};

const FirstPendingCase kFirstPendingCases[] = {
    {.name = "cnt_greater_than_completions", .cnt = 5, .completions = 3, .want = {0, 1, 2}},
    {.name = "cnt_less_than_completions", .cnt = 2, .completions = 5, .want = {0, 1}},
    {.name = "first_pods_active",
     .cnt = 3,
     .completions = 10,
     .active_pods = {{"0", api::PodPhase::Running}, {"1", api::PodPhase::Pending}},
     .want = {2, 3, 4}},
    {.name = "last_pods_active_or_succeeded",
     .cnt = 6,
     .completions = 6,
     .active_pods = {{"6", api::PodPhase::Pending}},
     .succeeded_indexes = "4,5",
     .want = {0, 1, 2, 3}},
    {.name = "mixed",
     .cnt = 5,
     .completions = 20,
     .active_pods = {{"3", api::PodPhase::Pending},
                     {"5", api::PodPhase::Running},
                     {"8", api::PodPhase::Pending},
                     {kNoIndex, api::PodPhase::Running},
                     {"-3", api::PodPhase::Running}},
     .succeeded_indexes = "2-4,9",
     .want = {0, 1, 6, 7, 10}},
    {.name = "with_failed_indexes",
     .cnt = 5,
     .completions = 20,
     .active_pods = {{"3", api::PodPhase::Pending}, {"9", api::PodPhase::Pending}},
     .succeeded_indexes = "1,5,9",
     .failed_indexes = "2,6,7",
     .want = {0, 4, 8, 10, 11}},
};

class FirstPendingIndexesTest : public testing::TestWithParam<FirstPendingCase> {};

TEST_P(FirstPendingIndexesTest, lowest_indexes_not_succeeded_active_or_failed) {
  const FirstPendingCase& c = GetParam();
  std::vector<std::int32_t> excluded;
  for (const IndexPhase& desc : c.active_pods) excluded.push_back(get_completion_index(hollow_pod(desc)));
  const OrderedIntervals failed = OrderedIntervals::parse(c.failed_indexes, c.completions);
  for (const Interval& interval : failed.intervals()) {
    for (std::int32_t index = interval.first; index <= interval.last; ++index) excluded.push_back(index);
  }
  const OrderedIntervals succeeded = OrderedIntervals::parse(c.succeeded_indexes, c.completions);
  EXPECT_EQ(first_pending_indexes(succeeded, excluded, c.cnt, c.completions), c.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, FirstPendingIndexesTest, testing::ValuesIn(kFirstPendingCases),
                         name_of<FirstPendingCase>);

// --- getCompletionIndex ------------------------------------------------------------------------

struct CompletionIndexCase {
  std::string_view name;
  std::string_view annotation;  // kNoIndex: no annotation
  std::int32_t want = kUnknownCompletionIndex;
};

const CompletionIndexCase kCompletionIndexCases[] = {
    {.name = "no_annotation", .annotation = kNoIndex},
    {.name = "valid", .annotation = "3", .want = 3},
    {.name = "zero", .annotation = "0", .want = 0},
    {.name = "negative_is_unknown", .annotation = "-2"},
    {.name = "not_a_number_is_unknown", .annotation = "invalid"},
    {.name = "empty_is_unknown", .annotation = ""},
};

class GetCompletionIndexTest : public testing::TestWithParam<CompletionIndexCase> {};

TEST_P(GetCompletionIndexTest, reads_the_annotation) {
  const CompletionIndexCase& c = GetParam();
  EXPECT_EQ(get_completion_index(hollow_pod({c.annotation, api::PodPhase::Running})), c.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, GetCompletionIndexTest, testing::ValuesIn(kCompletionIndexCases),
                         name_of<CompletionIndexCase>);

}  // namespace
}  // namespace jobsim::controllers::job
