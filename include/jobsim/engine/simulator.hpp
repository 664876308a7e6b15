// Simulator: owns simulated time and the event queue, and runs events in (time, seq) order.
// There is no global instance (CONTRIBUTING.md "Principles"): two Simulators in one process are independent.
#pragma once

#include <cstdint>

#include "jobsim/engine/callback.hpp"
#include "jobsim/engine/clock.hpp"
#include "jobsim/engine/event_queue.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::engine {

class Simulator final : public Clock {
 public:
  explicit Simulator(SimTime start) : now_(start) {}
  Simulator(const Simulator&) = delete;  // components hold references to it as their Clock
  Simulator& operator=(const Simulator&) = delete;

  // now returns the current instant: the time of the running event, or where the last run ended.
  SimTime now() const override { return now_; }

  // schedule_at schedules `callback` at `at`, which must not be before now() (JOBSIM_CHECK).
  // Events at the same instant run in the order they were scheduled.
  EventHandle schedule_at(SimTime at, EventLabel label, Callback callback);

  // schedule_after schedules `callback` at now() + `delay`; `delay` must not be negative.
  EventHandle schedule_after(Duration delay, EventLabel label, Callback callback);

  // cancel cancels the event and resets `handle` to invalid, so it cannot be cancelled twice by
  // mistake. Returns false when the event already ran or was cancelled.
  bool cancel(EventHandle& handle);

  bool is_pending(EventHandle handle) const { return queue_.is_pending(handle); }

  // step runs the next event, first advancing now() to its time. Returns false if none is
  // pending. Must not be called from inside an event.
  bool step();

  // run_until runs every event with time <= `end` in order, including events scheduled by those
  // events, then sets now() to `end` if that is later. If an event calls stop(), run_until returns
  // right after that event and leaves now() at its time. The stop request is cleared when
  // run_until starts (as ns-3's Run does), so a stale stop() never swallows a later run.
  void run_until(SimTime end);

  // run runs events until none is pending or an event calls stop(). now() stays at the last event.
  void run();

  // stop asks the running run_until/run to return after the current event.
  void stop() { stop_requested_ = true; }

  // events_processed counts events run so far (cancelled events are not counted).
  std::uint64_t events_processed() const { return events_processed_; }

  // pending counts events scheduled and neither run nor cancelled.
  std::size_t pending() const { return queue_.size(); }

  // current_label is the label of the running event, or {"", 0} outside events.
  const EventLabel& current_label() const { return current_label_; }

 private:
  SimTime now_;
  EventQueue queue_;
  std::uint64_t events_processed_ = 0;
  EventLabel current_label_;
  bool in_event_ = false;
  bool stop_requested_ = false;
};

}  // namespace jobsim::engine
