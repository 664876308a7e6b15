// Simulator: the single place where simulated time advances.
#include "jobsim/engine/simulator.hpp"

#include "jobsim/engine/check.hpp"

namespace jobsim::engine {

EventHandle Simulator::schedule_at(SimTime at, EventLabel label, Callback callback) {
  JOBSIM_CHECK(at >= now_, "schedule_at: event " << label << " at " << at << " is before now " << now_
                                                 << " (scheduled from event " << current_label_
                                                 << "); clamp the time to now() or compute it from now()");
  return queue_.push(at, label, std::move(callback));
}

EventHandle Simulator::schedule_after(Duration delay, EventLabel label, Callback callback) {
  JOBSIM_CHECK(delay >= Duration::zero(),
               "schedule_after: negative delay " << format_duration(delay) << " for event " << label
                                                 << " (scheduled from event " << current_label_
                                                 << "); clamp delays to zero or more");
  JOBSIM_CHECK(delay <= SimTime::max() - now_,
               "schedule_after: delay " << format_duration(delay) << " for event " << label
                                        << " overflows simulated time");
  return queue_.push(now_ + delay, label, std::move(callback));
}

bool Simulator::cancel(EventHandle& handle) {
  const bool cancelled = queue_.cancel(handle);
  handle = EventHandle{};
  return cancelled;
}

bool Simulator::step() {
  // A nested step would run a later event in the middle of the current one and move time twice.
  JOBSIM_CHECK(!in_event_, "Simulator::step: called from inside event " << current_label_
                                                                        << "; schedule an event instead");
  std::optional<EventQueue::Popped> event = queue_.pop();
  if (!event) return false;
  // The queue pops in (time, seq) order and schedule_at rejects the past, so time never rewinds.
  JOBSIM_CHECK(event->at >= now_, "Simulator::step: event " << event->label << " at " << event->at
                                                            << " is before now " << now_);
  now_ = event->at;
  current_label_ = event->label;
  in_event_ = true;
  ++events_processed_;
  event->callback();
  in_event_ = false;
  current_label_ = EventLabel{};
  return true;
}

void Simulator::run_until(SimTime end) {
  stop_requested_ = false;
  while (!stop_requested_ && !queue_.empty() && queue_.next_time() <= end) step();
  if (stop_requested_) {
    stop_requested_ = false;
    return;
  }
  if (end > now_) now_ = end;
}

void Simulator::run() {
  stop_requested_ = false;
  while (!stop_requested_ && step()) {
  }
  stop_requested_ = false;
}

}  // namespace jobsim::engine
