// Tests for controllers/job/index_failures.hpp: the per-index failure record of
// backoffLimitPerIndex. Ported from upstream pkg/controller/job/indexed_job_utils_test.go
// (TestIsIndexFailed, TestCalculateFailedIndexes, TestGetPodsWithDelayedDeletionPerIndex,
// TestGetNewIndexFailureCountValue); case names are upstream's in snake_case and expectations
// are upstream's. The annotation parsing and per-index backoff cases follow
// parseIndexFailureCountAnnotation / parseInt32 and backoff_utils.go getRemainingTimePerIndex.
#include "jobsim/controllers/job/index_failures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "testing/table.hpp"

namespace jobsim::controllers::job {
namespace {

using namespace std::chrono_literals;
using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

const api::SimTime kNow = api::SimTime{} + 1000h;

// Upstream's buildPod().uid().indexFailureCount().phase().index().trackingFinalizer().
struct PodDesc {
  std::string_view uid;
  std::string_view index;
  std::string_view failure_count;
  api::PodPhase phase = api::PodPhase::Failed;
  bool tracking_finalizer = true;
  std::optional<api::Duration> deletion_before_now;  // customDeletionTimestamp(now - d)
  std::optional<std::int32_t> exit_code;             // one terminated container with this code
  std::optional<std::string_view> condition;         // a True pod condition of this type
};

api::Pod build_pod(const PodDesc& desc) {
  api::Pod pod;
  pod.metadata.edit().uid = std::string(desc.uid);
  pod.metadata.edit().name = "pod-" + std::string(desc.uid);
  pod.metadata.edit().creation_timestamp = kNow - 1h;
  pod.status.edit().phase = desc.phase;
  pod.metadata.edit().annotations[std::string(api::kJobCompletionIndexAnnotation)] = std::string(desc.index);
  pod.metadata.edit().annotations[std::string(kJobIndexFailureCountAnnotation)] = std::string(desc.failure_count);
  if (desc.tracking_finalizer) pod.metadata.edit().finalizers.emplace_back(api::kJobTrackingFinalizer);
  if (desc.deletion_before_now) pod.metadata.edit().deletion_timestamp = kNow - *desc.deletion_before_now;
  if (desc.exit_code) {
    api::ContainerStatus status;
    status.name = "main";
    status.state.kind = api::ContainerStateKind::Terminated;
    status.state.exit_code = *desc.exit_code;
    pod.status.edit().container_statuses.push_back(status);
  }
  if (desc.condition) pod.status.edit().conditions.push_back({.type = std::string(*desc.condition)});
  return pod;
}

api::Job indexed_job(std::int32_t completions, std::int32_t backoff_limit_per_index) {
  api::Job job;
  job.spec.edit().completion_mode = api::CompletionMode::Indexed;
  job.spec.edit().completions = completions;
  job.spec.edit().backoff_limit_per_index = backoff_limit_per_index;
  return job;
}

api::PodFailurePolicy policy(api::PodFailurePolicyAction action, std::optional<std::int32_t> exit_code,
                             std::optional<std::string> condition = std::nullopt) {
  api::PodFailurePolicyRule rule{.action = action};
  if (exit_code) rule.on_exit_codes = api::PodFailurePolicyOnExitCodesRequirement{.values = {*exit_code}};
  if (condition) rule.on_pod_conditions.push_back({.type = *condition});
  return {.rules = {rule}};
}

std::vector<const api::Pod*> pointers(const std::vector<api::Pod>& pods) {
  std::vector<const api::Pod*> result;
  for (const api::Pod& pod : pods) result.push_back(&pod);
  return result;
}

// --- TestIsIndexFailed ---------------------------------------------------------------------

struct IsIndexFailedCase {
  std::string_view name;
  std::int32_t backoff_limit_per_index = 0;
  std::optional<api::PodFailurePolicy> pod_failure_policy;
  PodDesc pod;
  bool want = false;
};

const IsIndexFailedCase kIsIndexFailedCases[] = {
    {.name = "failed_pod_exceeding_backoff_limit_per_index_when_backoff_limit_per_index_0",
     .backoff_limit_per_index = 0,
     .pod = {.uid = "a", .index = "0", .failure_count = "0"},
     .want = true},
    {.name = "failed_pod_exceeding_backoff_limit_per_index_when_backoff_limit_per_index_1",
     .backoff_limit_per_index = 1,
     .pod = {.uid = "a", .index = "1", .failure_count = "1"},
     .want = true},
    {.name = "matching_fail_index_pod_failure_policy",
     .backoff_limit_per_index = 1,
     .pod_failure_policy = policy(api::PodFailurePolicyAction::FailIndex, 3),
     .pod = {.uid = "a", .index = "0", .failure_count = "0", .exit_code = 3},
     .want = true},
    // Not upstream cases; they follow isIndexFailed: below the limit, an Ignore match, a
    // running pod.
    {.name = "failed_pod_below_backoff_limit_per_index",
     .backoff_limit_per_index = 2,
     .pod = {.uid = "a", .index = "0", .failure_count = "1"},
     .want = false},
    {.name = "ignored_failure_does_not_fail_the_index",
     .backoff_limit_per_index = 0,
     .pod_failure_policy = policy(api::PodFailurePolicyAction::Ignore, std::nullopt, "DisruptionTarget"),
     .pod = {.uid = "a", .index = "0", .failure_count = "0", .condition = "DisruptionTarget"},
     .want = false},
    {.name = "running_pod_does_not_fail_the_index",
     .backoff_limit_per_index = 0,
     .pod = {.uid = "a", .index = "0", .failure_count = "5", .phase = api::PodPhase::Running},
     .want = false},
};

class IsIndexFailedTest : public ::testing::TestWithParam<IsIndexFailedCase> {};

TEST_P(IsIndexFailedTest, as_upstream) {
  const IsIndexFailedCase& test_case = GetParam();
  api::Job job = indexed_job(2, test_case.backoff_limit_per_index);
  job.spec.edit().pod_failure_policy = test_case.pod_failure_policy;
  EXPECT_EQ(is_index_failed(job, build_pod(test_case.pod)), test_case.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, IsIndexFailedTest, ::testing::ValuesIn(kIsIndexFailedCases),
                         name_of<IsIndexFailedCase>);

// --- TestCalculateFailedIndexes ------------------------------------------------------------

struct FailedIndexesCase {
  std::string_view name;
  std::int32_t backoff_limit_per_index = 0;
  std::optional<std::string> prev_failed_indexes;  // status.failedIndexes
  std::vector<PodDesc> pods;
  std::string_view want;  // interval text
};

const FailedIndexesCase kFailedIndexesCases[] = {
    {.name = "one_new_index_failed",
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a", .index = "0", .failure_count = "0"}, {.uid = "b", .index = "1", .failure_count = "1"}},
     .want = "1"},
    {.name = "pod_without_finalizer_is_ignored",
     .pods = {{.uid = "a", .index = "0", .failure_count = "0", .tracking_finalizer = false}},
     .want = ""},
    {.name = "pod_outside_completions_is_ignored",
     .pods = {{.uid = "a", .index = "3", .failure_count = "0", .tracking_finalizer = false}},
     .want = ""},
    {.name = "extend_the_failed_indexes",
     .prev_failed_indexes = "0",
     .pods = {{.uid = "a", .index = "1", .failure_count = "0"}},
     .want = "0,1"},
    {.name = "prev_failed_indexes_empty",
     .prev_failed_indexes = "",
     .pods = {{.uid = "a", .index = "1", .failure_count = "0"}},
     .want = "1"},
    {.name = "prev_failed_indexes_outside_the_completions",
     .prev_failed_indexes = "9",
     .pods = {{.uid = "a", .index = "1", .failure_count = "0"}},
     .want = "1"},
};

class CalculateFailedIndexesTest : public ::testing::TestWithParam<FailedIndexesCase> {};

TEST_P(CalculateFailedIndexesTest, as_upstream) {
  const FailedIndexesCase& test_case = GetParam();
  api::Job job = indexed_job(2, test_case.backoff_limit_per_index);
  job.status.edit().failed_indexes = test_case.prev_failed_indexes;
  std::vector<api::Pod> pods;
  for (const PodDesc& desc : test_case.pods) pods.push_back(build_pod(desc));
  EXPECT_EQ(calculate_failed_indexes(job, pointers(pods)).to_string(), test_case.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, CalculateFailedIndexesTest, ::testing::ValuesIn(kFailedIndexesCases),
                         name_of<FailedIndexesCase>);

// --- TestGetPodsWithDelayedDeletionPerIndex ------------------------------------------------

struct DelayedDeletionCase {
  std::string_view name;
  std::int32_t completions = 2;
  std::int32_t backoff_limit_per_index = 0;
  std::vector<PodDesc> pods;
  std::vector<std::string_view> want_uids;  // sorted
};

const DelayedDeletionCase kDelayedDeletionCases[] = {
    {.name = "failed_pods_are_kept_corresponding_to_non_failed_indexes_are_kept",
     .completions = 3,
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a", .index = "0", .failure_count = "0"},
              {.uid = "b", .index = "1", .failure_count = "1"},
              {.uid = "c", .index = "2", .failure_count = "0"}},
     .want_uids = {"a", "c"}},
    {.name = "failed_pod_without_finalizer_the_pods_deletion_is_not_delayed_as_it_already_started",
     .pods = {{.uid = "a", .index = "0", .failure_count = "0", .tracking_finalizer = false}},
     .want_uids = {}},
    {.name = "failed_pod_with_index_outside_of_completions_the_pods_deletion_is_not_delayed",
     .pods = {{.uid = "a", .index = "4", .failure_count = "0"}},
     .want_uids = {}},
    {.name = "failed_pod_for_active_index_the_pods_deletion_is_not_delayed_as_it_is_already_replaced",
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a1", .index = "0", .failure_count = "0"},
              {.uid = "a2", .index = "0", .failure_count = "1", .phase = api::PodPhase::Running}},
     .want_uids = {}},
    {.name = "failed_pod_for_succeeded_index_the_pods_deletion_is_not_delayed_as_it_is_already_replaced",
     .backoff_limit_per_index = 1,
     .pods = {{.uid = "a1", .index = "0", .failure_count = "0"},
              {.uid = "a2", .index = "0", .failure_count = "1", .phase = api::PodPhase::Succeeded}},
     .want_uids = {}},
    {.name = "multiple_failed_pods_for_index_with_different_failure_count_only_the_pod_with_highest_failure_count_is_kept",
     .backoff_limit_per_index = 4,
     .pods = {{.uid = "a1", .index = "0", .failure_count = "0"},
              {.uid = "a3", .index = "0", .failure_count = "2"},
              {.uid = "a2", .index = "0", .failure_count = "1"}},
     .want_uids = {"a3"}},
    {.name = "multiple_failed_pods_for_index_with_different_finish_times_only_the_last_failed_pod_is_kept",
     .backoff_limit_per_index = 4,
     .pods = {{.uid = "a1", .index = "0", .failure_count = "1", .deletion_before_now = 1s},
              {.uid = "a3", .index = "0", .failure_count = "1", .deletion_before_now = 0s},
              {.uid = "a2", .index = "0", .failure_count = "1", .deletion_before_now = 2s}},
     .want_uids = {"a3"}},
};

class DelayedDeletionTest : public ::testing::TestWithParam<DelayedDeletionCase> {};

TEST_P(DelayedDeletionTest, as_upstream) {
  const DelayedDeletionCase& test_case = GetParam();
  const api::Job job = indexed_job(test_case.completions, test_case.backoff_limit_per_index);
  std::vector<api::Pod> pods;
  for (const PodDesc& desc : test_case.pods) pods.push_back(build_pod(desc));
  const std::vector<const api::Pod*> all = pointers(pods);
  OrderedIntervals succeeded;
  std::vector<std::int32_t> succeeded_indexes;
  for (const api::Pod& pod : pods) {
    if (pod.status->phase == api::PodPhase::Succeeded) succeeded_indexes.push_back(get_completion_index(pod));
  }
  succeeded = succeeded.with_ordered_indexes(succeeded_indexes);
  const OrderedIntervals failed = calculate_failed_indexes(job, all);
  std::vector<std::string_view> got;
  for (const auto& [index, position] : pods_with_delayed_deletion_per_index(job, all, succeeded, failed)) {
    got.push_back(pods[position].metadata->uid);
  }
  std::ranges::sort(got);
  EXPECT_EQ(got, test_case.want_uids);
}

INSTANTIATE_TEST_SUITE_P(Upstream, DelayedDeletionTest, ::testing::ValuesIn(kDelayedDeletionCases),
                         name_of<DelayedDeletionCase>);

// --- TestGetNewIndexFailureCountValue ------------------------------------------------------

struct NewCountsCase {
  std::string_view name;
  std::optional<api::PodFailurePolicy> pod_failure_policy;
  std::optional<PodDesc> pod;  // the pod being replaced
  IndexFailureCounts want;
};

const NewCountsCase kNewCountsCases[] = {
    {.name = "first_pod_created", .want = {0, 0}},
    {.name = "failed_pod_being_replaced_with_0_index_failure_count",
     .pod = PodDesc{.uid = "a", .index = "0", .failure_count = "0"},
     .want = {1, 0}},
    {.name = "failed_pod_being_replaced_with_more_than_0_index_failure_count",
     .pod = PodDesc{.uid = "a", .index = "0", .failure_count = "3"},
     .want = {4, 0}},
    {.name = "failed_pod_being_replaced_matching_the_ignore_rule",
     .pod_failure_policy = policy(api::PodFailurePolicyAction::Ignore, std::nullopt, "DisruptionTarget"),
     .pod = PodDesc{.uid = "a", .index = "3", .failure_count = "3", .condition = "DisruptionTarget"},
     .want = {3, 1}},
};

class NewIndexFailureCountsTest : public ::testing::TestWithParam<NewCountsCase> {};

TEST_P(NewIndexFailureCountsTest, as_upstream) {
  const NewCountsCase& test_case = GetParam();
  api::Job job;
  job.spec.edit().pod_failure_policy = test_case.pod_failure_policy;
  std::optional<api::Pod> pod;
  if (test_case.pod) pod = build_pod(*test_case.pod);
  EXPECT_EQ(get_new_index_failure_counts(job, pod ? &*pod : nullptr), test_case.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, NewIndexFailureCountsTest, ::testing::ValuesIn(kNewCountsCases),
                         name_of<NewCountsCase>);

// --- annotation parsing (parseIndexFailureCountAnnotation, parseInt32) ----------------------

struct AnnotationCase {
  std::string_view name;
  std::optional<std::string> failure_count;
  std::optional<std::string> ignored_count;
  std::int32_t want_count = 0;
  std::int32_t want_absolute = 0;
};

const AnnotationCase kAnnotationCases[] = {
    {.name = "no_annotations_read_as_zero"},
    {.name = "both_annotations_add_up", .failure_count = "2", .ignored_count = "3", .want_count = 2, .want_absolute = 5},
    {.name = "unparsable_value_reads_as_zero", .failure_count = "two", .ignored_count = "1", .want_absolute = 1},
    {.name = "negative_value_reads_as_zero", .failure_count = "-1"},
    {.name = "value_above_max_int32_reads_as_zero", .failure_count = "2147483648"},
    {.name = "max_int32_is_kept", .failure_count = "2147483647", .want_count = 2147483647, .want_absolute = 2147483647},
    // Upstream sums two int32 values: the sum wraps as in Go.
    {.name = "absolute_count_wraps_like_go_int32",
     .failure_count = "2147483647",
     .ignored_count = "1",
     .want_count = 2147483647,
     .want_absolute = -2147483647 - 1},
};

class IndexFailureAnnotationTest : public ::testing::TestWithParam<AnnotationCase> {};

TEST_P(IndexFailureAnnotationTest, parses_like_upstream) {
  const AnnotationCase& test_case = GetParam();
  api::Pod pod;
  if (test_case.failure_count) {
    pod.metadata.edit().annotations[std::string(kJobIndexFailureCountAnnotation)] = *test_case.failure_count;
  }
  if (test_case.ignored_count) {
    pod.metadata.edit().annotations[std::string(kJobIndexIgnoredFailureCountAnnotation)] = *test_case.ignored_count;
  }
  EXPECT_EQ(get_index_failure_count(pod), test_case.want_count);
  EXPECT_EQ(get_index_absolute_failure_count(pod), test_case.want_absolute);
}

INSTANTIATE_TEST_SUITE_P(Upstream, IndexFailureAnnotationTest, ::testing::ValuesIn(kAnnotationCases),
                         name_of<AnnotationCase>);

// --- getRemainingTimePerIndex ----------------------------------------------------------------

struct RemainingCase {
  std::string_view name;
  std::optional<std::string> failure_count;  // nullopt: no failed pod
  std::optional<std::string> ignored_count;
  api::Duration since_failure{};
  api::Duration want{};
};

// n = absolute count + 1; backoff = 10 s · 2^(n-1), capped at 600 s; minus the time since the
// failed pod finished (its deletion timestamp here).
const RemainingCase kRemainingCases[] = {
    {.name = "no_failed_pod_no_delay", .want = 0s},
    {.name = "first_failure_waits_10s", .failure_count = "0", .since_failure = 0s, .want = 10s},
    {.name = "first_failure_4s_ago_waits_6s", .failure_count = "0", .since_failure = 4s, .want = 6s},
    {.name = "third_failure_waits_40s", .failure_count = "2", .since_failure = 0s, .want = 40s},
    {.name = "ignored_failures_count_for_the_backoff", .failure_count = "1", .ignored_count = "1", .want = 40s},
    {.name = "capped_at_600s", .failure_count = "9", .since_failure = 100s, .want = 500s},
    {.name = "backoff_over", .failure_count = "0", .since_failure = 11s, .want = 0s},
};

class RemainingTimePerIndexTest : public ::testing::TestWithParam<RemainingCase> {};

TEST_P(RemainingTimePerIndexTest, from_the_last_failed_pod) {
  const RemainingCase& test_case = GetParam();
  std::optional<api::Pod> pod;
  if (test_case.failure_count) {
    pod = build_pod({.uid = "a", .index = "0", .failure_count = *test_case.failure_count});
    pod->metadata.edit().deletion_timestamp = kNow - test_case.since_failure;
    if (test_case.ignored_count) {
      pod->metadata.edit().annotations[std::string(kJobIndexIgnoredFailureCountAnnotation)] = *test_case.ignored_count;
    }
  }
  EXPECT_EQ(get_remaining_time_per_index(pod ? &*pod : nullptr, kNow, 10s, 600s), test_case.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, RemainingTimePerIndexTest, ::testing::ValuesIn(kRemainingCases),
                         name_of<RemainingCase>);

}  // namespace
}  // namespace jobsim::controllers::job
