// Placeholder; the implementation lands with the cron engine (issue #3).
#include "jobsim/cron/time_zone.hpp"

namespace jobsim::cron {

TimeZone TimeZone::utc() { return TimeZone("UTC", nullptr); }
LoadResult TimeZone::load(std::string_view name) {
  if (name.empty() || name == "UTC") return {utc(), ""};
  return {std::nullopt, "unknown time zone " + std::string(name)};
}
std::chrono::seconds TimeZone::offset_at(SimTime) const { return std::chrono::seconds(0); }
std::string TimeZone::abbreviation_at(SimTime) const { return "UTC"; }

}  // namespace jobsim::cron
