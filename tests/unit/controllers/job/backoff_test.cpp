// Tests for controllers/job/backoff.hpp: the Job controller's pod-recreation backoff.
// Ported from upstream pkg/controller/job/backoff_utils_test.go (TestNewBackoffRecord,
// TestGetFinishedTime, TestGetRemainingBackoffTime); case names are upstream's in snake_case and
// every expected value is upstream's. Not ported: the sidecar case of TestGetFinishedTime (the
// model has no init container statuses) and TestGetRemainingBackoffTimePerIndex (no per-index API).
#include "jobsim/controllers/job/backoff.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/engine/time.hpp"
#include "testing/table.hpp"

namespace jobsim::controllers::job {
namespace {

using namespace std::chrono_literals;
using api::Duration;
using api::SimTime;

// Upstream's defaultTestTime: 2009-11-10T23:00:00Z.
constexpr SimTime kDefaultTestTime{std::chrono::seconds{1257894000}};

using jobsim::test_support::name_of;

// Failure output names the case instead of dumping its bytes.
JOBSIM_PRINT_CASES_BY_NAME()

std::string show(const BackoffRecord& record) {
  std::ostringstream out;
  out << "{failures_after_last_success: " << record.failures_after_last_success << ", last_failure_time: ";
  if (record.last_failure_time) {
    out << *record.last_failure_time;
  } else {
    out << "none";
  }
  out << "}";
  return out.str();
}

// A pod whose only container terminated at `finished_at` (upstream's test pods).
api::Pod pod_finished_at(api::PodPhase phase, SimTime finished_at) {
  api::Pod pod;
  pod.status.edit().phase = phase;
  pod.status.edit().container_statuses.push_back(
      {.state = {.kind = api::ContainerStateKind::Terminated, .finished_at = finished_at}});
  return pod;
}

// --- TestNewBackoffRecord --------------------------------------------------------------------

struct NewBackoffRecordCase {
  std::string_view name;
  BackoffRecord previous;                   // the store's record before this sync
  std::vector<Duration> new_succeeded;      // finish times, relative to kDefaultTestTime
  std::vector<Duration> new_failed;
  BackoffRecord want;
};

const NewBackoffRecordCase kNewBackoffRecordCases[] = {
    {.name = "empty_backoff_store_and_one_new_failure",
     .new_failed = {0ms},
     .want = {.failures_after_last_success = 1, .last_failure_time = kDefaultTestTime}},
    {.name = "empty_backoff_store_and_two_new_failures",
     .new_failed = {0ms, -1ms},
     .want = {.failures_after_last_success = 2, .last_failure_time = kDefaultTestTime}},
    {.name = "empty_backoff_store_two_failures_followed_by_success",
     .new_succeeded = {0ms},
     .new_failed = {-2ms, -1ms},
     .want = {.failures_after_last_success = 0}},
    {.name = "empty_backoff_store_two_failures_one_success_and_two_more_failures",
     .new_succeeded = {-2ms},
     .new_failed = {0ms, -4ms, -3ms, -1ms},
     .want = {.failures_after_last_success = 2, .last_failure_time = kDefaultTestTime}},
    {.name = "backoff_store_having_failure_count_2_and_one_new_failure",
     .previous = {.failures_after_last_success = 2},
     .new_failed = {0ms},
     .want = {.failures_after_last_success = 3, .last_failure_time = kDefaultTestTime}},
    {.name = "empty_backoff_store_with_success_and_failure_at_same_timestamp",
     .new_succeeded = {0ms},
     .new_failed = {0ms},
     .want = {.failures_after_last_success = 0}},
    {.name = "empty_backoff_store_with_no_success_failure", .want = {.failures_after_last_success = 0}},
    {.name = "empty_backoff_store_with_one_success",
     .new_succeeded = {0ms},
     .want = {.failures_after_last_success = 0}},
    // Not in upstream's table, but upstream's newBackoffRecord: no new pods returns the stored
    // record unchanged, and a new success alone resets it.
    {.name = "existing_record_and_no_new_pods_is_unchanged",
     .previous = {.failures_after_last_success = 4, .last_failure_time = kDefaultTestTime - 30s},
     .want = {.failures_after_last_success = 4, .last_failure_time = kDefaultTestTime - 30s}},
    {.name = "existing_record_and_one_new_success_resets",
     .previous = {.failures_after_last_success = 4, .last_failure_time = kDefaultTestTime - 30s},
     .new_succeeded = {0ms},
     .want = {.failures_after_last_success = 0}},
};

class NewBackoffRecordTest : public testing::TestWithParam<NewBackoffRecordCase> {};

TEST_P(NewBackoffRecordTest, folds_new_pods_into_the_record) {
  const NewBackoffRecordCase& c = GetParam();
  std::vector<api::Pod> succeeded;
  std::vector<api::Pod> failed;
  for (Duration offset : c.new_succeeded) {
    succeeded.push_back(pod_finished_at(api::PodPhase::Succeeded, kDefaultTestTime + offset));
  }
  for (Duration offset : c.new_failed) failed.push_back(pod_finished_at(api::PodPhase::Failed, kDefaultTestTime + offset));
  std::vector<const api::Pod*> succeeded_ptrs;
  std::vector<const api::Pod*> failed_ptrs;
  for (const api::Pod& pod : succeeded) succeeded_ptrs.push_back(&pod);
  for (const api::Pod& pod : failed) failed_ptrs.push_back(&pod);

  const BackoffRecord got = new_backoff_record(c.previous, succeeded_ptrs, failed_ptrs);
  EXPECT_EQ(got, c.want) << "got " << show(got) << "\nwant " << show(c.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, NewBackoffRecordTest, testing::ValuesIn(kNewBackoffRecordCases),
                         name_of<NewBackoffRecordCase>);

// --- TestGetFinishedTime ---------------------------------------------------------------------

api::ContainerStatus terminated_at(SimTime finished_at) {
  return {.state = {.kind = api::ContainerStateKind::Terminated, .finished_at = finished_at}};
}
// Terminated with a zero finishedAt (upstream's `Terminated: &v1.ContainerStateTerminated{}`).
api::ContainerStatus terminated_without_time() { return {.state = {.kind = api::ContainerStateKind::Terminated}}; }
api::ContainerStatus running() { return {.state = {.kind = api::ContainerStateKind::Running}}; }

struct FinishedTimeCase {
  std::string_view name;
  api::Pod pod;
  SimTime want;
};

const FinishedTimeCase kFinishedTimeCases[] = {
    {.name = "pod_with_multiple_containers_and_all_containers_terminated",
     .pod = {.status = api::PodStatus{.container_statuses = {terminated_at(kDefaultTestTime - 1s), terminated_at(kDefaultTestTime),
                                               terminated_at(kDefaultTestTime - 2s)}}},
     .want = kDefaultTestTime},
    {.name = "pod_with_multiple_containers_two_containers_in_terminated_state_and_one_in_running_state_fallback_to_"
             "deletion_timestamp",
     .pod = {.metadata = api::ObjectMeta{.deletion_timestamp = kDefaultTestTime},
             .status = api::PodStatus{.container_statuses = {terminated_at(kDefaultTestTime - 1s), running(),
                                               terminated_at(kDefaultTestTime - 2s)}}},
     .want = kDefaultTestTime},
    {.name = "fallback_to_deletion_timestamp",
     .pod = {.metadata = api::ObjectMeta{.deletion_timestamp = kDefaultTestTime}, .status = api::PodStatus{.container_statuses = {running()}}},
     .want = kDefaultTestTime},
    {.name = "fallback_to_deletion_timestamp_decremented_by_grace_period",
     .pod = {.metadata = api::ObjectMeta{.deletion_timestamp = kDefaultTestTime, .deletion_grace_period_seconds = 30},
             .status = api::PodStatus{.container_statuses = {running()}}},
     .want = kDefaultTestTime - 30s},
    {.name = "fallback_to_pod_ready_last_transition_time_when_status_of_the_condition_is_false",
     .pod = {.status = api::PodStatus{.conditions = {{.type = "Ready",
                                        .status = api::ConditionStatus::False,
                                        .reason = "PodFailed",
                                        .last_transition_time = kDefaultTestTime}},
                        .container_statuses = {terminated_without_time()}}},
     .want = kDefaultTestTime},
    {.name = "skip_fallback_to_pod_ready_last_transition_time_when_status_of_the_condition_is_true",
     .pod = {.metadata = api::ObjectMeta{.deletion_timestamp = kDefaultTestTime},
             .status = api::PodStatus{.conditions = {{.type = "Ready",
                                        .status = api::ConditionStatus::True,
                                        .last_transition_time = kDefaultTestTime - 30s}},
                        .container_statuses = {terminated_without_time()}}},
     .want = kDefaultTestTime},
    {.name = "fallback_to_creation_timestamp",
     .pod = {.metadata = api::ObjectMeta{.creation_timestamp = kDefaultTestTime},
             .status = api::PodStatus{.container_statuses = {terminated_without_time()}}},
     .want = kDefaultTestTime},
};

class GetFinishedTimeTest : public testing::TestWithParam<FinishedTimeCase> {};

TEST_P(GetFinishedTimeTest, picks_the_upstream_fallback) {
  const FinishedTimeCase& c = GetParam();
  EXPECT_EQ(get_finished_time(c.pod), c.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, GetFinishedTimeTest, testing::ValuesIn(kFinishedTimeCases),
                         name_of<FinishedTimeCase>);

// --- TestGetRemainingBackoffTime -------------------------------------------------------------

struct RemainingTimeCase {
  std::string_view name;
  BackoffRecord record;
  SimTime now = kDefaultTestTime;
  Duration default_backoff = 5s;
  Duration max_backoff = 700s;
  Duration want;
};

const RemainingTimeCase kRemainingTimeCases[] = {
    {.name = "no_failures", .record = {.failures_after_last_success = 0}, .want = 0s},
    {.name = "one_failure_current_time_and_failure_time_are_same",
     .record = {.failures_after_last_success = 1, .last_failure_time = kDefaultTestTime},
     .want = 5s},
    {.name = "one_failure_current_time_equals_1_second_plus_failure_time",
     .record = {.failures_after_last_success = 1, .last_failure_time = kDefaultTestTime},
     .now = kDefaultTestTime + 1s,
     .want = 4s},
    {.name = "one_failure_current_time_equals_expected_backoff_time",
     .record = {.failures_after_last_success = 1, .last_failure_time = kDefaultTestTime},
     .now = kDefaultTestTime + 5s,
     .want = 0s},
    {.name = "one_failure_current_time_equals_expected_backoff_time_plus_1_second",
     .record = {.failures_after_last_success = 1, .last_failure_time = kDefaultTestTime},
     .now = kDefaultTestTime + 6s,
     .want = 0s},
    {.name = "three_failures_current_time_and_failure_time_are_same",
     .record = {.failures_after_last_success = 3, .last_failure_time = kDefaultTestTime},
     .want = 20s},
    {.name = "eight_failures_current_time_and_failure_time_are_same_backoff_not_exceeding_max_backoff",
     .record = {.failures_after_last_success = 8, .last_failure_time = kDefaultTestTime},
     .want = 640s},
    {.name = "nine_failures_current_time_and_failure_time_are_same_backoff_exceeding_max_backoff",
     .record = {.failures_after_last_success = 9, .last_failure_time = kDefaultTestTime},
     .want = 700s},
    // With the Job controller's constants (DefaultJobPodFailureBackOff 10 s, MaxJobPodFailureBackOff
    // 10 min): 10, 20, 40, 80, 160, 320, 600, 600 s after the 1st..8th failure (upstream pkg/controller/job/backoff_utils.go).
    {.name = "job_defaults_one_failure",
     .record = {.failures_after_last_success = 1, .last_failure_time = kDefaultTestTime},
     .default_backoff = 10s, .max_backoff = 600s, .want = 10s},
    {.name = "job_defaults_six_failures",
     .record = {.failures_after_last_success = 6, .last_failure_time = kDefaultTestTime},
     .default_backoff = 10s, .max_backoff = 600s, .want = 320s},
    {.name = "job_defaults_seven_failures_capped",
     .record = {.failures_after_last_success = 7, .last_failure_time = kDefaultTestTime},
     .default_backoff = 10s, .max_backoff = 600s, .want = 600s},
    {.name = "job_defaults_thirty_failures_capped",
     .record = {.failures_after_last_success = 30, .last_failure_time = kDefaultTestTime},
     .default_backoff = 10s, .max_backoff = 600s, .want = 600s},
    {.name = "job_defaults_two_failures_fifteen_seconds_later",
     .record = {.failures_after_last_success = 2, .last_failure_time = kDefaultTestTime},
     .now = kDefaultTestTime + 15s,
     .default_backoff = 10s, .max_backoff = 600s, .want = 5s},
};

class GetRemainingTimeTest : public testing::TestWithParam<RemainingTimeCase> {};

TEST_P(GetRemainingTimeTest, is_base_times_two_to_the_failures_minus_elapsed) {
  const RemainingTimeCase& c = GetParam();
  EXPECT_EQ(get_remaining_time(c.record, c.now, c.default_backoff, c.max_backoff), c.want);
}

INSTANTIATE_TEST_SUITE_P(Upstream, GetRemainingTimeTest, testing::ValuesIn(kRemainingTimeCases),
                         name_of<RemainingTimeCase>);

}  // namespace
}  // namespace jobsim::controllers::job
