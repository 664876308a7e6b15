// Clock: the read-only view of simulated time that every component is handed (CONTRIBUTING.md "Time, ordering and randomness").
// Only Simulator advances time; FakeClock lets unit tests set it by hand.
#pragma once

#include "jobsim/engine/time.hpp"

namespace jobsim::engine {

// Clock answers "what time is it in the simulation?". Components hold a `const Clock&`.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual SimTime now() const = 0;
};

// FakeClock is a Clock whose time a test sets directly. Not for use inside a simulation.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(SimTime start) : now_(start) {}
  SimTime now() const override { return now_; }
  // set moves the clock to `at`, also backwards (tests may need to rewind).
  void set(SimTime at) { now_ = at; }
  // advance moves the clock forward by `delay`, which must not be negative (use set to rewind).
  void advance(Duration delay);

 private:
  SimTime now_;
};

}  // namespace jobsim::engine
