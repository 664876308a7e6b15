// Tests for controllers/job/active_pods.hpp: the order in which surplus pods are deleted.
// Ported from upstream pkg/controller/controller_utils_test.go: TestSortingActivePods (the nine
// pods, sorted from any starting order) and the rank-independent pairs of
// TestSortingActivePodsWithRanks (equal ranks, or ranks that do not change the outcome).
// Upstream ActivePods.Less: unassigned < assigned; Pending < Unknown < Running; not ready < ready;
// ready for less time < more time (empty time first); more restarts < fewer; newer < older.
#include "jobsim/controllers/job/active_pods.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>
#include "testing/table.hpp"

namespace jobsim::controllers::job {
namespace {

using namespace std::chrono_literals;
using api::SimTime;

using jobsim::test_support::name_of;

// Failure output names the case instead of dumping its bytes.
JOBSIM_PRINT_CASES_BY_NAME()

constexpr SimTime kNow{std::chrono::seconds{1704067200}};  // 2024-01-01T00:00:00Z
constexpr SimTime kThen = kNow - std::chrono::hours(24 * 31);  // upstream: now.AddDate(0, -1, 0)

api::PodCondition ready_condition(std::optional<SimTime> since) {
  return {.type = "Ready", .status = api::ConditionStatus::True, .last_transition_time = since};
}

std::vector<api::ContainerStatus> restarts(std::vector<std::int32_t> counts) {
  std::vector<api::ContainerStatus> statuses;
  for (std::int32_t count : counts) statuses.push_back({.restart_count = count});
  return statuses;
}

std::vector<std::string> names_of(const std::vector<api::Pod>& pods) {
  std::vector<std::string> names;
  for (const api::Pod& pod : pods) names.push_back(pod.metadata->name);
  return names;
}

// --- TestSortingActivePods -------------------------------------------------------------------

// The nine pods of upstream's test, already in the expected order.
std::vector<api::Pod> sorted_pods() {
  std::vector<api::Pod> pods(9);
  for (std::size_t i = 0; i < pods.size(); ++i) {
    pods[i].metadata.edit().name = "pod" + std::to_string(i);
    pods[i].status.edit().phase = api::PodPhase::Running;
  }
  // pods[0] is not scheduled yet.
  pods[0].spec.edit().node_name = "";
  pods[0].status.edit().phase = api::PodPhase::Pending;
  // pods[1] is scheduled but pending.
  pods[1].spec.edit().node_name = "bar";
  pods[1].status.edit().phase = api::PodPhase::Pending;
  // pods[2] is unknown.
  pods[2].spec.edit().node_name = "foo";
  pods[2].status.edit().phase = api::PodPhase::Unknown;
  // pods[3] is running but not ready.
  pods[3].spec.edit().node_name = "foo";
  // pods[4] is running and ready but without LastTransitionTime.
  pods[4].spec.edit().node_name = "foo";
  pods[4].status.edit().conditions = {ready_condition(std::nullopt)};
  pods[4].status.edit().container_statuses = restarts({3, 0});
  // pods[5] is running and ready and with LastTransitionTime.
  pods[5].spec.edit().node_name = "foo";
  pods[5].status.edit().conditions = {ready_condition(kNow)};
  pods[5].status.edit().container_statuses = restarts({3, 0});
  // pods[6] is running ready for a longer time than pods[5].
  pods[6].spec.edit().node_name = "foo";
  pods[6].status.edit().conditions = {ready_condition(kThen)};
  pods[6].status.edit().container_statuses = restarts({3, 0});
  // pods[7] has lower container restart count than pods[6].
  pods[7].spec.edit().node_name = "foo";
  pods[7].status.edit().conditions = {ready_condition(kThen)};
  pods[7].status.edit().container_statuses = restarts({2, 1});
  pods[7].metadata.edit().creation_timestamp = kNow;
  // pods[8] is older than pods[7].
  pods[8].spec.edit().node_name = "foo";
  pods[8].status.edit().conditions = {ready_condition(kThen)};
  pods[8].status.edit().container_statuses = restarts({2, 1});
  pods[8].metadata.edit().creation_timestamp = kThen;
  return pods;
}

TEST(SortingActivePodsTest, sorts_to_upstream_order_from_every_rotation_and_its_reverse) {
  const std::vector<api::Pod> expected = sorted_pods();
  const std::vector<std::string> want = names_of(expected);
  // Upstream shuffles 20 times with rand.Perm; rotations of both directions are deterministic and
  // still start the sort from 18 different orders.
  for (std::size_t shift = 0; shift < expected.size(); ++shift) {
    for (bool reversed : {false, true}) {
      std::vector<api::Pod> pods = expected;
      if (reversed) std::reverse(pods.begin(), pods.end());
      std::rotate(pods.begin(), pods.begin() + static_cast<std::ptrdiff_t>(shift), pods.end());
      std::stable_sort(pods.begin(), pods.end(), active_pods_less);
      EXPECT_EQ(names_of(pods), want) << "rotation " << shift << (reversed ? " of the reversed list" : "");
    }
  }
}

TEST(SortingActivePodsTest, each_pod_is_strictly_before_every_later_one) {
  const std::vector<api::Pod> pods = sorted_pods();
  for (std::size_t i = 0; i < pods.size(); ++i) {
    EXPECT_FALSE(active_pods_less(pods[i], pods[i])) << pods[i].metadata->name << " < itself";
    for (std::size_t j = i + 1; j < pods.size(); ++j) {
      EXPECT_TRUE(active_pods_less(pods[i], pods[j])) << pods[i].metadata->name << " < " << pods[j].metadata->name;
      EXPECT_FALSE(active_pods_less(pods[j], pods[i])) << pods[j].metadata->name << " < " << pods[i].metadata->name;
    }
  }
}

// --- TestSortingActivePodsWithRanks, rank-independent pairs ----------------------------------

// Upstream's pod(podName, nodeName, phase, ready, restarts, readySince, created) helper.
api::Pod make_pod(std::string name, std::string node, api::PodPhase phase, bool ready, std::int32_t restart_count,
                  std::optional<SimTime> ready_since, std::optional<SimTime> created) {
  api::Pod pod;
  pod.metadata.edit().name = std::move(name);
  pod.metadata.edit().creation_timestamp = created;
  pod.spec.edit().node_name = std::move(node);
  pod.status.edit().phase = phase;
  if (ready) {
    pod.status.edit().conditions = {ready_condition(ready_since)};
    pod.status.edit().container_statuses = restarts({restart_count});
  }
  return pod;
}

const auto kZero = std::optional<SimTime>{};
const api::Pod kUnscheduledPod = make_pod("unscheduled", "", api::PodPhase::Pending, false, 0, kZero, kZero);
const api::Pod kScheduledPendingPod = make_pod("pending", "node", api::PodPhase::Pending, false, 0, kZero, kZero);
const api::Pod kUnknownPhasePod = make_pod("unknown-phase", "node", api::PodPhase::Unknown, false, 0, kZero, kZero);
const api::Pod kRunningNotReadyPod = make_pod("not-ready", "node", api::PodPhase::Running, false, 0, kZero, kZero);
const api::Pod kRunningReadyNoLastTransitionTimePod =
    make_pod("ready-no-last-transition-time", "node", api::PodPhase::Running, true, 0, kZero, kZero);
const api::Pod kRunningReadyNow = make_pod("ready-now", "node", api::PodPhase::Running, true, 0, kNow, kNow);
const api::Pod kRunningReadyThen = make_pod("ready-then", "node", api::PodPhase::Running, true, 0, kThen, kThen);
const api::Pod kRunningReadyNowHighRestarts =
    make_pod("ready-high-restarts", "node", api::PodPhase::Running, true, 9001, kNow, kNow);
const api::Pod kRunningReadyNowCreatedThen =
    make_pod("ready-now-created-then", "node", api::PodPhase::Running, true, 0, kNow, kThen);
const api::Pod kReady2Hours = make_pod("ready-2-hours", "", api::PodPhase::Running, true, 0, kNow - 2h, kThen);
const api::Pod kReady5Hours = make_pod("ready-5-hours", "", api::PodPhase::Running, true, 0, kNow - 5h, kThen);
// Upstream ActivePods.Less step 6: "Empty creation time pods < newer pods < older pods".
const api::Pod kNotReadyCreatedZero = make_pod("created-zero", "node", api::PodPhase::Running, false, 0, kZero, kZero);
const api::Pod kNotReadyCreatedNow = make_pod("created-now", "node", api::PodPhase::Running, false, 0, kZero, kNow);

struct LessCase {
  std::string_view name;
  const api::Pod* lesser;
  const api::Pod* greater;
};

const LessCase kLessCases[] = {
    {.name = "unscheduled_before_scheduled_pending", .lesser = &kUnscheduledPod, .greater = &kScheduledPendingPod},
    {.name = "pending_before_unknown_phase", .lesser = &kScheduledPendingPod, .greater = &kUnknownPhasePod},
    {.name = "unknown_phase_before_running", .lesser = &kUnknownPhasePod, .greater = &kRunningNotReadyPod},
    {.name = "not_ready_before_ready", .lesser = &kRunningNotReadyPod, .greater = &kRunningReadyNoLastTransitionTimePod},
    {.name = "ready_without_time_before_ready_now",
     .lesser = &kRunningReadyNoLastTransitionTimePod,
     .greater = &kRunningReadyNow},
    {.name = "ready_now_before_ready_then", .lesser = &kRunningReadyNow, .greater = &kRunningReadyThen},
    {.name = "high_restarts_before_low_restarts", .lesser = &kRunningReadyNowHighRestarts, .greater = &kRunningReadyNow},
    {.name = "created_now_before_created_then", .lesser = &kRunningReadyNow, .greater = &kRunningReadyNowCreatedThen},
    {.name = "ready_2_hours_before_ready_5_hours", .lesser = &kReady2Hours, .greater = &kReady5Hours},
    {.name = "empty_creation_time_before_newer", .lesser = &kNotReadyCreatedZero, .greater = &kNotReadyCreatedNow},
};

class ActivePodsLessTest : public testing::TestWithParam<LessCase> {};

TEST_P(ActivePodsLessTest, lesser_is_deleted_first) {
  const LessCase& c = GetParam();
  EXPECT_TRUE(active_pods_less(*c.lesser, *c.greater));
  EXPECT_FALSE(active_pods_less(*c.greater, *c.lesser));
}

INSTANTIATE_TEST_SUITE_P(Upstream, ActivePodsLessTest, testing::ValuesIn(kLessCases), name_of<LessCase>);

struct EqualCase {
  std::string_view name;
  const api::Pod* pod;
};

const EqualCase kEqualCases[] = {
    {.name = "unscheduled", .pod = &kUnscheduledPod},
    {.name = "scheduled_pending", .pod = &kScheduledPendingPod},
    {.name = "unknown_phase", .pod = &kUnknownPhasePod},
    {.name = "running_not_ready", .pod = &kRunningNotReadyPod},
    {.name = "running_ready_now_created_then", .pod = &kRunningReadyNowCreatedThen},
    {.name = "running_ready_now", .pod = &kRunningReadyNow},
    {.name = "running_ready_then", .pod = &kRunningReadyThen},
    {.name = "running_ready_now_high_restarts", .pod = &kRunningReadyNowHighRestarts},
};

class ActivePodsEqualityTest : public testing::TestWithParam<EqualCase> {};

TEST_P(ActivePodsEqualityTest, pod_is_equivalent_to_itself) {
  const EqualCase& c = GetParam();
  const api::Pod copy = *c.pod;
  EXPECT_FALSE(active_pods_less(*c.pod, copy));
  EXPECT_FALSE(active_pods_less(copy, *c.pod));
}

INSTANTIATE_TEST_SUITE_P(Upstream, ActivePodsEqualityTest, testing::ValuesIn(kEqualCases), name_of<EqualCase>);

}  // namespace
}  // namespace jobsim::controllers::job
