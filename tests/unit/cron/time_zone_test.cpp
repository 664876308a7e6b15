// TimeZone, go_date and format_rfc3339 against docs/cron.md (Go's time.Date rule,
// verified with Go) and Go's LoadLocation / RFC3339 behaviour.
#include <gtest/gtest.h>

#include <string>

#include "cron_test_support.hpp"
#include "testing/table.hpp"

namespace jobsim::cron {
namespace {

using jobsim::test_support::name_of;
using testing::at;
using testing::zone;

JOBSIM_PRINT_CASES_BY_NAME()

struct GoDateCase {
  const char* name;
  const char* zone;
  CivilTime wall;
  const char* expected_utc;
  const char* expected_local;
};

class GoDateTest : public ::testing::TestWithParam<GoDateCase> {};

TEST_P(GoDateTest, ResolvesLikeGo) {
  const GoDateCase& c = GetParam();
  const TimeZone tz = zone(c.zone);
  const SimTime instant = go_date(c.wall, tz);
  EXPECT_EQ(instant, at(c.expected_utc));
  EXPECT_EQ(format_rfc3339(instant, tz), c.expected_local);
}

const GoDateCase kGoDateCases[] = {
    {.name = "new_york_gap_goes_before", .zone = "America/New_York", .wall = {2024, 3, 10, 2, 30, 0},
     .expected_utc = "2024-03-10T06:30:00Z", .expected_local = "2024-03-10T01:30:00-05:00"},
    {.name = "london_gap_goes_after", .zone = "Europe/London", .wall = {2024, 3, 31, 1, 30, 0},
     .expected_utc = "2024-03-31T01:30:00Z", .expected_local = "2024-03-31T02:30:00+01:00"},
    {.name = "berlin_gap_goes_after", .zone = "Europe/Berlin", .wall = {2024, 3, 31, 2, 30, 0},
     .expected_utc = "2024-03-31T01:30:00Z", .expected_local = "2024-03-31T03:30:00+02:00"},
    {.name = "santiago_missing_midnight_goes_before", .zone = "America/Santiago", .wall = {2024, 9, 8, 0, 0, 0},
     .expected_utc = "2024-09-08T03:00:00Z", .expected_local = "2024-09-07T23:00:00-04:00"},
    {.name = "new_york_repeat_first_occurrence", .zone = "America/New_York", .wall = {2024, 11, 3, 1, 30, 0},
     .expected_utc = "2024-11-03T05:30:00Z", .expected_local = "2024-11-03T01:30:00-04:00"},
    {.name = "london_repeat_second_occurrence", .zone = "Europe/London", .wall = {2024, 10, 27, 1, 30, 0},
     .expected_utc = "2024-10-27T01:30:00Z", .expected_local = "2024-10-27T01:30:00Z"},
    {.name = "berlin_repeat_second_occurrence", .zone = "Europe/Berlin", .wall = {2024, 10, 27, 2, 30, 0},
     .expected_utc = "2024-10-27T01:30:00Z", .expected_local = "2024-10-27T02:30:00+01:00"},
    // Go normalises out-of-range fields before resolving: month 13, day 0, hour 24, minute -1.
    {.name = "normalises_month_13", .zone = "UTC", .wall = {2024, 13, 1, 0, 0, 0},
     .expected_utc = "2025-01-01T00:00:00Z", .expected_local = "2025-01-01T00:00:00Z"},
    {.name = "normalises_day_0", .zone = "UTC", .wall = {2024, 3, 0, 0, 0, 0},
     .expected_utc = "2024-02-29T00:00:00Z", .expected_local = "2024-02-29T00:00:00Z"},
    {.name = "normalises_april_31", .zone = "UTC", .wall = {2024, 4, 31, 0, 0, 0},
     .expected_utc = "2024-05-01T00:00:00Z", .expected_local = "2024-05-01T00:00:00Z"},
    {.name = "normalises_negative_minute", .zone = "UTC", .wall = {2024, 1, 1, 0, -1, 0},
     .expected_utc = "2023-12-31T23:59:00Z", .expected_local = "2023-12-31T23:59:00Z"},
};

INSTANTIATE_TEST_SUITE_P(Cron, GoDateTest, ::testing::ValuesIn(kGoDateCases), name_of<GoDateCase>);

struct LoadCase {
  const char* name;
  std::string zone;
  std::string error;  // empty: loads
};

class LoadTest : public ::testing::TestWithParam<LoadCase> {};

TEST_P(LoadTest, LikeGoLoadLocation) {
  const LoadCase& c = GetParam();
  const LoadResult loaded = TimeZone::load(c.zone);
  EXPECT_EQ(loaded.error, c.error);
  EXPECT_EQ(loaded.zone.has_value(), c.error.empty());
  if (loaded.zone) {
    EXPECT_EQ(loaded.zone->name(), c.zone.empty() ? "UTC" : c.zone);
  }
}

const LoadCase kLoadCases[] = {
    {.name = "empty_is_utc", .zone = ""},
    {.name = "utc", .zone = "UTC"},
    {.name = "iana_name", .zone = "America/New_York"},
    {.name = "etc_utc", .zone = "Etc/UTC"},
    {.name = "link_us_eastern", .zone = "US/Eastern"},
    {.name = "link_asia_calcutta", .zone = "Asia/Calcutta"},
    {.name = "legacy_est", .zone = "EST"},
    {.name = "legacy_est5edt", .zone = "EST5EDT"},
    {.name = "etc_gmt_plus_5", .zone = "Etc/GMT+5"},
    {.name = "case_sensitive_utc", .zone = "utc", .error = "unknown time zone utc"},
    {.name = "case_sensitive_name", .zone = "america/new_york", .error = "unknown time zone america/new_york"},
    {.name = "unknown", .zone = "Mars/Base", .error = "unknown time zone Mars/Base"},
    {.name = "dot_dot", .zone = "../etc/passwd", .error = "time: invalid location name"},
    {.name = "absolute_path", .zone = "/usr/share/zoneinfo/UTC", .error = "time: invalid location name"},
    {.name = "directory", .zone = "America", .error = "is a directory"},
};

INSTANTIATE_TEST_SUITE_P(Cron, LoadTest, ::testing::ValuesIn(kLoadCases), name_of<LoadCase>);

TEST(TimeZone, OffsetsAndAbbreviations) {
  const TimeZone berlin = zone("Europe/Berlin");
  EXPECT_EQ(berlin.offset_at(at("2026-01-15T12:00:00Z")), std::chrono::hours(1));
  EXPECT_EQ(berlin.offset_at(at("2026-07-15T12:00:00Z")), std::chrono::hours(2));
  EXPECT_EQ(berlin.abbreviation_at(at("2026-01-15T12:00:00Z")), "CET");
  EXPECT_EQ(berlin.abbreviation_at(at("2026-07-15T12:00:00Z")), "CEST");
  EXPECT_EQ(TimeZone::utc().abbreviation_at(at("2026-07-15T12:00:00Z")), "UTC");
  EXPECT_EQ(zone("Etc/GMT+5").offset_at(at("2026-07-15T12:00:00Z")), std::chrono::hours(-5));
}

// Past the last transition in the zone file (2037 in a "fat" file) Go follows the file's POSIX
// TZ footer; the offsets below are the US and EU rules of those years.
TEST(TimeZone, FooterRuleBeyond2037) {
  const TimeZone new_york = zone("America/New_York");
  EXPECT_EQ(new_york.offset_at(at("2040-07-01T12:00:00Z")), std::chrono::hours(-4));
  EXPECT_EQ(new_york.offset_at(at("2040-01-01T12:00:00Z")), std::chrono::hours(-5));
  // 2040: second Sunday of March is the 11th, first Sunday of November the 4th (02:00 local).
  EXPECT_EQ(new_york.offset_at(at("2040-03-11T06:59:59Z")), std::chrono::hours(-5));
  EXPECT_EQ(new_york.offset_at(at("2040-03-11T07:00:00Z")), std::chrono::hours(-4));
  EXPECT_EQ(new_york.offset_at(at("2040-11-04T05:59:59Z")), std::chrono::hours(-4));
  EXPECT_EQ(new_york.offset_at(at("2040-11-04T06:00:00Z")), std::chrono::hours(-5));
  const TimeZone berlin = zone("Europe/Berlin");
  // 2100: last Sunday of March is the 28th, of October the 31st (01:00 UTC both).
  EXPECT_EQ(berlin.offset_at(at("2100-03-28T00:59:59Z")), std::chrono::hours(1));
  EXPECT_EQ(berlin.offset_at(at("2100-03-28T01:00:00Z")), std::chrono::hours(2));
  EXPECT_EQ(berlin.offset_at(at("2100-10-31T00:59:59Z")), std::chrono::hours(2));
  EXPECT_EQ(berlin.offset_at(at("2100-10-31T01:00:00Z")), std::chrono::hours(1));
  // Southern hemisphere (rules swapped): Sydney is on +11 in January, +10 in July.
  const TimeZone sydney = zone("Australia/Sydney");
  EXPECT_EQ(sydney.offset_at(at("2050-01-15T00:00:00Z")), std::chrono::hours(11));
  EXPECT_EQ(sydney.offset_at(at("2050-07-15T00:00:00Z")), std::chrono::hours(10));
}

TEST(TimeZone, Rfc3339LikeGo) {
  EXPECT_EQ(format_rfc3339(at("2026-03-29T01:00:00Z"), zone("Europe/Berlin")), "2026-03-29T03:00:00+02:00");
  EXPECT_EQ(format_rfc3339(at("2026-01-10T10:00:00.75Z"), zone("Europe/London")), "2026-01-10T10:00:00Z");
  EXPECT_EQ(format_rfc3339(at("2026-01-10T10:00:00Z"), zone("Asia/Kathmandu")), "2026-01-10T15:45:00+05:45");
  EXPECT_EQ(format_rfc3339(at("2026-01-10T10:00:00Z"), zone("America/St_Johns")), "2026-01-10T06:30:00-03:30");
  EXPECT_EQ(format_rfc3339(kZeroTime, TimeZone::utc()), "0001-01-01T00:00:00Z");
}

TEST(TimeZone, CivilTimeAndWeekday) {
  const CivilTime wall = civil_time(at("2026-03-29T01:30:00Z"), zone("Europe/Berlin"));
  EXPECT_EQ(wall, (CivilTime{2026, 3, 29, 3, 30, 0}));
  EXPECT_EQ(weekday(wall), 0);  // a Sunday
  EXPECT_EQ(weekday(CivilTime{2024, 2, 1, 0, 0, 0}), 4);
}

}  // namespace
}  // namespace jobsim::cron
