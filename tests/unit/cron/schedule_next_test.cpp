// Schedule::next against the vectors of docs/cron.md (verified there with an unmodified
// robfig/cron v3.0.1 under Go and tzdata 2025b) and robfig's own spec_test.go TestNext DST cases
// (6-field specs there, 5-field equivalents here with the zone given as spec.timeZone, i.e. a
// TZ= prefix, as the CronJob controller's formatSchedule does).
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

struct NextCase {
  const char* name;
  const char* spec;
  const char* controller_zone = "UTC";  // the zone of `from` (kube-controller-manager's)
  const char* from;
  std::vector<std::string> expected;  // successive activations in the schedule's zone
};

class NextTest : public ::testing::TestWithParam<NextCase> {};

TEST_P(NextTest, Activations) {
  const NextCase& c = GetParam();
  const Schedule schedule = parse(c.spec);
  EXPECT_EQ(activations(schedule, zone(c.controller_zone), at(c.from), static_cast<int>(c.expected.size())),
            c.expected);
}

const NextCase kNextCases[] = {
    // robfig spec_test.go TestNext, "Daylight savings time 2am EST (-5) -> 3am EDT (-4)".
    {.name = "robfig_2012_nonexistent_0230_next_year",
     .spec = "TZ=America/New_York 30 2 11 Mar ?",
     .from = "2012-03-11T00:00:00-05:00",
     .expected = {"2013-03-11T02:30:00-04:00"}},
    {.name = "robfig_hourly_job_across_spring_gap",
     .spec = "TZ=America/New_York 0 * * * ?",
     .from = "2012-03-11T01:00:00-05:00",
     .expected = {"2012-03-11T03:00:00-04:00"}},
    {.name = "robfig_2am_nightly_job_skipped",
     .spec = "TZ=America/New_York 0 2 * * ?",
     .from = "2012-03-11T00:00:00-05:00",
     .expected = {"2012-03-12T02:00:00-04:00"}},
    // "Daylight savings time 2am EDT (-4) => 1am EST (-5)".
    {.name = "robfig_0130_second_pass",
     .spec = "TZ=America/New_York 30 1 04 Nov ?",
     .from = "2012-11-04T01:45:00-04:00",
     .expected = {"2012-11-04T01:30:00-05:00"}},
    {.name = "robfig_1am_nightly_job_runs_twice",
     .spec = "TZ=America/New_York 0 1 * * ?",
     .from = "2012-11-04T01:00:00-04:00",
     .expected = {"2012-11-04T01:00:00-05:00"}},
    {.name = "robfig_2am_nightly_job_once",
     .spec = "TZ=America/New_York 0 2 * * ?",
     .from = "2012-11-04T00:00:00-04:00",
     .expected = {"2012-11-04T02:00:00-05:00"}},
    // robfig issue #157: Sao Paulo's midnight switch of 2018-11-04.
    {.name = "robfig_sao_paulo_midnight_switch",
     .spec = "TZ=America/Sao_Paulo 0 9 10 * ?",
     .from = "2018-10-17T05:00:00-04:00",
     .expected = {"2018-11-10T09:00:00-02:00"}},
    // The same robfig vectors with the zone as the controller's local zone (no timeZone).
    {.name = "controller_zone_2am_nightly_job_skipped",
     .spec = "0 2 * * ?",
     .controller_zone = "America/New_York",
     .from = "2012-03-11T00:00:00-05:00",
     .expected = {"2012-03-12T02:00:00-04:00"}},
    {.name = "controller_zone_1am_nightly_job_runs_twice",
     .spec = "0 1 * * *",
     .controller_zone = "America/New_York",
     .from = "2012-11-04T00:00:00-04:00",
     .expected = {"2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00", "2012-11-05T01:00:00-05:00"}},
    {.name = "controller_zone_0230_skips_2024_03_10",
     .spec = "30 2 * * *",
     .controller_zone = "America/New_York",
     .from = "2024-03-09T12:00:00-05:00",
     .expected = {"2024-03-11T02:30:00-04:00"}},

    // docs/cron.md: DST behaviour, New York 2024.
    {.name = "new_york_0130_just_before_gap_fires",
     .spec = "TZ=America/New_York 30 1 * * *",
     .from = "2024-03-09T12:00:00-05:00",
     .expected = {"2024-03-10T01:30:00-05:00", "2024-03-11T01:30:00-04:00"}},
    {.name = "new_york_every_15_minutes_across_gap",
     .spec = "TZ=America/New_York */15 * * * *",
     .from = "2024-03-10T01:30:00-05:00",
     .expected = {"2024-03-10T01:45:00-05:00", "2024-03-10T03:00:00-04:00", "2024-03-10T03:15:00-04:00"}},
    {.name = "new_york_hourly_across_gap",
     .spec = "TZ=America/New_York 0 * * * *",
     .from = "2024-03-10T00:30:00-05:00",
     .expected = {"2024-03-10T01:00:00-05:00", "2024-03-10T03:00:00-04:00"}},
    {.name = "new_york_0130_runs_twice_on_fall_back",
     .spec = "TZ=America/New_York 30 1 * * *",
     .from = "2024-11-02T12:00:00-04:00",
     .expected = {"2024-11-03T01:30:00-04:00", "2024-11-03T01:30:00-05:00", "2024-11-04T01:30:00-05:00"}},
    {.name = "new_york_0230_once_after_repeated_hour",
     .spec = "TZ=America/New_York 30 2 * * *",
     .from = "2024-11-02T12:00:00-04:00",
     .expected = {"2024-11-03T02:30:00-05:00", "2024-11-04T02:30:00-05:00"}},
    {.name = "new_york_start_inside_second_pass_before_minute",
     .spec = "TZ=America/New_York 30 1 * * *",
     .from = "2024-11-03T01:10:00-05:00",
     .expected = {"2024-11-03T01:30:00-05:00"}},
    {.name = "new_york_start_inside_second_pass_after_minute",
     .spec = "TZ=America/New_York 30 1 * * *",
     .from = "2024-11-03T01:40:00-05:00",
     .expected = {"2024-11-04T01:30:00-05:00"}},
    {.name = "new_york_every_20_minutes_in_both_passes",
     .spec = "TZ=America/New_York */20 1 * * *",
     .from = "2024-11-03T00:59:00-04:00",
     .expected = {"2024-11-03T01:00:00-04:00", "2024-11-03T01:20:00-04:00", "2024-11-03T01:40:00-04:00",
                  "2024-11-03T01:00:00-05:00", "2024-11-03T01:20:00-05:00", "2024-11-03T01:40:00-05:00",
                  "2024-11-04T01:00:00-05:00"}},

    // London and Berlin 2024.
    {.name = "london_0130_in_gap_skipped",
     .spec = "TZ=Europe/London 30 1 * * *",
     .from = "2024-03-30T12:00:00Z",
     .expected = {"2024-04-01T01:30:00+01:00"}},
    {.name = "london_0230_fires_on_transition_day",
     .spec = "TZ=Europe/London 30 2 * * *",
     .from = "2024-03-30T12:00:00Z",
     .expected = {"2024-03-31T02:30:00+01:00"}},
    {.name = "london_0130_runs_twice_on_fall_back",
     .spec = "TZ=Europe/London 30 1 * * *",
     .from = "2024-10-26T12:00:00+01:00",
     .expected = {"2024-10-27T01:30:00+01:00", "2024-10-27T01:30:00Z", "2024-10-28T01:30:00Z"}},
    {.name = "london_0230_once_after_repeated_hour",
     .spec = "TZ=Europe/London 30 2 * * *",
     .from = "2024-10-26T12:00:00+01:00",
     .expected = {"2024-10-27T02:30:00Z"}},
    {.name = "berlin_0200_runs_twice_on_fall_back_issue_121594",
     .spec = "TZ=Europe/Berlin 0 2 * * *",
     .from = "2024-10-26T12:00:00+02:00",
     .expected = {"2024-10-27T02:00:00+02:00", "2024-10-27T02:00:00+01:00", "2024-10-28T02:00:00+01:00"}},
    {.name = "berlin_0230_in_gap_skipped",
     .spec = "TZ=Europe/Berlin 30 2 * * *",
     .from = "2024-03-30T12:00:00+01:00",
     .expected = {"2024-04-01T02:30:00+02:00"}},
    // Europe/Berlin 02:30 daily across both 2026 changes (29 March, 25 October).
    {.name = "berlin_0230_daily_spring_2026",
     .spec = "TZ=Europe/Berlin 30 2 * * *",
     .from = "2026-03-27T12:00:00+01:00",
     .expected = {"2026-03-28T02:30:00+01:00", "2026-03-30T02:30:00+02:00", "2026-03-31T02:30:00+02:00"}},
    {.name = "berlin_0230_daily_fall_2026",
     .spec = "TZ=Europe/Berlin 30 2 * * *",
     .from = "2026-10-24T12:00:00+02:00",
     .expected = {"2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00", "2026-10-26T02:30:00+01:00"}},

    // Zones whose DST switch is at midnight.
    {.name = "santiago_midnight_missing_skips_day",
     .spec = "TZ=America/Santiago 0 0 * * *",
     .from = "2024-09-07T12:00:00-04:00",
     .expected = {"2024-09-09T00:00:00-03:00"}},
    {.name = "santiago_midnight_date_jumps_a_year",
     .spec = "TZ=America/Santiago 0 0 8 9 *",
     .from = "2024-09-01T00:00:00-04:00",
     .expected = {"2025-09-08T00:00:00-03:00"}},

    // Half-hour DST: Australia/Lord_Howe (+10:30 / +11).
    {.name = "lord_howe_hourly_spring",
     .spec = "TZ=Australia/Lord_Howe 0 * * * *",
     .from = "2024-10-06T01:00:00+10:30",
     .expected = {"2024-10-06T03:00:00+11:00"}},
    {.name = "lord_howe_hourly_fall",
     .spec = "TZ=Australia/Lord_Howe 0 * * * *",
     .from = "2024-04-07T00:30:00+11:00",
     .expected = {"2024-04-07T01:00:00+11:00", "2024-04-07T02:00:00+10:30"}},

    // Search limit: the rest of the start year plus five years, in the schedule's zone.
    {.name = "feb_30_never", .spec = "0 0 30 2 *", .from = "2024-01-01T00:00:00Z", .expected = {"zero"}},
    {.name = "apr_31_never", .spec = "0 0 31 4 *", .from = "2024-01-01T00:00:00Z", .expected = {"zero"}},
    {.name = "rogue_cronjob_feb_31", .spec = "59 23 31 2 *", .from = "2024-01-01T00:00:00Z", .expected = {"zero"}},
    {.name = "feb_29_from_2096_hits_limit",
     .spec = "0 0 29 2 *",
     .from = "2096-03-01T00:00:00Z",
     .expected = {"zero"}},
    {.name = "feb_29_from_2099_reaches_2104",
     .spec = "0 0 29 2 *",
     .from = "2099-03-01T00:00:00Z",
     .expected = {"2104-02-29T00:00:00Z"}},
    {.name = "limit_year_taken_after_one_second_2098_58",
     .spec = "0 0 29 2 *",
     .from = "2098-12-31T23:59:58Z",
     .expected = {"zero"}},
    {.name = "limit_year_taken_after_one_second_2098_59",
     .spec = "0 0 29 2 *",
     .from = "2098-12-31T23:59:59Z",
     .expected = {"2104-02-29T00:00:00Z"}},
    {.name = "limit_year_in_schedule_zone_tokyo",
     .spec = "TZ=Asia/Tokyo 0 0 29 2 *",
     .from = "2098-12-31T14:59:59Z",
     .expected = {"2104-02-29T00:00:00+09:00"}},
    {.name = "empty_hour_field_never_fires", .spec = "0 , * * *", .from = "2024-01-01T00:00:00Z", .expected = {"zero"}},

    // Zone prefixes and descriptors.
    {.name = "tokyo_daily_descriptor",
     .spec = "TZ=Asia/Tokyo @daily",
     .from = "2024-01-01T00:00:00Z",
     .expected = {"2024-01-02T00:00:00+09:00"}},
    {.name = "cron_tz_prefix_wins_over_controller_zone",
     .spec = "CRON_TZ=Asia/Tokyo 30 4 * * *",
     .controller_zone = "America/New_York",
     .from = "2023-12-31T12:00:00Z",
     .expected = {"2024-01-01T04:30:00+09:00", "2024-01-02T04:30:00+09:00"}},
    {.name = "tz_local_is_the_controller_zone",
     .spec = "TZ=Local 0 0 * * *",
     .controller_zone = "America/New_York",
     .from = "2024-01-01T00:00:00Z",
     .expected = {"2024-01-01T00:00:00-05:00"}},
    {.name = "kolkata_half_hour_offset",
     .spec = "TZ=Asia/Kolkata 0 9 * * *",
     .from = "2024-01-01T00:00:00Z",
     .expected = {"2024-01-01T09:00:00+05:30", "2024-01-02T09:00:00+05:30"}},
    {.name = "kathmandu_quarter_hour_offset",
     .spec = "TZ=Asia/Kathmandu 0 9 * * *",
     .from = "2024-01-01T00:00:00Z",
     .expected = {"2024-01-01T09:00:00+05:45"}},

    // @every: relative to the base instant, whole seconds, no zone.
    {.name = "every_90m_from_half_second",
     .spec = "@every 90m",
     .from = "2024-01-01T10:00:00.5Z",
     .expected = {"2024-01-01T11:30:00Z", "2024-01-01T13:00:00Z"}},
    {.name = "every_ignores_zone_prefix",
     .spec = "TZ=Asia/Tokyo @every 1h30m",
     .from = "2024-01-01T10:00:00Z",
     .expected = {"2024-01-01T20:30:00+09:00"}},
    {.name = "every_1500ms_truncates_to_1s",
     .spec = "@every 1500ms",
     .from = "2024-01-01T10:00:00Z",
     .expected = {"2024-01-01T10:00:01Z", "2024-01-01T10:00:02Z"}},
    {.name = "every_negative_clamps_to_1s",
     .spec = "@every -5m",
     .from = "2024-01-01T10:00:00Z",
     .expected = {"2024-01-01T10:00:01Z"}},
    {.name = "every_0s_clamps_to_1s", .spec = "@every 0s", .from = "2024-01-01T10:00:00Z", .expected = {"2024-01-01T10:00:01Z"}},
    {.name = "every_fraction_of_hour", .spec = "@every 1.5h", .from = "2024-01-01T10:00:00Z", .expected = {"2024-01-01T11:30:00Z"}},

    // Next is strictly after `from`, on whole seconds.
    {.name = "strictly_after_an_activation",
     .spec = "0 0 * * *",
     .from = "2024-01-01T00:00:00Z",
     .expected = {"2024-01-02T00:00:00Z"}},
    {.name = "subsecond_before_activation",
     .spec = "0 0 * * *",
     .from = "2023-12-31T23:59:59.999Z",
     .expected = {"2024-01-01T00:00:00Z"}},
};

INSTANTIATE_TEST_SUITE_P(Cron, NextTest, ::testing::ValuesIn(kNextCases), name_of<NextCase>);

}  // namespace
}  // namespace jobsim::cron
