// Tests for engine/time.hpp: RFC 3339 text and UTC calendar conversions.
// Expected instants were computed independently (Python's datetime) and are pinned here.
#include "jobsim/engine/time.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include "testing/table.hpp"

namespace jobsim::engine {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::seconds;

SimTime unix_time(std::int64_t unix_seconds, std::int64_t micros = 0) {
  return SimTime{seconds(unix_seconds) + microseconds(micros)};
}

using jobsim::test_support::name_of;

// --- parse_rfc3339 ---------------------------------------------------------------------------

struct ParseTimeCase {
  std::string_view name;
  std::string_view text;
  SimTime want;
};

const ParseTimeCase kParseTimeCases[] = {
    {.name = "epoch", .text = "1970-01-01T00:00:00Z", .want = unix_time(0)},
    {.name = "utc", .text = "2016-05-19T10:00:00Z", .want = unix_time(1463652000)},
    {.name = "lowercase_t_and_z", .text = "2016-05-19t10:00:00z", .want = unix_time(1463652000)},
    {.name = "positive_offset", .text = "2016-05-19T12:00:00+02:00", .want = unix_time(1463652000)},
    {.name = "negative_offset_with_minutes", .text = "2016-05-19T05:30:00-04:30", .want = unix_time(1463652000)},
    {.name = "zero_negative_offset", .text = "2016-05-19T10:00:00-00:00", .want = unix_time(1463652000)},
    {.name = "offset_crosses_midnight_back", .text = "2026-03-01T00:30:00+01:00", .want = unix_time(1772321400)},
    {.name = "brief_example", .text = "2026-03-01T02:30:00Z", .want = unix_time(1772332200)},
    {.name = "fraction_with_offset", .text = "2026-03-01T02:30:00.5+02:00", .want = unix_time(1772325000, 500000)},
    {.name = "fraction_one_digit", .text = "2016-05-19T10:00:00.1Z", .want = unix_time(1463652000, 100000)},
    {.name = "fraction_micro", .text = "2016-05-19T10:00:00.000001Z", .want = unix_time(1463652000, 1)},
    {.name = "fraction_nine_digits_truncated", .text = "2016-05-19T10:00:00.123456789Z", .want = unix_time(1463652000, 123456)},
    {.name = "fraction_below_micro_truncated", .text = "2016-05-19T10:00:00.000000999Z", .want = unix_time(1463652000)},
    {.name = "leap_day_2024", .text = "2024-02-29T00:00:00Z", .want = unix_time(1709164800)},
    {.name = "leap_day_2000", .text = "2000-02-29T00:00:00Z", .want = unix_time(951782400)},
    {.name = "one_second_before_epoch", .text = "1969-12-31T23:59:59Z", .want = unix_time(-1)},
    {.name = "half_second_before_epoch", .text = "1969-12-31T23:59:59.5Z", .want = unix_time(-1, 500000)},
    {.name = "year_one", .text = "0001-01-01T00:00:00Z", .want = unix_time(-62135596800)},
    {.name = "year_zero", .text = "0000-01-01T00:00:00Z", .want = unix_time(-62167219200)},
    {.name = "negative_year", .text = "-0001-12-31T00:00:00Z", .want = unix_time(-62167305600)},
    {.name = "year_9999", .text = "9999-12-31T23:59:59Z", .want = unix_time(253402300799)},
};

class ParseRfc3339Test : public testing::TestWithParam<ParseTimeCase> {};

TEST_P(ParseRfc3339Test, parses) {
  const ParseTimeCase& c = GetParam();
  EXPECT_EQ(parse_rfc3339(c.text), std::optional<SimTime>(c.want));
}

INSTANTIATE_TEST_SUITE_P(Table, ParseRfc3339Test, testing::ValuesIn(kParseTimeCases), name_of<ParseTimeCase>);

struct InvalidTextCase {
  std::string_view name;
  std::string_view text;
};

const InvalidTextCase kInvalidTimeCases[] = {
    {.name = "empty", .text = ""},
    {.name = "date_only", .text = "2016-05-19"},
    {.name = "no_zone", .text = "2016-05-19T10:00:00"},
    {.name = "space_separator", .text = "2016-05-19 10:00:00Z"},
    {.name = "month_13", .text = "2016-13-01T00:00:00Z"},
    {.name = "month_0", .text = "2016-00-01T00:00:00Z"},
    {.name = "day_0", .text = "2016-05-00T00:00:00Z"},
    {.name = "april_31", .text = "2016-04-31T00:00:00Z"},
    {.name = "feb_30", .text = "2024-02-30T00:00:00Z"},
    {.name = "feb_29_non_leap", .text = "2023-02-29T00:00:00Z"},
    {.name = "feb_29_century_non_leap", .text = "1900-02-29T00:00:00Z"},
    {.name = "hour_24", .text = "2016-05-19T24:00:00Z"},
    {.name = "minute_60", .text = "2016-05-19T10:60:00Z"},
    {.name = "second_60", .text = "2016-05-19T10:00:60Z"},
    {.name = "single_digit_month", .text = "2016-5-19T10:00:00Z"},
    {.name = "two_digit_year", .text = "16-05-19T10:00:00Z"},
    {.name = "plus_year", .text = "+2016-05-19T10:00:00Z"},
    {.name = "dot_without_digits", .text = "2016-05-19T10:00:00.Z"},
    {.name = "ten_fraction_digits", .text = "2016-05-19T10:00:00.1234567890Z"},
    {.name = "offset_hour_24", .text = "2016-05-19T10:00:00+24:00"},
    {.name = "offset_minute_60", .text = "2016-05-19T10:00:00+02:60"},
    {.name = "offset_without_colon", .text = "2016-05-19T10:00:00+0200"},
    {.name = "offset_hour_only", .text = "2016-05-19T10:00:00+02"},
    {.name = "trailing_text", .text = "2016-05-19T10:00:00Zx"},
    {.name = "leading_space", .text = " 2016-05-19T10:00:00Z"},
    {.name = "letters_in_field", .text = "2016-05-1xT10:00:00Z"},
};

class ParseRfc3339InvalidTest : public testing::TestWithParam<InvalidTextCase> {};

TEST_P(ParseRfc3339InvalidTest, rejects) { EXPECT_EQ(parse_rfc3339(GetParam().text), std::nullopt); }

INSTANTIATE_TEST_SUITE_P(Table, ParseRfc3339InvalidTest, testing::ValuesIn(kInvalidTimeCases),
                         name_of<InvalidTextCase>);

// --- to_rfc3339 --------------------------------------------------------------------------------

struct FormatTimeCase {
  std::string_view name;
  SimTime at;
  std::string_view want;
  bool parses_back = true;  // false past year 9999: written, but not accepted by parse_rfc3339
};

const FormatTimeCase kFormatTimeCases[] = {
    {.name = "epoch", .at = unix_time(0), .want = "1970-01-01T00:00:00Z"},
    {.name = "whole_second", .at = unix_time(1463652000), .want = "2016-05-19T10:00:00Z"},
    {.name = "milliseconds", .at = unix_time(1772332200, 100000), .want = "2026-03-01T02:30:00.100Z"},
    {.name = "microseconds", .at = unix_time(1772332200, 123), .want = "2026-03-01T02:30:00.000123Z"},
    {.name = "micros_not_whole_milli", .at = unix_time(1772332200, 1500), .want = "2026-03-01T02:30:00.001500Z"},
    {.name = "one_micro_before_epoch", .at = unix_time(0, -1), .want = "1969-12-31T23:59:59.999999Z"},
    {.name = "pre_1970", .at = unix_time(-86400 * 365), .want = "1969-01-01T00:00:00Z"},
    {.name = "leap_day", .at = unix_time(1709164800), .want = "2024-02-29T00:00:00Z"},
    {.name = "year_zero", .at = unix_time(-62167219200), .want = "0000-01-01T00:00:00Z"},
    {.name = "negative_year", .at = unix_time(-62167305600), .want = "-0001-12-31T00:00:00Z"},
    {.name = "five_digit_year", .at = unix_time(253402300800), .want = "10000-01-01T00:00:00Z", .parses_back = false},
};

class ToRfc3339Test : public testing::TestWithParam<FormatTimeCase> {};

TEST_P(ToRfc3339Test, formats) { EXPECT_EQ(to_rfc3339(GetParam().at), GetParam().want); }

TEST_P(ToRfc3339Test, parses_back) {
  const FormatTimeCase& c = GetParam();
  const std::optional<SimTime> want = c.parses_back ? std::optional<SimTime>(c.at) : std::nullopt;
  EXPECT_EQ(parse_rfc3339(to_rfc3339(c.at)), want);
}

INSTANTIATE_TEST_SUITE_P(Table, ToRfc3339Test, testing::ValuesIn(kFormatTimeCases), name_of<FormatTimeCase>);

TEST(Rfc3339Test, round_trips_across_eras) {
  // Every 7919 s + 1 µs step from year -9999 to 9999 exercises odd times of day and fractions.
  const SimTime first = *parse_rfc3339("-9999-01-01T00:00:00Z");
  const SimTime last = *parse_rfc3339("9999-12-31T23:59:59Z");
  const Duration step = seconds(7919) * 1000 + microseconds(1);
  for (SimTime at = first; at < last; at += step) {
    ASSERT_EQ(parse_rfc3339(to_rfc3339(at)), std::optional<SimTime>(at)) << to_rfc3339(at);
  }
}

// --- civil conversions ---------------------------------------------------------------------------

struct CivilCase {
  std::string_view name;
  SimTime at;
  CivilTime want;
};

const CivilCase kCivilCases[] = {
    {.name = "epoch", .at = unix_time(0), .want = {.year = 1970, .month = 1, .day = 1, .hour = 0, .minute = 0, .second = 0, .micros = 0}},
    {.name = "afternoon", .at = unix_time(1463652000 + 5 * 3600 + 7 * 60 + 9, 42),
     .want = {.year = 2016, .month = 5, .day = 19, .hour = 15, .minute = 7, .second = 9, .micros = 42}},
    {.name = "leap_day", .at = unix_time(1709164800), .want = {.year = 2024, .month = 2, .day = 29, .hour = 0, .minute = 0, .second = 0, .micros = 0}},
    {.name = "last_micro_before_epoch", .at = unix_time(0, -1),
     .want = {.year = 1969, .month = 12, .day = 31, .hour = 23, .minute = 59, .second = 59, .micros = 999999}},
    {.name = "year_one", .at = unix_time(-62135596800), .want = {.year = 1, .month = 1, .day = 1, .hour = 0, .minute = 0, .second = 0, .micros = 0}},
    {.name = "negative_year", .at = unix_time(-62167305600), .want = {.year = -1, .month = 12, .day = 31, .hour = 0, .minute = 0, .second = 0, .micros = 0}},
};

bool same_civil(const CivilTime& a, const CivilTime& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour && a.minute == b.minute &&
         a.second == b.second && a.micros == b.micros;
}

class CivilTest : public testing::TestWithParam<CivilCase> {};

TEST_P(CivilTest, breaks_down_and_back) {
  const CivilCase& c = GetParam();
  EXPECT_TRUE(same_civil(to_civil_utc(c.at), c.want)) << to_rfc3339(c.at);
  EXPECT_EQ(from_civil_utc(c.want), c.at);
}

INSTANTIATE_TEST_SUITE_P(Table, CivilTest, testing::ValuesIn(kCivilCases), name_of<CivilCase>);

struct NormalizeCase {
  std::string_view name;
  CivilTime civil;
  std::string_view want;
};

const NormalizeCase kNormalizeCases[] = {
    {.name = "feb_30_leap", .civil = {.year = 2024, .month = 2, .day = 30, .hour = 0, .minute = 0, .second = 0, .micros = 0}, .want = "2024-03-01T00:00:00Z"},
    {.name = "feb_29_non_leap", .civil = {.year = 2023, .month = 2, .day = 29, .hour = 0, .minute = 0, .second = 0, .micros = 0}, .want = "2023-03-01T00:00:00Z"},
    {.name = "month_13", .civil = {.year = 2023, .month = 13, .day = 1, .hour = 0, .minute = 0, .second = 0, .micros = 0}, .want = "2024-01-01T00:00:00Z"},
    {.name = "month_0", .civil = {.year = 2024, .month = 0, .day = 15, .hour = 0, .minute = 0, .second = 0, .micros = 0}, .want = "2023-12-15T00:00:00Z"},
    {.name = "day_0", .civil = {.year = 2024, .month = 3, .day = 0, .hour = 0, .minute = 0, .second = 0, .micros = 0}, .want = "2024-02-29T00:00:00Z"},
    {.name = "hour_24", .civil = {.year = 2023, .month = 12, .day = 31, .hour = 24, .minute = 0, .second = 0, .micros = 0}, .want = "2024-01-01T00:00:00Z"},
    {.name = "negative_micros", .civil = {.year = 1970, .month = 1, .day = 1, .hour = 0, .minute = 0, .second = 0, .micros = -1}, .want = "1969-12-31T23:59:59.999999Z"},
};

class NormalizeTest : public testing::TestWithParam<NormalizeCase> {};

TEST_P(NormalizeTest, normalizes_like_go_time_date) {
  EXPECT_EQ(to_rfc3339(from_civil_utc(GetParam().civil)), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(Table, NormalizeTest, testing::ValuesIn(kNormalizeCases), name_of<NormalizeCase>);

TEST(CivilTest, consecutive_days_are_consecutive_dates) {
  // Walk about ±2700 years day by day: each date follows the previous one on the calendar.
  constexpr std::int64_t kDays = 1'000'000;
  CivilTime previous = to_civil_utc(SimTime{hours(-24 * (kDays + 1))});
  for (std::int64_t day = -kDays; day <= kDays; ++day) {
    const SimTime midnight{hours(24 * day)};
    const CivilTime civil = to_civil_utc(midnight);
    ASSERT_EQ(from_civil_utc(civil), midnight);
    const bool next_day = civil.year == previous.year && civil.month == previous.month && civil.day == previous.day + 1;
    const bool next_month = civil.year == previous.year && civil.month == previous.month + 1 && civil.day == 1 &&
                            previous.day == days_in_month(previous.year, previous.month);
    const bool next_year = civil.year == previous.year + 1 && civil.month == 1 && civil.day == 1 &&
                           previous.month == 12 && previous.day == 31;
    ASSERT_TRUE(next_day || next_month || next_year) << to_rfc3339(midnight);
    previous = civil;
  }
}

TEST(CalendarTest, leap_years) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_TRUE(is_leap_year(0));
  EXPECT_TRUE(is_leap_year(-4));
  EXPECT_FALSE(is_leap_year(2023));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(-100));
  EXPECT_EQ(days_in_month(2024, 2), 29u);
  EXPECT_EQ(days_in_month(2023, 2), 28u);
  EXPECT_EQ(days_in_month(2023, 4), 30u);
  EXPECT_EQ(days_in_month(2023, 12), 31u);
}

TEST(CalendarTest, weekdays) {
  EXPECT_EQ(weekday_utc(unix_time(0)), 4u);                    // Thursday
  EXPECT_EQ(weekday_utc(unix_time(-1)), 3u);                   // Wednesday 1969-12-31
  EXPECT_EQ(weekday_utc(unix_time(1463652000)), 4u);           // Thursday 2016-05-19
  EXPECT_EQ(weekday_utc(*parse_rfc3339("2024-03-03T23:59:59Z")), 0u);  // Sunday
}

}  // namespace
}  // namespace jobsim::engine

namespace jobsim::engine {
namespace {

TEST(ToRfc3339Millis, FloorsToTheMillisecond) {
  const SimTime whole = *parse_rfc3339("2026-01-01T00:00:32Z");
  EXPECT_EQ(to_rfc3339_millis(whole), "2026-01-01T00:00:32Z");
  EXPECT_EQ(to_rfc3339_millis(whole + std::chrono::microseconds(751920)), "2026-01-01T00:00:32.751Z");
  EXPECT_EQ(to_rfc3339_millis(whole + std::chrono::microseconds(999)), "2026-01-01T00:00:32Z");
  EXPECT_EQ(to_rfc3339_millis(whole - std::chrono::microseconds(1)), "2026-01-01T00:00:31.999Z");
}

}  // namespace
}  // namespace jobsim::engine
