// Simulated time: integer microseconds in std::chrono types (CONTRIBUTING.md "Time, ordering and randomness"), plus RFC 3339 and
// Go-style duration text. Calendar math is proleptic Gregorian UTC (Howard Hinnant's algorithms);
// there are no time zones and no leap seconds.
#pragma once

#include <chrono>    // std::chrono::duration, time_point
#include <cstdint>
#include <iosfwd>    // std::ostream, for operator<<
#include <optional>
#include <string>
#include <string_view>

namespace jobsim::engine {

// Duration is a signed span of simulated time in microseconds (reaches about ±292,000 years).
using Duration = std::chrono::duration<std::int64_t, std::micro>;

// SimClock names simulated time. Its epoch is the Unix epoch (1970-01-01T00:00:00Z). It has no
// now(): only a Simulator (or a FakeClock in tests) knows the current instant.
struct SimClock {
  using rep = std::int64_t;
  using period = std::micro;
  using duration = Duration;
  using time_point = std::chrono::time_point<SimClock, Duration>;
  static constexpr bool is_steady = true;
};

// SimTime is an instant of simulated time.
using SimTime = SimClock::time_point;

// parse_rfc3339 parses "2026-03-01T02:30:00Z" or "2026-03-01T02:30:00.5+02:00" ('t' and 'z' may be
// lowercase). Fractional seconds take 1 to 9 digits and are truncated to microseconds. As an
// extension the year may carry a leading '-' so that every year to_rfc3339 writes in -9999..9999
// reads back. Returns nullopt for malformed text or out-of-range fields (month 13, Feb 30,
// 24:00:00, second 60, offset hour 24).
std::optional<SimTime> parse_rfc3339(std::string_view text);

// to_rfc3339 formats `at` in UTC: "2026-03-01T02:30:00Z"; "…:00.100Z" (milliseconds) when not a
// whole second; "…:00.000123Z" (microseconds) when not a whole millisecond. Years before 0 are
// written as "-0001"; years past 9999 get more digits.
std::string to_rfc3339(SimTime at);
// to_rfc3339_millis is the output form of docs/outputs.md: UTC, the instant floored to the
// millisecond, "…:00Z" when whole, "…:32.751Z" otherwise.
std::string to_rfc3339_millis(SimTime at);

// parse_duration parses Go's time.ParseDuration syntax plus "d" (24h): an optional sign, then one
// or more decimal numbers with a unit: "90s", "2h30m", "1.5h", "500ms", "100us" (also "µs"),
// "3d", "-5s", "0". Units: ns, us, µs, μs, ms, s, m, h, d. Nanoseconds are truncated to
// microseconds. Returns nullopt when empty, without a unit ("5"), with an unknown unit, or when
// the value overflows Duration.
std::optional<Duration> parse_duration(std::string_view text);

// format_duration formats like Go's Duration.String(): "1h2m3s", "1.5s", "100ms", "1.5ms",
// "100µs", "0s", "-5s". It never uses days, and parse_duration reads every result back exactly.
std::string format_duration(Duration d);

// to_seconds converts to (possibly fractional) seconds, for reports and distributions.
double to_seconds(Duration d);

// from_seconds converts seconds to a Duration, rounding to the nearest microsecond (halves away
// from zero). `seconds` must be finite and within Duration's range (JOBSIM_CHECK).
Duration from_seconds(double seconds);

// CivilTime is a broken-down UTC date and time. `micros` is the sub-second part, 0..999999.
struct CivilTime {
  int year;
  unsigned month, day, hour, minute, second;
  std::int64_t micros;
};

// to_civil_utc breaks `at` down into UTC calendar fields, for any instant (also before 1970).
CivilTime to_civil_utc(SimTime at);

// from_civil_utc is the inverse of to_civil_utc. Like Go's time.Date it normalizes fields out of
// range instead of rejecting them: month 13 is January of the next year, day 0 is the last day
// of the previous month, hour 25 is 01:00 the next day, and so on.
SimTime from_civil_utc(const CivilTime& civil);

// is_leap_year says whether `year` (proleptic Gregorian) has a February 29.
bool is_leap_year(int year);

// days_in_month returns 28..31 for month 1..12 of `year`.
unsigned days_in_month(int year, unsigned month);

// weekday_utc returns the UTC day of the week of `at`: 0 = Sunday .. 6 = Saturday (as cron).
unsigned weekday_utc(SimTime at);

// operator<< writes to_rfc3339(at), so test failures and check messages show readable instants.
std::ostream& operator<<(std::ostream& out, SimTime at);

}  // namespace jobsim::engine
