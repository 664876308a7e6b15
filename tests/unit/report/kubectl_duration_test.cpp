// HumanDuration, case for case from upstream
// staging/src/k8s.io/apimachinery/pkg/util/duration/duration_test.go (TestHumanDuration,
// TestHumanDurationBoundaries). Upstream names each case by time.Duration.String(); the names
// here spell the same durations in identifier form. "- 1ns" becomes "- 1us" (our resolution).
#include <gtest/gtest.h>

#include "jobsim/report/kubectl_duration.hpp"
#include "testing/table.hpp"

namespace jobsim::report::kubectl {
namespace {

using namespace std::chrono_literals;
using engine::Duration;

constexpr Duration kDay = 24h;
constexpr Duration kYear = 365 * kDay;

struct HumanDurationCase {
  std::string_view name;
  Duration d;
  std::string_view want;
};
JOBSIM_PRINT_CASES_BY_NAME()

const HumanDurationCase kCases[] = {
    // TestHumanDuration
    {.name = "d_1s", .d = 1s, .want = "1s"},
    {.name = "d_1m10s", .d = 70s, .want = "70s"},
    {.name = "d_3m10s", .d = 190s, .want = "3m10s"},
    {.name = "d_1h10m0s", .d = 70min, .want = "70m"},
    {.name = "d_47h0m0s", .d = 47h, .want = "47h"},
    {.name = "d_49h0m0s", .d = 49h, .want = "2d1h"},
    {.name = "d_194h0m0s", .d = (8 * 24 + 2) * 1h, .want = "8d"},
    {.name = "d_8808h0m0s", .d = 367 * kDay, .want = "367d"},
    {.name = "d_17545h0m0s", .d = (365 * 2 * 24 + 25) * 1h, .want = "2y1d"},
    {.name = "d_70082h0m0s", .d = (365 * 8 * 24 + 2) * 1h, .want = "8y"},
    // TestHumanDurationBoundaries
    {.name = "b_minus_2s", .d = -2s, .want = "<invalid>"},
    {.name = "b_minus_1_999999s", .d = -2s + 1us, .want = "0s"},
    {.name = "b_0s", .d = 0s, .want = "0s"},
    {.name = "b_999ms", .d = 1s - 1ms, .want = "0s"},
    {.name = "b_1m59_999s", .d = 2min - 1ms, .want = "119s"},
    {.name = "b_2m0s", .d = 2min, .want = "2m"},
    {.name = "b_2m1s", .d = 2min + 1s, .want = "2m1s"},
    {.name = "b_9m59_999s", .d = 10min - 1ms, .want = "9m59s"},
    {.name = "b_10m0s", .d = 10min, .want = "10m"},
    {.name = "b_10m1s", .d = 10min + 1s, .want = "10m"},
    {.name = "b_2h59m59_999s", .d = 3h - 1ms, .want = "179m"},
    {.name = "b_3h0m0s", .d = 3h, .want = "3h"},
    {.name = "b_3h1m0s", .d = 3h + 1min, .want = "3h1m"},
    {.name = "b_7h59m59_999s", .d = 8h - 1ms, .want = "7h59m"},
    {.name = "b_8h0m0s", .d = 8h, .want = "8h"},
    {.name = "b_8h59m0s", .d = 8h + 59min, .want = "8h"},
    {.name = "b_47h59m59_999s", .d = 2 * kDay - 1ms, .want = "47h"},
    {.name = "b_48h0m0s", .d = 2 * kDay, .want = "2d"},
    {.name = "b_49h0m0s", .d = 2 * kDay + 1h, .want = "2d1h"},
    {.name = "b_191h59m59_999s", .d = 8 * kDay - 1ms, .want = "7d23h"},
    {.name = "b_192h0m0s", .d = 8 * kDay, .want = "8d"},
    {.name = "b_215h0m0s", .d = 8 * kDay + 23h, .want = "8d"},
    {.name = "b_17519h59m59_999s", .d = 2 * kYear - 1ms, .want = "729d"},
    {.name = "b_17520h0m0s", .d = 2 * kYear, .want = "2y"},
    {.name = "b_17543h0m0s", .d = 2 * kYear + 23h, .want = "2y"},
    {.name = "b_17543h59m0s", .d = 2 * kYear + 23h + 59min, .want = "2y"},
    {.name = "b_17543h59m59_999s", .d = 2 * kYear + 24h - 1ms, .want = "2y"},
    {.name = "b_17544h0m0s", .d = 2 * kYear + 24h, .want = "2y1d"},
    {.name = "b_26280h0m0s", .d = 3 * kYear, .want = "3y"},
    {.name = "b_35040h0m0s", .d = 4 * kYear, .want = "4y"},
    {.name = "b_43800h0m0s", .d = 5 * kYear, .want = "5y"},
    {.name = "b_52560h0m0s", .d = 6 * kYear, .want = "6y"},
    {.name = "b_61320h0m0s", .d = 7 * kYear, .want = "7y"},
    {.name = "b_70079h59m59_999s", .d = 8 * kYear - 1ms, .want = "7y364d"},
    {.name = "b_70080h0m0s", .d = 8 * kYear, .want = "8y"},
    {.name = "b_78816h0m0s", .d = 8 * kYear + 364 * kDay, .want = "8y"},
    {.name = "b_78840h0m0s", .d = 9 * kYear, .want = "9y"},
};

class HumanDurationTest : public ::testing::TestWithParam<HumanDurationCase> {};

TEST_P(HumanDurationTest, matches_upstream) { EXPECT_EQ(human_duration(GetParam().d), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(Upstream, HumanDurationTest, ::testing::ValuesIn(kCases),
                         test_support::name_of<HumanDurationCase>);

TEST(TranslateTimestampSince, unset_is_unknown_and_fractions_are_cut_like_the_api_server) {
  const engine::SimTime now = *engine::parse_rfc3339("2026-01-01T00:01:00Z");
  EXPECT_EQ(translate_timestamp_since(std::nullopt, now), "<unknown>");
  // The object was created at 00:00:00.900; the API server stores 00:00:00, so the age is 60 s.
  EXPECT_EQ(translate_timestamp_since(*engine::parse_rfc3339("2026-01-01T00:00:00.9Z"), now), "60s");
}

TEST(Rfc1123z, formats_like_go) {
  EXPECT_EQ(rfc1123z(*engine::parse_rfc3339("2026-01-01T00:01:16Z")), "Thu, 01 Jan 2026 00:01:16 +0000");
  EXPECT_EQ(rfc1123z(*engine::parse_rfc3339("2024-02-29T23:59:59.5Z")), "Thu, 29 Feb 2024 23:59:59 +0000");
}

}  // namespace
}  // namespace jobsim::report::kubectl
