// Tests for engine/clock.hpp: FakeClock is a Clock that tests move by hand.
#include "jobsim/engine/clock.hpp"

#include <gtest/gtest.h>

namespace jobsim::engine {
namespace {

using std::chrono::seconds;

const SimTime kStart = *parse_rfc3339("2016-05-19T10:00:00Z");

TEST(FakeClockTest, set_and_advance) {
  FakeClock clock(kStart);
  const Clock& view = clock;
  EXPECT_EQ(view.now(), kStart);
  clock.advance(seconds(90));
  EXPECT_EQ(view.now(), kStart + seconds(90));
  clock.set(*parse_rfc3339("2016-05-19T10:01:00Z"));
  EXPECT_EQ(view.now(), kStart + seconds(60));
  clock.set(kStart - seconds(1));  // set may rewind
  EXPECT_EQ(view.now(), kStart - seconds(1));
}

TEST(FakeClockDeathTest, advance_rejects_negative_delay) {
  FakeClock clock(kStart);
  EXPECT_DEATH(clock.advance(seconds(-1)), "FakeClock::advance: negative delay -1s; use set\\(\\) to rewind");
}

}  // namespace
}  // namespace jobsim::engine
