// TimeZone: Go's *time.Location as the CronJob controller uses it, on top of the system's IANA
// database (Howard Hinnant's date/tz reading /usr/share/zoneinfo). The library answers "which
// UTC offset is in force at this instant"; everything that turns a wall-clock reading into an
// instant follows Go's time.Date rule (docs/cron.md), not the library's conventions.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "jobsim/engine/time.hpp"

namespace date {
class time_zone;
}

namespace jobsim::cron::detail {
struct ZoneRules;  // sim/cron/zone_rules.hpp: transitions + the TZif footer rule
}

namespace jobsim::cron {

using engine::SimTime;

class TimeZone;

struct LoadResult;

class TimeZone {
 public:
  // utc is Go's time.UTC.
  static TimeZone utc();
  // load follows Go time.LoadLocation: "" and "UTC" are UTC; any other name must be a zone file
  // of the system database (case-sensitive; links such as US/Eastern work). "Local" is not
  // resolved here: callers give the controller's zone instead (cluster.timeZone).
  static LoadResult load(std::string_view name);

  const std::string& name() const { return name_; }
  // offset_at: the UTC offset in force at `instant` (seconds east of UTC).
  std::chrono::seconds offset_at(SimTime instant) const;
  // offset_seconds_at is offset_at on Unix seconds: the allocation-free form Schedule::next uses.
  std::int64_t offset_seconds_at(std::int64_t unix_seconds) const;
  // OffsetPeriod: an offset and a span of Unix seconds [start, end) in which it is in force
  // (not necessarily the longest such span), so callers can cache it.
  struct OffsetPeriod {
    std::int64_t offset;
    std::int64_t start;
    std::int64_t end;
  };
  OffsetPeriod offset_period_at(std::int64_t unix_seconds) const;
  // abbreviation_at: "CET", "CEST", "UTC", "+0530", ...
  std::string abbreviation_at(SimTime instant) const;

  bool operator==(const TimeZone& other) const { return name_ == other.name_; }

 private:
  TimeZone(std::string name, const date::time_zone* zone, const detail::ZoneRules* rules)
      : name_(std::move(name)), zone_(zone), rules_(rules) {}
  std::string name_;
  const date::time_zone* zone_ = nullptr;  // nullptr: UTC
  // rules_: the zone's offsets, built once per zone from date/tz and kept for the process's
  // lifetime (like date/tz's own database); nullptr for UTC.
  const detail::ZoneRules* rules_ = nullptr;
};

// LoadResult: a zone, or Go's LoadLocation error text ("unknown time zone Mars/Base").
struct LoadResult {
  std::optional<TimeZone> zone;
  std::string error;
};

// CivilTime: a wall-clock reading. Fields may be out of range when passed to go_date (month 13,
// day 32, hour 25); go_date normalises them as Go's time.Date does.
struct CivilTime {
  std::int64_t year = 1970;
  std::int64_t month = 1;  // 1..12
  std::int64_t day = 1;    // 1..31
  std::int64_t hour = 0;
  std::int64_t minute = 0;
  std::int64_t second = 0;
  bool operator==(const CivilTime&) const = default;
};

// go_date is Go's time.Date(year, month, day, hour, min, sec, 0, zone): fields are normalised,
// then a wall time that does not exist (spring-forward gap) or exists twice (fall-back) is
// resolved with Go's rule: read it as UTC, take the offset o1 in force there, the offset o2 in
// force at (W - o1), and return W - o2.
SimTime go_date(const CivilTime& wall, const TimeZone& zone);

// civil_time is the wall-clock reading of `instant` in `zone` (sub-seconds dropped).
CivilTime civil_time(SimTime instant, const TimeZone& zone);
// weekday: 0 = Sunday .. 6 = Saturday, of the wall-clock date.
int weekday(const CivilTime& wall);

// format_rfc3339 is Go's t.In(zone).Format(time.RFC3339): "2026-03-29T03:00:00+02:00", and "Z"
// whenever the offset is zero (also for Europe/London in winter), sub-seconds dropped.
std::string format_rfc3339(SimTime instant, const TimeZone& zone);

}  // namespace jobsim::cron
