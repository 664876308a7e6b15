// Schedule: robfig/cron v3.0.1 as Kubernetes uses it: ParseStandard (five fields, names, ranges,
// steps, lists, '?', descriptors, @every, an optional TZ=/CRON_TZ= prefix) and Schedule.Next,
// quirks included (docs/cron.md). Error texts are robfig's, verbatim.
// Upstream: github.com/robfig/cron/v3 v3.0.1 parser.go, spec.go, constantdelay.go.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "jobsim/cron/time_zone.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::cron {

// kZeroTime is Go's time.Time{} (0001-01-01T00:00:00Z): what Next returns when no activation
// exists within its search limit. It is a value, not an error; the controller's arithmetic
// (two zero times are less than a second apart) is what turns it into InvalidSchedule.
inline constexpr SimTime kZeroTime{std::chrono::seconds(-62135596800LL)};

class Schedule;

struct ParseResult;

class Schedule {
 public:
  // parse_standard is robfig's ParseStandard. A TZ=/CRON_TZ= prefix loads its zone with
  // TimeZone::load ("provided bad location <name>: <error>"); TZ=Local means "no prefix".
  // Where robfig panics (a prefix with no space after it), the result is an error whose text
  // says so (docs/fidelity.md).
  static ParseResult parse_standard(std::string_view spec);

  // next is robfig's Schedule.Next(t) where t carries the zone `local` (the controller's local
  // zone, used when the spec has no TZ= prefix). Returns kZeroTime when nothing matches within
  // the search limit (the rest of the start year plus five years).
  SimTime next(SimTime from, const TimeZone& local) const;

  // is_every: an @every schedule (ConstantDelaySchedule), which ignores every zone.
  bool is_every() const { return delay_seconds_ > 0; }
  // zone: the prefix zone, if the spec had one (other than TZ=Local).
  const std::optional<TimeZone>& zone() const { return zone_; }

 private:
  Schedule() = default;
  // Bit sets as robfig keeps them: bit v set when value v is allowed; bit 63 is the star flag.
  std::uint64_t second_ = 0, minute_ = 0, hour_ = 0, dom_ = 0, month_ = 0, dow_ = 0;
  std::optional<TimeZone> zone_;
  std::int64_t delay_seconds_ = 0;  // @every, clamped to >= 1 s and truncated to seconds
  friend struct ScheduleParser;

  // compute_next is next without the memo.
  SimTime compute_next(SimTime from, const TimeZone& local) const;
  // The last results of next. A CronJob sync asks for the same two or three instants several
  // times (mostRecentScheduleTime twice, then nextScheduleTimeDuration, all from the same
  // lastScheduleTime), and so does every sync until the next activation; next is pure, so
  // remembering them only saves the calendar walks (docs/performance.md, issue #4). The zone
  // that applied is part of the key (by name: callers may pass temporaries).
  struct Memo {
    SimTime from{};
    SimTime result{};
    std::string zone;  // local.name() when the spec has no prefix zone; empty otherwise
    bool valid = false;
  };
  mutable std::array<Memo, 2> memo_{};
  mutable std::uint8_t memo_victim_ = 0;
};

// schedule_with_time_zone is the text the CronJob controller hands to the parser
// (cronjob_controllerv2.go formatSchedule): "TZ=<timeZone> <schedule>" when spec.timeZone is
// set, the schedule as is when it is not or when the schedule itself contains "TZ" (a legacy
// TZ=/CRON_TZ= prefix then wins and spec.timeZone is ignored).
std::string schedule_with_time_zone(std::string_view schedule, const std::optional<std::string>& time_zone);
// has_tz_in_schedule: the schedule contains "TZ" anywhere (UnsupportedSchedule; refused on create).
inline bool has_tz_in_schedule(std::string_view schedule) { return schedule.find("TZ") != std::string_view::npos; }

struct ParseResult {
  std::optional<Schedule> schedule;
  std::string error;  // robfig's message when schedule is empty
};

}  // namespace jobsim::cron
