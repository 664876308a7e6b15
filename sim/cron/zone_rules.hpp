// ZoneRules: one zone's UTC offsets, private to sim/cron. The transitions come from date/tz
// (which reads the system's compiled zoneinfo); instants after the last transition follow the
// zone file's POSIX TZ footer ("EST5EDT,M3.2.0,M11.1.0") as Go does. date/tz 3.0.1 with the OS
// database ignores that footer and freezes the last offset, so without this a New York
// schedule would have no DST after 2037.
// Upstream: Go src/time/zoneinfo.go (Location.lookup, tzset, tzsetRule, tzruleTime).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobsim::cron::detail {

// PosixRule is Go's time.rule: when DST starts or ends in a year.
struct PosixRule {
  enum class Kind : std::uint8_t { Julian, DayOfYear, MonthWeekDay };
  Kind kind = Kind::MonthWeekDay;
  int day = 0;
  int week = 0;
  int month = 0;
  std::int64_t time = 7200;  // seconds after local midnight (may be negative or above 24h)
};

// PosixTz: a parsed TZ string (the TZif footer).
struct PosixTz {
  std::string std_name;
  std::int64_t std_offset = 0;  // seconds east of UTC
  bool has_dst = false;
  std::string dst_name;
  std::int64_t dst_offset = 0;
  PosixRule start;
  PosixRule end;
};

// parse_posix_tz is Go's tzset grammar; nullopt where Go's tzset reports !ok.
std::optional<PosixTz> parse_posix_tz(std::string_view text);

struct ZoneRules {
  std::vector<std::int64_t> transition_at;  // Unix seconds, ascending
  std::vector<std::int32_t> offset_from;    // offset in force from transition_at[i] on
  std::vector<std::uint16_t> abbrev_from;   // index into abbrevs
  std::int32_t initial_offset = 0;          // before the first transition
  std::uint16_t initial_abbrev = 0;
  std::vector<std::string> abbrevs;
  std::optional<PosixTz> footer;  // used at and after the last transition

  // offset_at: seconds east of UTC in force at `unix_seconds`.
  std::int64_t offset_at(std::int64_t unix_seconds) const;
  // period_at: that offset with a span [start, end) around `unix_seconds` in which it holds.
  struct Span {
    std::int64_t offset;
    std::int64_t start;
    std::int64_t end;
  };
  Span period_at(std::int64_t unix_seconds) const;
  std::string_view abbreviation_at(std::int64_t unix_seconds) const;

 private:
  struct Period {
    std::int64_t offset;
    std::string_view abbrev;
    std::int64_t start;
    std::int64_t end;
  };
  Period lookup(std::int64_t unix_seconds) const;
};

}  // namespace jobsim::cron::detail
