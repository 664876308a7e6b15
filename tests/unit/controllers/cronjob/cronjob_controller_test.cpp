// Tests for CronJobController::sync against the real API server of the cluster layer.
// Ported from upstream pkg/controller/cronjob/cronjob_controllerv2_test.go
// TestControllerV2SyncCronJob: case names are upstream's in snake_case; the setup follows
// upstream's (cronjob "mycronjob" in "snazzycats", uid 1a2b3c; a previous Job built from the
// template for jobCreationTime, uid 1234, Complete 10 s after that time unless still active).
// Where upstream counts events, the expected reasons are listed in order (upstream's counts are
// their length). Not portable, because here the informer cache is the API store and writes do
// not fail: the cases that inject a Job GET error ("still active, is time, get job failed, R"),
// an AlreadyExists create error on an empty store, a namespace being terminated, a Job missing
// from the lister only ("this started but went missing...") or a stale CronJob in the lister
// ("this started but is not present in cronjob active list..."). Cases marked "ours" cover the
// same code paths with a real store; their expectations are derived in their comments.
#include "jobsim/controllers/cronjob/cronjob_controller.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobsim/cluster/api_server.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "jobsim/engine/time.hpp"
#include "testing/table.hpp"

namespace jobsim::controllers::cronjob {
namespace {

using namespace std::chrono_literals;
using api::ConcurrencyPolicy;
using jobsim::test_support::name_of;

JOBSIM_PRINT_CASES_BY_NAME()

SimTime at(std::string_view rfc3339) { return engine::parse_rfc3339(rfc3339).value(); }

// Upstream's instants (2016-05-19, a Thursday).
const SimTime kTopOfTheHour = at("2016-05-19T10:00:00Z");
const SimTime kJustAfterThePriorHour = at("2016-05-19T09:01:00Z");
const SimTime kJustBeforeThePriorHour = at("2016-05-19T08:59:00Z");
const SimTime kJustAfterTheHour = at("2016-05-19T10:01:00Z");
const SimTime kJustBeforeTheHour = at("2016-05-19T09:59:00Z");
const SimTime kJustBeforeTheNextHour = at("2016-05-19T10:59:00Z");
const SimTime kWeekAfterTheHour = at("2016-05-26T10:00:00Z");

constexpr std::int64_t kShortDead = 10;
constexpr std::int64_t kMediumDead = 2 * 60 * 60;
constexpr std::int64_t kLongDead = 1000000;
constexpr std::string_view kOnTheHour = "0 * * * ?";
constexpr std::string_view kEveryHour = "@every 1h";
constexpr std::string_view kErrorSchedule = "obvious error schedule";

struct SyncCase {
  std::string_view name;
  // cronjob spec
  ConcurrencyPolicy concurrency_policy = ConcurrencyPolicy::Allow;
  bool suspend = false;
  std::string_view schedule = kOnTheHour;
  std::optional<std::string> time_zone;
  std::optional<std::int64_t> deadline;
  // cronjob status
  bool ran_previously = false;
  bool still_active = false;
  // environment
  std::optional<SimTime> cronjob_creation_time;
  SimTime job_creation_time = kJustAfterThePriorHour;
  std::optional<SimTime> last_schedule_time;
  SimTime now;
  // expectations
  bool expect_create = false;
  bool expect_delete = false;
  std::size_t expect_active = 0;
  std::vector<std::string_view> expect_events;  // reasons, in order
  bool expect_err = false;
  std::optional<Duration> expect_requeue_after;
  bool expect_update_status = false;
};

const SyncCase kSyncCases[] = {
    {.name = "never_ran_not_valid_schedule_a",
     .schedule = kErrorSchedule,
     .now = kJustBeforeTheHour,
     .expect_events = {reason::kUnparseableSchedule}},
    {.name = "never_ran_not_valid_schedule_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .schedule = kErrorSchedule,
     .now = kJustBeforeTheHour,
     .expect_events = {reason::kUnparseableSchedule}},
    {.name = "never_ran_not_valid_schedule_r",
     .concurrency_policy = ConcurrencyPolicy::Forbid,  // sic: upstream's "R" case uses Forbid
     .schedule = kErrorSchedule,
     .now = kJustBeforeTheHour,
     .expect_events = {reason::kUnparseableSchedule}},
    {.name = "never_ran_not_valid_time_zone",
     .time_zone = "bad timezone",
     .now = kJustBeforeTheHour,
     .expect_events = {reason::kUnknownTimeZone}},
    {.name = "never_ran_not_time_a", .now = kJustBeforeTheHour, .expect_requeue_after = 1min + kNextScheduleDelta},
    {.name = "never_ran_not_time_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .now = kJustBeforeTheHour,
     .expect_requeue_after = 1min + kNextScheduleDelta},
    {.name = "never_ran_not_time_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .now = kJustBeforeTheHour,
     .expect_requeue_after = 1min + kNextScheduleDelta},
    {.name = "never_ran_not_time_in_zone",
     .time_zone = "America/New_York",
     .now = kJustBeforeTheHour,
     .expect_requeue_after = 1min + kNextScheduleDelta},
    {.name = "never_ran_is_time_a",
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "never_ran_is_time_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "never_ran_is_time_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "never_ran_is_time_in_zone_but_time_zone_disabled",
     .time_zone = "America/New_York",
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "never_ran_is_time_in_zone",
     .time_zone = "America/New_York",
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "never_ran_is_time_in_zone_but_tz_is_also_set_in_schedule",
     .schedule = "TZ=UTC 0 * * * ?",
     .time_zone = "America/New_York",
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kUnsupportedSchedule, reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "never_ran_is_time_suspended", .suspend = true, .now = kJustAfterTheHour},
    // The 10 s deadline moves earliest to 10:11: t1 = 11:00.
    {.name = "never_ran_is_time_past_deadline",
     .deadline = kShortDead,
     .now = kJustAfterTheHour + std::chrono::minutes(kShortDead + 1),
     .expect_requeue_after = 1h - 1min - std::chrono::minutes(kShortDead + 1) + kNextScheduleDelta},
    {.name = "never_ran_is_time_not_past_deadline",
     .deadline = kLongDead,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},

    {.name = "prev_ran_but_done_not_time_a",
     .ran_previously = true,
     .now = kJustBeforeTheHour,
     .expect_requeue_after = 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_not_time_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .ran_previously = true,
     .now = kJustBeforeTheHour,
     .expect_requeue_after = 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_not_time_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .ran_previously = true,
     .now = kJustBeforeTheHour,
     .expect_requeue_after = 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_is_time_a",
     .ran_previously = true,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_is_time_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .ran_previously = true,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_is_time_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .ran_previously = true,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_is_time_suspended",
     .suspend = true,
     .ran_previously = true,
     .now = kJustAfterTheHour,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_is_time_past_deadline",
     .deadline = kShortDead,
     .ran_previously = true,
     .now = kJustAfterTheHour,
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_is_time_not_past_deadline",
     .deadline = kLongDead,
     .ran_previously = true,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},

    {.name = "still_active_not_time_a",
     .ran_previously = true,
     .still_active = true,
     .now = kJustBeforeTheHour,
     .expect_active = 1,
     .expect_requeue_after = 1min + kNextScheduleDelta},
    {.name = "still_active_not_time_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .ran_previously = true,
     .still_active = true,
     .now = kJustBeforeTheHour,
     .expect_active = 1,
     .expect_requeue_after = 1min + kNextScheduleDelta},
    {.name = "still_active_not_time_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .ran_previously = true,
     .still_active = true,
     .now = kJustBeforeTheHour,
     .expect_active = 1,
     .expect_requeue_after = 1min + kNextScheduleDelta},
    {.name = "still_active_is_time_a",
     .ran_previously = true,
     .still_active = true,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 2,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "still_active_is_time_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .ran_previously = true,
     .still_active = true,
     .now = kJustAfterTheHour,
     .expect_active = 1,
     .expect_events = {reason::kJobAlreadyActive},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta},
    {.name = "still_active_is_time_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .ran_previously = true,
     .still_active = true,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_delete = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulDelete, reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "still_active_is_time_suspended",
     .suspend = true,
     .ran_previously = true,
     .still_active = true,
     .now = kJustAfterTheHour,
     .expect_active = 1},
    {.name = "still_active_is_time_past_deadline",
     .deadline = kShortDead,
     .ran_previously = true,
     .still_active = true,
     .now = kJustAfterTheHour,
     .expect_active = 1,
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta},
    {.name = "still_active_is_time_not_past_deadline",
     .deadline = kLongDead,
     .ran_previously = true,
     .still_active = true,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 2,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},

    // A week of hourly misses (168 > 100): TooManyMissedTimes, and the Job is still created.
    {.name = "prev_ran_but_done_long_overdue_not_past_deadline_a",
     .deadline = kLongDead,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kTooManyMissedTimes, reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_not_past_deadline_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .deadline = kLongDead,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kTooManyMissedTimes, reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_not_past_deadline_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .deadline = kLongDead,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kTooManyMissedTimes, reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_no_deadline_a",
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kTooManyMissedTimes, reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_no_deadline_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kTooManyMissedTimes, reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_no_deadline_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kTooManyMissedTimes, reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    // A deadline folds the misses into a short window: no warning.
    {.name = "prev_ran_but_done_long_overdue_past_medium_deadline_a",
     .deadline = kMediumDead,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_past_short_deadline_a",
     .deadline = kShortDead,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_past_medium_deadline_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .deadline = kMediumDead,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_past_short_deadline_r",
     .concurrency_policy = ConcurrencyPolicy::Replace,
     .deadline = kShortDead,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_past_medium_deadline_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .deadline = kMediumDead,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "prev_ran_but_done_long_overdue_past_short_deadline_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .deadline = kShortDead,
     .ran_previously = true,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},

    // The previous Job was created at 10:01 but now reads 09:59 (clock skew): nothing is due.
    {.name = "this_ran_but_done_time_drifted_back_f",
     .concurrency_policy = ConcurrencyPolicy::Forbid,
     .ran_previously = true,
     .job_creation_time = kJustAfterTheHour,
     .now = kJustBeforeTheHour,
     .expect_requeue_after = 1min + kNextScheduleDelta,
     .expect_update_status = true},

    {.name = "with_every_schedule_never_ran_not_time",
     .schedule = kEveryHour,
     .cronjob_creation_time = kJustBeforeTheHour,
     .job_creation_time = kJustBeforeTheHour,
     .now = kTopOfTheHour,
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta},
    {.name = "with_every_schedule_never_ran_is_time",
     .schedule = kEveryHour,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeThePriorHour,
     .now = kJustBeforeTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "with_every_schedule_never_ran_is_time_past_deadline",
     .schedule = kEveryHour,
     .deadline = kShortDead,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeThePriorHour,
     .now = kJustBeforeTheHour + std::chrono::seconds(kShortDead + 1),
     .expect_requeue_after = 1h - std::chrono::seconds(kShortDead + 1) + kNextScheduleDelta},
    {.name = "with_every_schedule_never_ran_is_time_not_past_deadline",
     .schedule = kEveryHour,
     .deadline = kLongDead,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeThePriorHour,
     .now = kJustBeforeTheHour + std::chrono::seconds(kShortDead - 1),
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - std::chrono::seconds(kShortDead - 1) + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "with_every_schedule_prev_ran_but_done_not_time",
     .schedule = kEveryHour,
     .ran_previously = true,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeThePriorHour,
     .last_schedule_time = kJustBeforeTheHour,
     .now = kTopOfTheHour,
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "with_every_schedule_prev_ran_but_done_is_time",
     .schedule = kEveryHour,
     .ran_previously = true,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeThePriorHour,
     .last_schedule_time = kJustBeforeTheHour,
     .now = kTopOfTheHour + 1h,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta,
     .expect_update_status = true},
    // With @every, a 10 s deadline shorter than the hour never lets a run be due.
    {.name = "with_every_schedule_prev_ran_but_done_is_time_past_deadline",
     .schedule = kEveryHour,
     .deadline = kShortDead,
     .ran_previously = true,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeThePriorHour,
     .last_schedule_time = kJustBeforeTheHour,
     .now = kJustBeforeTheNextHour + std::chrono::seconds(kShortDead + 1),
     .expect_requeue_after = 1h - std::chrono::seconds(kShortDead + 1) + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "with_every_schedule_still_active_not_time",
     .schedule = kEveryHour,
     .ran_previously = true,
     .still_active = true,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeTheHour,
     .last_schedule_time = kJustBeforeTheHour,
     .now = kTopOfTheHour,
     .expect_active = 1,
     .expect_requeue_after = 1h - 1min + kNextScheduleDelta},
    {.name = "with_every_schedule_still_active_is_time",
     .schedule = kEveryHour,
     .ran_previously = true,
     .still_active = true,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeThePriorHour,
     .last_schedule_time = kJustBeforeThePriorHour,
     .now = kJustAfterTheHour,
     .expect_create = true,
     .expect_active = 2,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - 2min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "with_every_schedule_still_active_is_time_past_deadline",
     .schedule = kEveryHour,
     .deadline = kShortDead,
     .ran_previously = true,
     .still_active = true,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeTheHour,
     .last_schedule_time = kJustBeforeTheHour,
     .now = kJustBeforeTheNextHour + std::chrono::seconds(kShortDead + 1),
     .expect_active = 1,
     .expect_requeue_after = 1h - std::chrono::seconds(kShortDead + 1) + kNextScheduleDelta},
    {.name = "with_every_schedule_still_active_is_time_not_past_deadline",
     .schedule = kEveryHour,
     .deadline = kLongDead,
     .ran_previously = true,
     .still_active = true,
     .cronjob_creation_time = kJustBeforeThePriorHour,
     .job_creation_time = kJustBeforeTheHour,
     .last_schedule_time = kJustBeforeTheHour,
     .now = kJustBeforeTheNextHour + std::chrono::seconds(kShortDead - 1),
     .expect_create = true,
     .expect_active = 2,
     .expect_events = {reason::kSuccessfulCreate},
     .expect_requeue_after = 1h - std::chrono::seconds(kShortDead - 1) + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "with_every_schedule_prev_ran_but_done_long_overdue_no_deadline",
     .schedule = kEveryHour,
     .ran_previously = true,
     .cronjob_creation_time = kJustAfterThePriorHour,
     .job_creation_time = kJustAfterThePriorHour,
     .last_schedule_time = kJustAfterTheHour,
     .now = kWeekAfterTheHour,
     .expect_create = true,
     .expect_active = 1,
     .expect_events = {reason::kTooManyMissedTimes, reason::kSuccessfulCreate},
     .expect_requeue_after = 1min + kNextScheduleDelta,
     .expect_update_status = true},
    {.name = "with_every_schedule_prev_ran_but_done_long_overdue_past_deadline",
     .schedule = kEveryHour,
     .deadline = kShortDead,
     .ran_previously = true,
     .cronjob_creation_time = kJustAfterThePriorHour,
     .job_creation_time = kJustAfterThePriorHour,
     .last_schedule_time = kJustAfterTheHour,
     .now = kWeekAfterTheHour + 1min + std::chrono::seconds(kShortDead + 1),
     .expect_requeue_after = 1h - std::chrono::seconds(kShortDead + 1) + kNextScheduleDelta,
     .expect_update_status = true},

    // Ours: a schedule that never fires (`59 23 31 2 *`, utils_test "rogue cronjob"):
    // InvalidSchedule, no Job, no requeue.
    {.name = "rogue_schedule_is_invalid", .schedule = "59 23 31 2 *", .now = kJustAfterTheHour,
     .expect_events = {reason::kInvalidSchedule}},
};

// The world of one case: the real API server and the controller, at `now`.
class SyncHarness {
 public:
  explicit SyncHarness(SimTime now)
      : sim_(now),
        streams_(1),
        api_(sim_, streams_),
        client_(api_),
        controller_(sim_, api_.cron_jobs(), api_.jobs(), client_,
                    cluster::EventRecorder(sim_, events_, std::string(kCronJobControllerSource)),
                    cron::TimeZone::utc()) {
    events_.connect([this](const api::Event& event) { recorded_.push_back(event); });
  }
  cluster::ApiServer& api() { return api_; }
  CronJobController& controller() { return controller_; }
  const std::vector<api::Event>& events() const { return recorded_; }
  std::vector<std::string> reasons() const {
    std::vector<std::string> out;
    for (const api::Event& event : recorded_) out.push_back(event.reason);
    return out;
  }
  const api::CronJob& cron_job(api::ObjectId id) { return *api_.cron_jobs().get(id); }
  // clear_events forgets what the setup caused (the update handler's own warnings).
  void clear_events() { recorded_.clear(); }

 private:
  engine::Simulator sim_;
  engine::RandomStreams streams_;
  cluster::ApiServer api_;
  cluster::EventSink events_;
  cluster::Client client_;
  std::vector<api::Event> recorded_;
  CronJobController controller_;
};

api::JobSpec job_spec() {
  api::JobSpec spec;
  spec.parallelism = 1;
  spec.completions = 1;
  spec.template_.labels = {{"foo", "bar"}};
  api::Container container;
  container.name = "main";
  container.image = "foo/bar";
  spec.template_.spec.edit().containers.push_back(container);
  spec.template_.spec.edit().restart_policy = api::RestartPolicy::OnFailure;
  spec.template_.spec.edit().restart_policy_set = true;
  return spec;
}

// Upstream's cronJob().
api::CronJob base_cron_job() {
  api::CronJob cj;
  cj.metadata.edit().name = "mycronjob";
  cj.metadata.edit().namespace_ = "snazzycats";
  cj.metadata.edit().uid = "1a2b3c";
  cj.metadata.edit().creation_timestamp = kJustBeforeTheHour;
  cj.spec.edit().schedule = "* * * * ?";
  cj.spec.edit().concurrency_policy = ConcurrencyPolicy::Allow;
  cj.spec.edit().job_template.labels = {{"a", "b"}};
  cj.spec.edit().job_template.annotations = {{"x", "y"}};
  cj.spec.edit().job_template.spec = job_spec();
  return cj;
}

// The previous Job of a case, as upstream builds it from the template (its creationTimestamp is
// the time it was built for).
api::Job previous_job(const api::CronJob& cj, SimTime created, bool still_active) {
  api::Job job = get_job_from_template2(cj, created).job.value();
  job.metadata.edit().uid = "1234";
  job.metadata.edit().creation_timestamp = created;
  if (!still_active) {
    job.status.edit().completion_time = created + 10s;
    job.status.edit().conditions.push_back({.type = std::string(api::kJobComplete), .status = api::ConditionStatus::True});
  }
  return job;
}

api::ObjectReference reference_of(const api::Job& job) {
  return {.namespace_ = job.metadata->namespace_, .name = job.metadata->name, .uid = job.metadata->uid};
}

class SyncCronJobTest : public testing::TestWithParam<SyncCase> {};

TEST_P(SyncCronJobTest, matches_upstream) {
  const SyncCase& c = GetParam();
  SyncHarness harness(c.now);
  api::CronJob cj = base_cron_job();
  cj.spec.edit().concurrency_policy = c.concurrency_policy;
  cj.spec.edit().suspend = c.suspend;
  cj.spec.edit().schedule = std::string(c.schedule);
  cj.spec.edit().time_zone = c.time_zone;
  cj.spec.edit().starting_deadline_seconds = c.deadline;

  std::optional<api::Job> job;
  if (c.ran_previously) {
    cj.metadata.edit().creation_timestamp = c.cronjob_creation_time.value_or(kJustBeforeThePriorHour);
    cj.status.edit().last_schedule_time = c.last_schedule_time.value_or(kJustAfterThePriorHour);
    job = previous_job(cj, c.job_creation_time, c.still_active);
    if (c.still_active) cj.status.edit().active.push_back(reference_of(*job));
  } else {
    cj.metadata.edit().creation_timestamp = c.cronjob_creation_time.value_or(kJustBeforeTheHour);
  }
  // The API server validates on create; an unparsable schedule or unknown zone is a legacy
  // object here, so it is stored with a valid spec and then given the bad one.
  api::CronJob valid = cj;
  valid.spec.edit().schedule = std::string(kOnTheHour);
  valid.spec.edit().time_zone.reset();
  const api::ObjectId id = harness.api().create(valid).id;
  ASSERT_NE(id, api::kNoObject);
  if (valid.spec != cj.spec) {
    api::CronJob stored = harness.cron_job(id);
    stored.spec.edit().schedule = cj.spec->schedule;
    stored.spec.edit().time_zone = cj.spec->time_zone;
    harness.api().update(id, stored);
  }
  if (job) {
    const cluster::ApiResult created = harness.api().create(*job);
    ASSERT_TRUE(created.ok()) << created.message;
    if (c.still_active) {  // the reference carries the stored resourceVersion
      api::CronJob stored = harness.cron_job(id);
      stored.status.edit().active = {reference_of(*harness.api().jobs().get(created.id))};
      harness.api().update(id, stored);
    }
  }
  const std::int64_t version_before = harness.cron_job(id).metadata->resource_version;
  const std::size_t jobs_before = harness.api().jobs().size();
  // Giving the stored object a bad schedule ran the update handler, which reports it
  // (UnParseableCronJobSchedule); upstream's table calls syncCronJob alone.
  harness.clear_events();

  const SyncResult result = harness.controller().sync(id);

  EXPECT_EQ(result.error.has_value(), c.expect_err) << result.error.value_or("");
  if (c.expect_requeue_after) {
    EXPECT_EQ(result.requeue_after, c.expect_requeue_after);
  } else {
    EXPECT_EQ(result.requeue_after, std::nullopt);
  }
  std::vector<std::string> want_events(c.expect_events.begin(), c.expect_events.end());
  EXPECT_EQ(harness.reasons(), want_events);
  const api::CronJob& after = harness.cron_job(id);
  EXPECT_EQ(after.metadata->resource_version != version_before, c.expect_update_status);
  EXPECT_EQ(after.status->active.size(), c.expect_active);
  const std::size_t want_jobs = jobs_before + (c.expect_create ? 1 : 0) - (c.expect_delete ? 1 : 0);
  EXPECT_EQ(harness.api().jobs().size(), want_jobs);
  if (c.ran_previously && !c.still_active) {
    EXPECT_EQ(after.status->last_successful_time, c.job_creation_time + 10s);
  }
  if (c.expect_create) {
    const api::ObjectReference& newest = after.status->active.back();
    const api::Job* created = harness.api().jobs().get(harness.api().jobs().find("snazzycats", newest.name));
    ASSERT_NE(created, nullptr);
    ASSERT_NE(api::controller_ref(created->metadata), nullptr);
    EXPECT_EQ(*api::controller_ref(created->metadata), (api::OwnerReference{.api_version = "batch/v1",
                                                                              .kind = "CronJob",
                                                                              .name = "mycronjob",
                                                                              .uid = "1a2b3c",
                                                                              .controller = true,
                                                                              .block_owner_deletion = true}));
    EXPECT_EQ(newest.name, get_job_name(after, *after.status->last_schedule_time));
  }
}

INSTANTIATE_TEST_SUITE_P(Upstream, SyncCronJobTest, testing::ValuesIn(kSyncCases), name_of<SyncCase>);

// ---- ours: paths that need several objects or several syncs -------------------------------

struct Fixture {
  SyncHarness harness{kJustAfterTheHour};
  api::ObjectId id = api::kNoObject;

  explicit Fixture(std::function<void(api::CronJob&)> edit = nullptr) {
    api::CronJob cj = base_cron_job();
    cj.spec.edit().schedule = std::string(kOnTheHour);
    cj.metadata.edit().creation_timestamp = kJustBeforeThePriorHour;
    cj.status.edit().last_schedule_time = kJustAfterThePriorHour;
    if (edit) edit(cj);
    id = harness.api().create(cj).id;
  }
  api::ObjectId add_job(SimTime scheduled, std::string uid, std::optional<std::string_view> condition,
                        std::optional<SimTime> start_time = std::nullopt) {
    api::Job job = get_job_from_template2(harness.cron_job(id), scheduled).job.value();
    job.metadata.edit().uid = std::move(uid);
    job.status.edit().start_time = start_time;
    if (condition) {
      job.status.edit().conditions.push_back({.type = std::string(*condition), .status = api::ConditionStatus::True});
      if (*condition == api::kJobComplete) job.status.edit().completion_time = scheduled + 10s;
    }
    return harness.api().create(job).id;
  }
  void set_active(std::vector<std::string_view> names) {
    api::CronJob cj = harness.cron_job(id);
    cj.status.edit().active.clear();
    for (std::string_view name : names) {
      const api::Job* job = harness.api().jobs().get(harness.api().jobs().find("snazzycats", name));
      cj.status.edit().active.push_back(reference_of(*job));
    }
    harness.api().update(id, cj);
  }
};

// An unfinished Job with the scheduled name that is not in status.active: UnexpectedJob, then
// the create for 10:00 hits AlreadyExists, the Job is ours (controller reference) and is
// adopted without SuccessfulCreate (the name is the lock).
TEST(SyncCronJobOurs, unexpected_job_with_the_scheduled_name_is_adopted) {
  Fixture f;
  f.add_job(kTopOfTheHour, "j-1000", std::nullopt);
  const SyncResult result = f.harness.controller().sync(f.id);
  EXPECT_EQ(f.harness.reasons(), (std::vector<std::string>{"UnexpectedJob"}));
  EXPECT_EQ(f.harness.events()[0].message, "Saw a job that the controller did not create or forgot: mycronjob-24394200");
  const api::CronJob& after = f.harness.cron_job(f.id);
  ASSERT_EQ(after.status->active.size(), 1u);
  EXPECT_EQ(after.status->active[0].uid, "j-1000");
  EXPECT_EQ(after.status->last_schedule_time, kTopOfTheHour);
  EXPECT_EQ(result.requeue_after, 1h - 1min + kNextScheduleDelta);
}

// An active entry whose Job is gone: MissingJob, removed, and the due run is created.
TEST(SyncCronJobOurs, missing_active_job_is_removed) {
  Fixture f([](api::CronJob& cj) {
    cj.status.edit().active.push_back({.namespace_ = "snazzycats", .name = "mycronjob-24394141", .uid = "gone"});
  });
  f.harness.controller().sync(f.id);
  EXPECT_EQ(f.harness.reasons(), (std::vector<std::string>{"MissingJob", "SuccessfulCreate"}));
  EXPECT_EQ(f.harness.events()[0].message, "Active job went missing: mycronjob-24394141");
  EXPECT_EQ(f.harness.events()[1].message, "Created job mycronjob-24394200");
}

// A finished active Job: SawCompletedJob with its condition; Forbid then creates the due run.
TEST(SyncCronJobOurs, saw_completed_job_then_forbid_creates) {
  Fixture f([](api::CronJob& cj) { cj.spec.edit().concurrency_policy = ConcurrencyPolicy::Forbid; });
  f.add_job(kJustAfterThePriorHour, "j-0901", api::kJobFailed);
  f.set_active({"mycronjob-24394141"});
  f.harness.controller().sync(f.id);
  EXPECT_EQ(f.harness.reasons(), (std::vector<std::string>{"SawCompletedJob", "SuccessfulCreate"}));
  EXPECT_EQ(f.harness.events()[0].message, "Saw completed job: mycronjob-24394141, condition: Failed");
  EXPECT_FALSE(f.harness.cron_job(f.id).status->last_successful_time) << "a failed Job does not count";
}

// History: four Complete Jobs and the default limit 3: the oldest by startTime is deleted
// (Background: gone from the store at once) with SuccessfulDelete, before the create.
TEST(SyncCronJobOurs, successful_jobs_history_limit_deletes_the_oldest) {
  Fixture f;
  f.add_job(kTopOfTheHour - 4h, "j1", api::kJobComplete, kTopOfTheHour - 4h);
  f.add_job(kTopOfTheHour - 3h, "j2", api::kJobComplete, kTopOfTheHour - 3h);
  f.add_job(kTopOfTheHour - 2h, "j3", api::kJobComplete, kTopOfTheHour - 2h);
  f.add_job(kJustAfterThePriorHour, "j4", api::kJobComplete, kJustAfterThePriorHour);
  f.harness.controller().sync(f.id);
  EXPECT_EQ(f.harness.reasons(), (std::vector<std::string>{"SuccessfulDelete", "SuccessfulCreate"}));
  EXPECT_EQ(f.harness.events()[0].message, "Deleted job mycronjob-24393960");  // 06:00Z
  EXPECT_EQ(f.harness.api().jobs().find("snazzycats", "mycronjob-24393960"), api::kNoObject);
  // lastSuccessfulTime is the latest completion among the listed Jobs (the deleted one too).
  EXPECT_EQ(f.harness.cron_job(f.id).status->last_successful_time, kJustAfterThePriorHour + 10s);
}

// failedJobsHistoryLimit 0 deletes a failed active Job in cleanup, which also drops it from
// status.active: the reconcile loop then sees it finished but not active, so no SawCompletedJob.
TEST(SyncCronJobOurs, failed_limit_zero_deletes_before_saw_completed) {
  Fixture f([](api::CronJob& cj) { cj.spec.edit().failed_jobs_history_limit = 0; });
  f.add_job(kJustAfterThePriorHour, "j-0901", api::kJobFailed);
  f.set_active({"mycronjob-24394141"});
  f.harness.controller().sync(f.id);
  EXPECT_EQ(f.harness.reasons(), (std::vector<std::string>{"SuccessfulDelete", "SuccessfulCreate"}));
}

// Replace with two active Jobs: both deleted in the order of status.active, then the create.
TEST(SyncCronJobOurs, replace_deletes_every_active_job) {
  Fixture f([](api::CronJob& cj) { cj.spec.edit().concurrency_policy = ConcurrencyPolicy::Replace; });
  f.add_job(kJustBeforeThePriorHour, "a", std::nullopt);
  f.add_job(kJustAfterThePriorHour, "b", std::nullopt);
  f.set_active({"mycronjob-24394141", "mycronjob-24394139"});
  f.harness.controller().sync(f.id);
  EXPECT_EQ(f.harness.reasons(), (std::vector<std::string>{"SuccessfulDelete", "SuccessfulDelete", "SuccessfulCreate"}));
  EXPECT_EQ(f.harness.events()[0].message, "Deleted job mycronjob-24394141");
  EXPECT_EQ(f.harness.events()[1].message, "Deleted job mycronjob-24394139");
  EXPECT_EQ(f.harness.api().jobs().size(), 1u);
}

// A CronJob being deleted: status only, no Job, no requeue.
TEST(SyncCronJobOurs, deletion_timestamp_stops_after_the_status) {
  Fixture f([](api::CronJob& cj) {
    cj.metadata.edit().deletion_timestamp = kTopOfTheHour;
    cj.metadata.edit().finalizers.push_back("foregroundDeletion");
  });
  const SyncResult result = f.harness.controller().sync(f.id);
  EXPECT_EQ(result, SyncResult{});
  EXPECT_TRUE(f.harness.reasons().empty());
  EXPECT_EQ(f.harness.api().jobs().size(), 0u);
}

}  // namespace
}  // namespace jobsim::controllers::cronjob
