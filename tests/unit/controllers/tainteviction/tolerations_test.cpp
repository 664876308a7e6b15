// Toleration matching and eviction delays, with the cases of upstream's taint_eviction_test.go
// getMinTolerationTime and toleration_test.go ToleratesTaint.
#include <gtest/gtest.h>

#include "jobsim/controllers/tainteviction/tolerations.hpp"
#include "testing/table.hpp"

namespace jobsim::controllers::tainteviction {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;

const api::Taint kUnreachable{.key = "node.kubernetes.io/unreachable", .effect = "NoExecute"};
const api::Taint kNotReady{.key = "node.kubernetes.io/not-ready", .effect = "NoExecute"};
const api::Taint kDedicated{.key = "dedicated", .value = "gpu", .effect = "NoExecute"};

api::Toleration exists(std::string key, std::optional<std::int64_t> seconds, std::string effect = "NoExecute") {
  return {.key = std::move(key), .operator_ = "Exists", .effect = std::move(effect), .toleration_seconds = seconds};
}

struct Case {
  std::string_view name;
  std::vector<api::Taint> taints;
  std::vector<api::Toleration> tolerations;
  std::optional<engine::Duration> want;  // nullopt: never evicted
};

const Case kCases[] = {
    {.name = "default_tolerations_300s",
     .taints = {kUnreachable},
     .tolerations = {exists("node.kubernetes.io/not-ready", 300), exists("node.kubernetes.io/unreachable", 300)},
     .want = 300s},
    {.name = "not_tolerated_evicts_at_once", .taints = {kDedicated}, .tolerations = {}, .want = 0s},
    {.name = "no_taints_never", .taints = {}, .tolerations = {}, .want = std::nullopt},
    {.name = "tolerated_without_seconds_never",
     .taints = {kUnreachable},
     .tolerations = {exists("node.kubernetes.io/unreachable", std::nullopt)},
     .want = std::nullopt},
    {.name = "smallest_of_the_first_matching_per_taint",
     .taints = {kUnreachable, kNotReady},
     .tolerations = {exists("node.kubernetes.io/unreachable", 600), exists("node.kubernetes.io/not-ready", 120)},
     .want = 120s},
    {.name = "only_the_first_match_of_a_taint_counts",
     .taints = {kUnreachable},
     .tolerations = {exists("node.kubernetes.io/unreachable", 600), exists("", 5, "")},
     .want = 600s},
    {.name = "negative_seconds_evict_at_once",
     .taints = {kUnreachable},
     .tolerations = {exists("node.kubernetes.io/unreachable", -5)},
     .want = 0s},
    {.name = "wildcard_exists_tolerates_everything_forever",
     .taints = {kUnreachable, kDedicated},
     .tolerations = {exists("", std::nullopt, "")},
     .want = std::nullopt},
    {.name = "equal_needs_the_value",
     .taints = {kDedicated},
     .tolerations = {{.key = "dedicated", .operator_ = "Equal", .value = "cpu", .effect = "NoExecute"}},
     .want = 0s},
    {.name = "effect_must_match",
     .taints = {kUnreachable},
     .tolerations = {exists("node.kubernetes.io/unreachable", 300, "NoSchedule")},
     .want = 0s},
};

class EvictionDelay : public ::testing::TestWithParam<Case> {};

TEST_P(EvictionDelay, AsTheTaintManagerComputesIt) {
  const Case& c = GetParam();
  EXPECT_EQ(eviction_delay(c.taints, c.tolerations), c.want);
}

INSTANTIATE_TEST_SUITE_P(Cases, EvictionDelay, ::testing::ValuesIn(kCases), jobsim::test_support::name_of<Case>);

TEST(MinTolerationTime, EmptyIsZero) { EXPECT_EQ(min_toleration_time({}), engine::Duration::zero()); }

}  // namespace
}  // namespace jobsim::controllers::tainteviction
