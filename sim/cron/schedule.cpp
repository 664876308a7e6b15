// Placeholder; the implementation lands with the cron engine (issue #3).
#include "jobsim/cron/schedule.hpp"

namespace jobsim::cron {

ParseResult Schedule::parse_standard(std::string_view) { return {std::nullopt, "not implemented"}; }
SimTime Schedule::next(SimTime, const TimeZone&) const { return kZeroTime; }

}  // namespace jobsim::cron
