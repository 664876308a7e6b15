// Go's time.ParseDuration, private to sim/cron (robfig's @every uses it). Unlike
// engine::parse_duration it has no "d" unit, keeps nanoseconds and reports Go's error texts.
// Upstream: Go src/time/format.go ParseDuration, leadingInt, leadingFraction, quote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jobsim::cron::go {

struct DurationResult {
  std::int64_t nanoseconds = 0;
  std::string error;  // "time: invalid duration \"x\"", empty on success
};

DurationResult parse_duration(std::string_view text);

}  // namespace jobsim::cron::go
