// FakeClock: a hand-driven Clock for unit tests.
#include "jobsim/engine/clock.hpp"

#include "jobsim/engine/check.hpp"

namespace jobsim::engine {

void FakeClock::advance(Duration delay) {
  JOBSIM_CHECK(delay >= Duration::zero(),
               "FakeClock::advance: negative delay " << format_duration(delay) << "; use set() to rewind");
  now_ += delay;
}

}  // namespace jobsim::engine
