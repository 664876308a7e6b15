// Helpers for the cron tests: instants from RFC 3339 text, zones by name, activation lists.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "jobsim/cron/schedule.hpp"
#include "jobsim/cron/time_zone.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::cron::testing {

inline SimTime at(std::string_view rfc3339) {
  const auto parsed = engine::parse_rfc3339(rfc3339);
  EXPECT_TRUE(parsed.has_value()) << "bad RFC 3339 in a test: " << rfc3339;
  return parsed.value_or(SimTime{});
}

inline TimeZone zone(std::string_view name) {
  LoadResult loaded = TimeZone::load(name);
  EXPECT_TRUE(loaded.zone.has_value()) << name << ": " << loaded.error;
  return loaded.zone.value_or(TimeZone::utc());
}

inline Schedule parse(std::string_view spec) {
  ParseResult parsed = Schedule::parse_standard(spec);
  EXPECT_TRUE(parsed.schedule.has_value()) << spec << ": " << parsed.error;
  if (!parsed.schedule) return Schedule::parse_standard("0 0 30 2 *").schedule.value();
  return *parsed.schedule;
}

// activations: `count` successive Next results from `from`, formatted in the schedule's zone
// (its prefix zone, else the controller's), "zero" for the zero time.
inline std::vector<std::string> activations(const Schedule& schedule, const TimeZone& local, SimTime from,
                                            int count) {
  std::vector<std::string> result;
  const TimeZone& shown = schedule.zone() ? *schedule.zone() : local;
  for (int i = 0; i < count; ++i) {
    from = schedule.next(from, local);
    if (from == kZeroTime) {
      result.push_back("zero");
      break;
    }
    result.push_back(format_rfc3339(from, shown));
  }
  return result;
}

}  // namespace jobsim::cron::testing
