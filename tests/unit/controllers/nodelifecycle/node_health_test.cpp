// Tick arithmetic of the node lifecycle controller (node_health.hpp): ticks every 5 s from the
// controller's start, probeTimestamp at the tick that sees the last renewal, Ready=Unknown at
// the first tick strictly after probe + 50 s (`now.After(probe + grace)`,
// node_lifecycle_controller.go tryUpdateNodeHealth).
#include <gtest/gtest.h>

#include "jobsim/controllers/nodelifecycle/node_health.hpp"
#include "testing/table.hpp"

namespace jobsim::controllers::nodelifecycle {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono_literals;
const engine::SimTime kOrigin = engine::SimTime{} + 1000s;

struct Case {
  std::string_view name;
  std::optional<engine::Duration> last_renewal;  // after origin
  engine::Duration origin_shift{};               // controller started later
  engine::Duration want_probe;
  engine::Duration want_unknown;
};

const Case kCases[] = {
    // Renewal on a tick: probe 120, 120 + 50 = 170 is a tick but not after it: 175.
    {.name = "renewal_on_a_tick", .last_renewal = 120s, .want_probe = 120s, .want_unknown = 175s},
    // Renewal at 121: seen at the tick 125; 175 is not after 175: 180.
    {.name = "renewal_between_ticks", .last_renewal = 121s, .want_probe = 125s, .want_unknown = 180s},
    {.name = "renewal_just_before_a_tick", .last_renewal = 124999ms, .want_probe = 125s, .want_unknown = 180s},
    // The controller (re)started at 300, after the last renewal at 100: probe is its first tick.
    {.name = "restart_after_the_last_renewal", .last_renewal = 100s, .origin_shift = 300s, .want_probe = 300s,
     .want_unknown = 355s},
    // Restarted at 301 s: ticks at 301, 306, ...; probe 301, unknown at the first tick after 351.
    {.name = "restart_off_grid", .last_renewal = 100s, .origin_shift = 301s, .want_probe = 301s, .want_unknown = 356s},
    {.name = "no_renewal_yet", .last_renewal = std::nullopt, .want_probe = 0s, .want_unknown = 55s},
};

class NodeHealth : public ::testing::TestWithParam<Case> {};

TEST_P(NodeHealth, ProbeAndUnknownTicks) {
  const Case& c = GetParam();
  const engine::SimTime origin = kOrigin + c.origin_shift;
  const std::optional<engine::SimTime> renewal =
      c.last_renewal ? std::optional(kOrigin + *c.last_renewal) : std::nullopt;
  EXPECT_EQ(probe_timestamp(renewal, origin, 5s), kOrigin + c.want_probe);
  EXPECT_EQ(not_ready_at(renewal, origin, 5s, 50s), kOrigin + c.want_unknown);
}

INSTANTIATE_TEST_SUITE_P(Cases, NodeHealth, ::testing::ValuesIn(kCases), jobsim::test_support::name_of<Case>);

TEST(NodeHealthTicks, AtOrAfterAndStrictlyAfter) {
  EXPECT_EQ(first_tick_at_or_after(kOrigin, kOrigin, 5s), kOrigin);
  EXPECT_EQ(first_tick_at_or_after(kOrigin + 1us, kOrigin, 5s), kOrigin + 5s);
  EXPECT_EQ(first_tick_at_or_after(kOrigin - 7s, kOrigin, 5s), kOrigin);
  EXPECT_EQ(first_tick_after(kOrigin, kOrigin, 5s), kOrigin + 5s);
  EXPECT_EQ(first_tick_after(kOrigin + 9s, kOrigin, 5s), kOrigin + 10s);
  EXPECT_EQ(first_tick_after(kOrigin - 1s, kOrigin, 5s), kOrigin);
}

}  // namespace
}  // namespace jobsim::controllers::nodelifecycle
