// Schedule::parse_standard against docs/cron.md (grammar, accepted oddities, rejected
// forms, descriptors, @every) and 3 (the day-of-month / day-of-week rule). Error texts are
// robfig v3.0.1's (parser.go) with Go's strconv / time error texts, verbatim.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cron_test_support.hpp"
#include "testing/table.hpp"

namespace jobsim::cron {
namespace {

using jobsim::test_support::name_of;
using testing::activations;
using testing::at;
using testing::parse;
using testing::zone;

JOBSIM_PRINT_CASES_BY_NAME()

// --- Errors -----------------------------------------------------------------------------------

struct ErrorCase {
  const char* name;
  std::string spec;
  std::string error;
};

class ParseErrorTest : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ParseErrorTest, Message) {
  const ErrorCase& c = GetParam();
  const ParseResult parsed = Schedule::parse_standard(c.spec);
  EXPECT_FALSE(parsed.schedule.has_value());
  EXPECT_EQ(parsed.error, c.error);
}

const ErrorCase kErrorCases[] = {
    {.name = "empty", .spec = "", .error = "empty spec string"},
    {.name = "bad_location", .spec = "TZ=Mars/Base 0 0 * * *",
     .error = "provided bad location Mars/Base: unknown time zone Mars/Base"},
    {.name = "bad_location_lowercase_utc", .spec = "TZ=utc 0 0 * * *",
     .error = "provided bad location utc: unknown time zone utc"},
    {.name = "tab_does_not_end_zone_name", .spec = "TZ=UTC\t0 0 * * *",
     .error = "provided bad location UTC\t0: unknown time zone UTC\t0"},
    {.name = "cron_tz_bad_location", .spec = "CRON_TZ=Asia/Tokio 0 0 * * *",
     .error = "provided bad location Asia/Tokio: unknown time zone Asia/Tokio"},
    {.name = "zone_prefix_without_space_robfig_panics", .spec = "TZ=UTC",
     .error = "robfig/cron v3.0.1 panics on this schedule: the TZ= prefix must be followed by a space and the "
              "schedule"},
    {.name = "cron_tz_prefix_without_space_robfig_panics", .spec = "CRON_TZ=Asia/Tokyo",
     .error = "robfig/cron v3.0.1 panics on this schedule: the CRON_TZ= prefix must be followed by a space and "
              "the schedule"},
    {.name = "prefix_only", .spec = "TZ=UTC ", .error = "expected exactly 5 fields, found 0: []"},
    {.name = "descriptor_upper_case", .spec = "@DAILY", .error = "unrecognized descriptor: @DAILY"},
    {.name = "descriptor_trailing_space", .spec = "@daily ", .error = "unrecognized descriptor: @daily "},
    {.name = "descriptor_reboot", .spec = "@reboot", .error = "unrecognized descriptor: @reboot"},
    {.name = "descriptor_leading_space", .spec = " @daily", .error = "expected exactly 5 fields, found 1: [@daily]"},
    {.name = "every_alone", .spec = "@every", .error = "unrecognized descriptor: @every"},
    {.name = "every_missing_unit", .spec = "@every 5",
     .error = "failed to parse duration @every 5: time: missing unit in duration \"5\""},
    {.name = "every_unknown_unit", .spec = "@every 5x",
     .error = "failed to parse duration @every 5x: time: unknown unit \"x\" in duration \"5x\""},
    {.name = "every_days_unit", .spec = "@every 1d",
     .error = "failed to parse duration @every 1d: time: unknown unit \"d\" in duration \"1d\""},
    {.name = "every_two_spaces", .spec = "@every  1h",
     .error = "failed to parse duration @every  1h: time: invalid duration \" 1h\""},
    {.name = "every_not_a_duration", .spec = "@every x",
     .error = "failed to parse duration @every x: time: invalid duration \"x\""},
    {.name = "every_empty_after_space", .spec = "@every ",
     .error = "failed to parse duration @every : time: invalid duration \"\""},
    {.name = "three_fields", .spec = "obvious error schedule",
     .error = "expected exactly 5 fields, found 3: [obvious error schedule]"},
    {.name = "six_fields_seconds", .spec = "0 0 0 * * *", .error = "expected exactly 5 fields, found 6: [0 0 0 * * *]"},
    {.name = "six_fields_year", .spec = "0 0 1 1 * 2026",
     .error = "expected exactly 5 fields, found 6: [0 0 1 1 * 2026]"},
    {.name = "day_of_week_7", .spec = "0 0 * * 7", .error = "end of range (7) above maximum (6): 7"},
    {.name = "minute_60", .spec = "60 * * * *", .error = "end of range (60) above maximum (59): 60"},
    {.name = "first_error_wins", .spec = "60 24 * * *", .error = "end of range (60) above maximum (59): 60"},
    {.name = "hour_24", .spec = "0 24 * * *", .error = "end of range (24) above maximum (23): 24"},
    {.name = "day_of_month_0", .spec = "0 0 0 * *", .error = "beginning of range (0) below minimum (1): 0"},
    {.name = "month_0", .spec = "0 0 * 0 *", .error = "beginning of range (0) below minimum (1): 0"},
    {.name = "month_13", .spec = "0 0 * 13 *", .error = "end of range (13) above maximum (12): 13"},
    {.name = "wrap_around_range", .spec = "0 0 * * fri-mon",
     .error = "beginning of range (5) beyond end of range (1): fri-mon"},
    {.name = "reversed_range", .spec = "30-10 * * * *", .error = "beginning of range (30) beyond end of range (10): 30-10"},
    {.name = "step_zero_issue_144", .spec = "15/0 * * * *", .error = "step of range should be a positive number: 15/0"},
    {.name = "star_step_zero", .spec = "*/0 * * * *", .error = "step of range should be a positive number: */0"},
    {.name = "negative_step", .spec = "*/-1 * * * *", .error = "negative number (-1) not allowed: -1"},
    {.name = "negative_value", .spec = "-1 * * * *",
     .error = "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax"},
    {.name = "too_many_hyphens", .spec = "1-2-3 * * * *", .error = "too many hyphens: 1-2-3"},
    {.name = "too_many_slashes", .spec = "1/2/3 * * * *", .error = "too many slashes: 1/2/3"},
    {.name = "name_in_minute_field", .spec = "jan * * * *",
     .error = "failed to parse int from jan: strconv.Atoi: parsing \"jan\": invalid syntax"},
    {.name = "full_day_name", .spec = "0 0 * * monday",
     .error = "failed to parse int from monday: strconv.Atoi: parsing \"monday\": invalid syntax"},
    {.name = "full_month_name", .spec = "0 0 * january *",
     .error = "failed to parse int from january: strconv.Atoi: parsing \"january\": invalid syntax"},
    {.name = "hash_nth_weekday", .spec = "0 0 * * 5#3",
     .error = "failed to parse int from 5#3: strconv.Atoi: parsing \"5#3\": invalid syntax"},
    {.name = "last_weekday_l", .spec = "0 0 * * 5L",
     .error = "failed to parse int from 5L: strconv.Atoi: parsing \"5L\": invalid syntax"},
    {.name = "nearest_weekday_w", .spec = "0 0 1W * *",
     .error = "failed to parse int from 1W: strconv.Atoi: parsing \"1W\": invalid syntax"},
    {.name = "last_day_l", .spec = "0 0 L * *",
     .error = "failed to parse int from L: strconv.Atoi: parsing \"L\": invalid syntax"},
    {.name = "jenkins_h", .spec = "H * * * *",
     .error = "failed to parse int from H: strconv.Atoi: parsing \"H\": invalid syntax"},
    {.name = "hex", .spec = "0x5 * * * *",
     .error = "failed to parse int from 0x5: strconv.Atoi: parsing \"0x5\": invalid syntax"},
    {.name = "decimal", .spec = "1.5 * * * *",
     .error = "failed to parse int from 1.5: strconv.Atoi: parsing \"1.5\": invalid syntax"},
    {.name = "beyond_int64", .spec = "99999999999999999999 * * * *",
     .error = "failed to parse int from 99999999999999999999: strconv.Atoi: parsing \"99999999999999999999\": "
              "value out of range"},
    {.name = "value_past_star_range_end_is_parsed", .spec = "0 0 * * 5-x",
     .error = "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"},
};

INSTANTIATE_TEST_SUITE_P(Cron, ParseErrorTest, ::testing::ValuesIn(kErrorCases), name_of<ErrorCase>);

// --- Accepted forms: each must behave exactly like its plain equivalent ------------------------

struct EquivalentCase {
  const char* name;
  std::string spec;
  std::string equivalent;
};

class EquivalentTest : public ::testing::TestWithParam<EquivalentCase> {};

TEST_P(EquivalentTest, SameActivations) {
  const EquivalentCase& c = GetParam();
  const TimeZone utc = TimeZone::utc();
  for (const char* from : {"2024-01-01T00:00:00Z", "2024-02-27T13:17:00Z", "2025-12-30T23:59:59Z"}) {
    EXPECT_EQ(activations(parse(c.spec), utc, at(from), 8), activations(parse(c.equivalent), utc, at(from), 8))
        << "from " << from;
  }
}

const EquivalentCase kEquivalentCases[] = {
    {.name = "question_mark_in_any_field", .spec = "? ? ? ? ?", .equivalent = "* * * * *"},
    {.name = "question_mark_days", .spec = "0 0 ? * ?", .equivalent = "0 0 * * *"},
    {.name = "star_dash_number", .spec = "*-5 * * * *", .equivalent = "* * * * *"},
    {.name = "star_dash_text", .spec = "*-foo * * * *", .equivalent = "* * * * *"},
    {.name = "question_dash_number", .spec = "0 ?-3 * * *", .equivalent = "0 * * * *"},
    {.name = "plus_sign", .spec = "+5 * * * *", .equivalent = "5 * * * *"},
    {.name = "plus_step", .spec = "*/+2 * * * *", .equivalent = "*/2 * * * *"},
    {.name = "leading_zero", .spec = "05 * * * *", .equivalent = "5 * * * *"},
    {.name = "empty_list_items", .spec = "1,2,,3 * * * *", .equivalent = "1,2,3 * * * *"},
    {.name = "single_value_range", .spec = "5-5 * * * *", .equivalent = "5 * * * *"},
    {.name = "single_value_range_with_step", .spec = "1-1/7 * * * *", .equivalent = "1 * * * *"},
    {.name = "value_slash_step_runs_to_max", .spec = "10/20 * * * *", .equivalent = "10,30,50 * * * *"},
    {.name = "step_60_is_hourly", .spec = "*/60 * * * *", .equivalent = "0 * * * *"},
    {.name = "step_120_kube_state_metrics_2967", .spec = "*/120 4-22 * * *", .equivalent = "0 4-22 * * *"},
    {.name = "step_32_day_of_month", .spec = "0 0 */32 * *", .equivalent = "0 0 1 * *"},
    {.name = "month_names_mixed_case", .spec = "0 0 1 Jan,FEB *", .equivalent = "0 0 1 1,2 *"},
    {.name = "day_name_range_mixed", .spec = "0 0 * * sun-1", .equivalent = "0 0 * * 0-1"},
    {.name = "blanks_tabs_newlines", .spec = "  0\t0 \n * *   * ", .equivalent = "0 0 * * *"},
    {.name = "no_break_space_separates", .spec = "0\u00a00 * * *", .equivalent = "0 0 * * *"},
    {.name = "ideographic_space_separates", .spec = "0\u30000 * * *", .equivalent = "0 0 * * *"},
    {.name = "yearly", .spec = "@yearly", .equivalent = "0 0 1 1 *"},
    {.name = "annually", .spec = "@annually", .equivalent = "0 0 1 1 *"},
    {.name = "monthly", .spec = "@monthly", .equivalent = "0 0 1 * *"},
    {.name = "weekly", .spec = "@weekly", .equivalent = "0 0 * * 0"},
    {.name = "daily", .spec = "@daily", .equivalent = "0 0 * * *"},
    {.name = "midnight", .spec = "@midnight", .equivalent = "0 0 * * *"},
    {.name = "hourly", .spec = "@hourly", .equivalent = "0 * * * *"},
    {.name = "tz_utc_prefix", .spec = "TZ=UTC 0 0 * * *", .equivalent = "0 0 * * *"},
    {.name = "tz_empty_name_is_utc", .spec = "TZ= 0 0 * * *", .equivalent = "0 0 * * *"},
    {.name = "tz_prefix_extra_blanks", .spec = "TZ=UTC    0 0 * * *  ", .equivalent = "0 0 * * *"},
    {.name = "every_units", .spec = "@every 1h30m", .equivalent = "@every 90m"},
    {.name = "every_seconds", .spec = "@every 5400s", .equivalent = "@every 1.5h"},
    {.name = "every_micro_sign", .spec = "@every 2000000\u00b5s", .equivalent = "@every 2s"},
};

INSTANTIATE_TEST_SUITE_P(Cron, EquivalentTest, ::testing::ValuesIn(kEquivalentCases), name_of<EquivalentCase>);

TEST(ScheduleParse, EveryIsConstantDelay) {
  EXPECT_TRUE(parse("@every 1m").is_every());
  EXPECT_FALSE(parse("@hourly").is_every());
  EXPECT_FALSE(parse("* * * * *").is_every());
}

TEST(ScheduleParse, ZonePrefixIsKept) {
  const Schedule tokyo = parse("TZ=Asia/Tokyo 0 0 * * *");
  ASSERT_TRUE(tokyo.zone().has_value());
  EXPECT_EQ(tokyo.zone()->name(), "Asia/Tokyo");
  EXPECT_FALSE(parse("TZ=Local 0 0 * * *").zone().has_value());
  EXPECT_FALSE(parse("0 0 * * *").zone().has_value());
}

// --- The day-of-month / day-of-week rule (docs/cron.md) ---------------------------------
// The days of February 2024 (Thursday the 1st, 29 days) on which each schedule fires.

struct DayRuleCase {
  const char* name;
  const char* spec;
  std::vector<int> days;
};

class DayRuleTest : public ::testing::TestWithParam<DayRuleCase> {};

TEST_P(DayRuleTest, FebruaryDays) {
  const DayRuleCase& c = GetParam();
  const Schedule schedule = parse(c.spec);
  const TimeZone utc = TimeZone::utc();
  std::vector<int> days;
  SimTime from = at("2024-01-31T12:00:00Z");
  while (true) {
    from = schedule.next(from, utc);
    const CivilTime wall = civil_time(from, utc);
    if (wall.year != 2024 || wall.month != 2) break;
    days.push_back(static_cast<int>(wall.day));
  }
  EXPECT_EQ(days, c.days);
}

const std::vector<int> kEveryDay = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                                    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29};

const DayRuleCase kDayRuleCases[] = {
    {.name = "dom_1_dow_star_and", .spec = "0 0 1 * *", .days = {1}},
    {.name = "dom_star_monday_and", .spec = "0 0 * * 1", .days = {5, 12, 19, 26}},
    {.name = "dom_question_monday_and", .spec = "0 0 ? * 1", .days = {5, 12, 19, 26}},
    {.name = "dom_1_or_monday", .spec = "0 0 1 * 1", .days = {1, 5, 12, 19, 26}},
    {.name = "full_dom_range_or_monday_every_day", .spec = "0 0 1-31 * 1", .days = kEveryDay},
    {.name = "star_slash_1_keeps_flag", .spec = "0 0 */1 * 1", .days = {5, 12, 19, 26}},
    {.name = "dow_star_slash_1_keeps_flag", .spec = "0 0 1 * */1", .days = {1}},
    {.name = "full_dow_range_or_every_day", .spec = "0 0 1 * 0-6", .days = kEveryDay},
    {.name = "star_slash_2_drops_flag", .spec = "0 0 */2 * Sun",
     .days = {1, 3, 4, 5, 7, 9, 11, 13, 15, 17, 18, 19, 21, 23, 25, 27, 29}},
    {.name = "robfig_issue_70", .spec = "0 0 */10 * Sun", .days = {1, 4, 11, 18, 21, 25}},
    {.name = "dow_star_slash_2_and", .spec = "0 0 * * */2",
     .days = {1, 3, 4, 6, 8, 10, 11, 13, 15, 17, 18, 20, 22, 24, 25, 27, 29}},
    {.name = "feb_31_or_monday", .spec = "0 0 31 2 1", .days = {5, 12, 19, 26}},
    {.name = "feb_29_or_monday", .spec = "0 0 29 2 1", .days = {5, 12, 19, 26, 29}},
    {.name = "step_32_list_or_wednesday", .spec = "0 1 */32,1-7 * 3", .days = {1, 2, 3, 4, 5, 6, 7, 14, 21, 28}},
    {.name = "list_with_star_keeps_flag", .spec = "0 0 1,* * 1", .days = {5, 12, 19, 26}},
};

INSTANTIATE_TEST_SUITE_P(Cron, DayRuleTest, ::testing::ValuesIn(kDayRuleCases), name_of<DayRuleCase>);

}  // namespace
}  // namespace jobsim::cron

namespace jobsim::cron {
namespace {

// cronjob_controllerv2.go formatSchedule: the parser input of a CronJob.
TEST(ScheduleWithTimeZone, PrefixesTheZoneUnlessTheScheduleHasItsOwn) {
  EXPECT_EQ(schedule_with_time_zone("30 2 * * *", std::nullopt), "30 2 * * *");
  EXPECT_EQ(schedule_with_time_zone("30 2 * * *", std::string("Europe/Berlin")), "TZ=Europe/Berlin 30 2 * * *");
  EXPECT_EQ(schedule_with_time_zone("CRON_TZ=Asia/Tokyo 30 4 * * *", std::string("Europe/Berlin")),
            "CRON_TZ=Asia/Tokyo 30 4 * * *");
  EXPECT_TRUE(has_tz_in_schedule("TZ=UTC 0 0 * * *"));
  EXPECT_FALSE(has_tz_in_schedule("0 0 * * *"));
}

}  // namespace
}  // namespace jobsim::cron
