// Tests for the duration half of engine/time.hpp: Go's ParseDuration syntax (plus "d"),
// Duration.String() formatting, and conversions to and from seconds.
#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "jobsim/engine/time.hpp"
#include "testing/table.hpp"

namespace jobsim::engine {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

using jobsim::test_support::name_of;

struct InvalidTextCase {
  std::string_view name;
  std::string_view text;
};

struct ParseDurationCase {
  std::string_view name;
  std::string_view text;
  Duration want;
};

const ParseDurationCase kParseDurationCases[] = {
    {.name = "seconds", .text = "90s", .want = seconds(90)},
    {.name = "minutes", .text = "4m", .want = minutes(4)},
    {.name = "hours_and_minutes", .text = "2h30m", .want = seconds(9000)},
    {.name = "fractional_hours", .text = "1.5h", .want = minutes(90)},
    {.name = "milliseconds", .text = "500ms", .want = milliseconds(500)},
    {.name = "microseconds_ascii", .text = "100us", .want = microseconds(100)},
    {.name = "microseconds_micro_sign", .text = "100\xC2\xB5s", .want = microseconds(100)},
    {.name = "microseconds_greek_mu", .text = "100\xCE\xBCs", .want = microseconds(100)},
    {.name = "days", .text = "3d", .want = hours(72)},
    {.name = "zero", .text = "0", .want = Duration::zero()},
    {.name = "negative_zero", .text = "-0", .want = Duration::zero()},
    {.name = "zero_with_unit", .text = "0s", .want = Duration::zero()},
    {.name = "negative", .text = "-5s", .want = seconds(-5)},
    {.name = "explicit_plus", .text = "+5s", .want = seconds(5)},
    {.name = "all_units", .text = "1d1h1m1s1ms1us1000ns", .want = hours(25) + minutes(1) + seconds(1) + microseconds(1002)},
    {.name = "go_string_form", .text = "1h2m3s", .want = seconds(3723)},
    {.name = "fraction_without_leading_digit", .text = ".5s", .want = milliseconds(500)},
    {.name = "trailing_dot", .text = "1.s", .want = seconds(1)},
    {.name = "fractional_seconds", .text = "1.000001s", .want = microseconds(1000001)},
    {.name = "nanoseconds_truncated", .text = "1999ns", .want = microseconds(1)},
    {.name = "nanoseconds_summed_before_truncation", .text = "1500ns1500ns", .want = microseconds(3)},
    {.name = "repeated_unit", .text = "1s1s", .want = seconds(2)},
    {.name = "largest", .text = "9223372036854775807us", .want = Duration::max()},
    {.name = "largest_in_days", .text = "106751991d", .want = hours(106751991LL * 24)},
};

class ParseDurationTest : public testing::TestWithParam<ParseDurationCase> {};

TEST_P(ParseDurationTest, parses) {
  EXPECT_EQ(parse_duration(GetParam().text), std::optional<Duration>(GetParam().want));
}

INSTANTIATE_TEST_SUITE_P(Table, ParseDurationTest, testing::ValuesIn(kParseDurationCases),
                         name_of<ParseDurationCase>);

const InvalidTextCase kInvalidDurationCases[] = {
    {.name = "empty", .text = ""},
    {.name = "number_without_unit", .text = "5"},
    {.name = "fraction_without_unit", .text = "1.5"},
    {.name = "zero_zero", .text = "00"},
    {.name = "zero_point_zero", .text = "0.0"},
    {.name = "sign_only", .text = "-"},
    {.name = "unit_only", .text = "s"},
    {.name = "dot_only", .text = ".s"},
    {.name = "unknown_unit", .text = "5x"},
    {.name = "uppercase_unit", .text = "5S"},
    {.name = "weeks_not_supported", .text = "1w"},
    {.name = "doubled_unit", .text = "1hh"},
    {.name = "space_between_parts", .text = "1h 30m"},
    {.name = "sign_inside", .text = "1h-30m"},
    {.name = "trailing_number", .text = "1h30"},
    {.name = "overflow_micros", .text = "9223372036854775808us"},
    {.name = "overflow_days", .text = "106751992d"},
    {.name = "overflow_digits", .text = "99999999999999999999s"},
};

class ParseDurationInvalidTest : public testing::TestWithParam<InvalidTextCase> {};

TEST_P(ParseDurationInvalidTest, rejects) { EXPECT_EQ(parse_duration(GetParam().text), std::nullopt); }

INSTANTIATE_TEST_SUITE_P(Table, ParseDurationInvalidTest, testing::ValuesIn(kInvalidDurationCases),
                         name_of<InvalidTextCase>);

struct FormatDurationCase {
  std::string_view name;
  Duration duration;
  std::string_view want;
};

const FormatDurationCase kFormatDurationCases[] = {
    {.name = "zero", .duration = Duration::zero(), .want = "0s"},
    {.name = "one_micro", .duration = microseconds(1), .want = "1\xC2\xB5s"},
    {.name = "micros", .duration = microseconds(999), .want = "999\xC2\xB5s"},
    {.name = "one_milli", .duration = milliseconds(1), .want = "1ms"},
    {.name = "fractional_millis", .duration = microseconds(1500), .want = "1.5ms"},
    {.name = "millis_with_micro", .duration = microseconds(1001), .want = "1.001ms"},
    {.name = "millis", .duration = milliseconds(100), .want = "100ms"},
    {.name = "one_second", .duration = seconds(1), .want = "1s"},
    {.name = "fractional_seconds", .duration = milliseconds(1500), .want = "1.5s"},
    {.name = "seconds_with_micro", .duration = microseconds(1000001), .want = "1.000001s"},
    {.name = "one_minute", .duration = minutes(1), .want = "1m0s"},
    {.name = "one_hour", .duration = hours(1), .want = "1h0m0s"},
    {.name = "hour_minute_second", .duration = seconds(3723), .want = "1h2m3s"},
    {.name = "no_days", .duration = hours(25), .want = "25h0m0s"},
    {.name = "negative_seconds", .duration = seconds(-5), .want = "-5s"},
    {.name = "negative_millis", .duration = microseconds(-1500), .want = "-1.5ms"},
    {.name = "most_negative", .duration = Duration::min(), .want = "-2562047788h0m54.775808s"},
    {.name = "largest", .duration = Duration::max(), .want = "2562047788h0m54.775807s"},
};

class FormatDurationTest : public testing::TestWithParam<FormatDurationCase> {};

TEST_P(FormatDurationTest, formats) { EXPECT_EQ(format_duration(GetParam().duration), GetParam().want); }

TEST_P(FormatDurationTest, parses_back) {
  EXPECT_EQ(parse_duration(format_duration(GetParam().duration)), std::optional<Duration>(GetParam().duration));
}

INSTANTIATE_TEST_SUITE_P(Table, FormatDurationTest, testing::ValuesIn(kFormatDurationCases),
                         name_of<FormatDurationCase>);

TEST(SecondsTest, converts_both_ways) {
  EXPECT_EQ(to_seconds(milliseconds(1500)), 1.5);
  EXPECT_EQ(to_seconds(microseconds(-1)), -1e-6);
  EXPECT_EQ(from_seconds(1.5), milliseconds(1500));
  EXPECT_EQ(from_seconds(-2.25), microseconds(-2250000));
  EXPECT_EQ(from_seconds(2.4e-6), microseconds(2));  // nearest, not truncated toward zero
  EXPECT_EQ(from_seconds(2.6e-6), microseconds(3));
  EXPECT_EQ(from_seconds(1e-7), Duration::zero());
}

TEST(SecondsDeathTest, rejects_non_finite) {
  EXPECT_DEATH(from_seconds(std::numeric_limits<double>::infinity()), "jobsim: internal error: .*from_seconds");
}

}  // namespace
}  // namespace jobsim::engine
