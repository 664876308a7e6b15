// TimeText, the instants of events.jsonl, timeseries.csv and nodes.csv: RFC 3339 section 5.6
// date-time in UTC ("Z"), floored to the millisecond, with the fraction only when not a whole
// second (docs/outputs.md). Inputs are built with std::chrono's calendar; expected texts are
// written from the calendar facts in each case's name.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "report/time_text.hpp"
#include "testing/table.hpp"

namespace jobsim::report {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using namespace std::chrono;
using std::chrono::January;
using std::chrono::February;
using std::chrono::December;

engine::SimTime on(year_month_day date, microseconds of_day = microseconds{0}) {
  return engine::SimTime{sys_days{date}.time_since_epoch() + of_day};
}

struct TimeCase {
  std::string_view name;
  engine::SimTime at;
  std::string_view want;
};

const TimeCase kTimeCases[] = {
    {.name = "epoch", .at = engine::SimTime{}, .want = "1970-01-01T00:00:00Z"},
    {.name = "whole_second", .at = on(2026y / January / 1), .want = "2026-01-01T00:00:00Z"},
    {.name = "milliseconds", .at = on(2026y / January / 1, 12h + 34min + 32s + 751ms), .want = "2026-01-01T12:34:32.751Z"},
    {.name = "microseconds_floored", .at = on(2026y / January / 1, 12h + 34min + 32s + 751999us),
     .want = "2026-01-01T12:34:32.751Z"},
    {.name = "under_a_millisecond_is_whole", .at = on(2026y / January / 1, 999us), .want = "2026-01-01T00:00:00Z"},
    {.name = "fraction_keeps_leading_zeros", .at = on(2026y / January / 1, 5ms), .want = "2026-01-01T00:00:00.005Z"},
    {.name = "fraction_keeps_trailing_zeros", .at = on(2026y / January / 1, 50ms), .want = "2026-01-01T00:00:00.050Z"},
    {.name = "last_millisecond_of_leap_day", .at = on(2024y / February / 29, 24h - 1ms),
     .want = "2024-02-29T23:59:59.999Z"},
    {.name = "last_second_of_year", .at = on(2025y / December / 31, 24h - 1s), .want = "2025-12-31T23:59:59Z"},
    // Before 1970 the floor goes back in time: -1 µs is in the last millisecond of 1969.
    {.name = "one_microsecond_before_epoch", .at = engine::SimTime{-1us}, .want = "1969-12-31T23:59:59.999Z"},
    {.name = "one_second_before_epoch", .at = engine::SimTime{-1s}, .want = "1969-12-31T23:59:59Z"},
    // Past 9999 and before year 0, the engine's extensions of RFC 3339 (engine/time.hpp).
    {.name = "year_10000", .at = on(year{10000} / January / 1, 1h), .want = "10000-01-01T01:00:00Z"},
    {.name = "year_minus_1", .at = on(year{-1} / January / 1), .want = "-0001-01-01T00:00:00Z"},
};

class TimeTextTest : public ::testing::TestWithParam<TimeCase> {};

TEST_P(TimeTextTest, formats_alone) {
  TimeText text;
  EXPECT_EQ(text(GetParam().at), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(Table, TimeTextTest, ::testing::ValuesIn(kTimeCases), test_support::name_of<TimeCase>);

// One TimeText through every case in turn and back: what it keeps of the previous instant (its
// text, its date) never leaks into the next one, whether the day changes or not.
TEST(TimeTextSequence, each_instant_after_any_other) {
  TimeText text;
  for (const TimeCase& first : kTimeCases) {
    for (const TimeCase& second : kTimeCases) {
      ASSERT_EQ(text(first.at), first.want) << first.name;
      ASSERT_EQ(text(second.at), second.want) << second.name << " after " << first.name;
    }
  }
}

// Within one day only the time of day changes: a longer text (with a fraction) then a shorter one.
TEST(TimeTextSequence, same_day_shorter_after_longer) {
  TimeText text;
  EXPECT_EQ(text(on(2026y / January / 1, 10h + 1ms)), "2026-01-01T10:00:00.001Z");
  EXPECT_EQ(text(on(2026y / January / 1, 10h + 1s)), "2026-01-01T10:00:01Z");
  EXPECT_EQ(text(on(2026y / January / 2)), "2026-01-02T00:00:00Z");
}

}  // namespace
}  // namespace jobsim::report
