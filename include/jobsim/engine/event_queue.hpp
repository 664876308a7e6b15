// EventQueue: pending events in (time, seq) order, FIFO at the same instant (CONTRIBUTING.md "Time, ordering and randomness").
// A 4-ary heap of 24-byte POD entries points into a slot pool that owns callbacks and labels;
// slots are recycled through a free list, so steady-state push/pop allocates nothing.
// Events pushed for the current instant (the time of the last pop: informer handlers, workers,
// delay-0 schedule_after) skip the heap and go to a FIFO lane; pop merges the lane front and
// the heap top by (time, seq), so the order is exactly the heap-only order (issue #9 point 5).
#pragma once

#include <cstdint>
#include <iosfwd>       // std::ostream, for operator<<
#include <optional>
#include <string_view>
#include <vector>

#include "jobsim/engine/callback.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::engine {

// EventLabel names an event for the event log and the fingerprint: `kind` points to a string
// literal ("kubelet.container_exit"), `object` is an interned object id (0 = none).
struct EventLabel {
  std::string_view kind;
  std::uint32_t object = 0;
};

// operator<< writes "kind" or "kind#object", for check messages and test output.
std::ostream& operator<<(std::ostream& out, const EventLabel& label);

// EventHandle refers to one scheduled event: a slot index plus the slot's generation at push, so
// a handle outliving its event never matches a later event that reuses the slot.
// Default-constructed handles are invalid (generation 0 is never handed out).
class EventHandle {
 public:
  EventHandle() = default;
  // valid says the handle came from push; the event may since have run or been cancelled.
  bool valid() const { return generation_ != 0; }

 private:
  friend class EventQueue;
  EventHandle(std::uint32_t slot, std::uint32_t generation) : slot_(slot), generation_(generation) {}
  std::uint32_t slot_ = 0;
  std::uint32_t generation_ = 0;
};

class EventQueue {
 public:
  struct Popped {
    SimTime at;
    EventLabel label;
    Callback callback;
  };

  // push schedules `callback` at `at`. Events at the same `at` pop in push order.
  EventHandle push(SimTime at, EventLabel label, Callback callback);

  // cancel marks the event as cancelled and destroys its callback now; its heap entry is dropped
  // lazily when it reaches the top. Returns false when the event already ran or was cancelled,
  // or the handle is invalid or stale.
  bool cancel(EventHandle handle);

  // is_pending says whether the handle's event is still waiting to run.
  bool is_pending(EventHandle handle) const;

  bool empty() const { return live_ == 0; }
  // size counts live events (pushed, not yet popped or cancelled).
  std::size_t size() const { return live_; }

  // next_time returns the time of the next live event. Precondition: !empty().
  SimTime next_time() const;

  // pop removes and returns the next live event in (time, seq) order; nullopt when empty.
  std::optional<Popped> pop();

  // reserve sizes the heap and the slot pool for `events` pending events up front.
  void reserve(std::size_t events);

 private:
  enum class SlotState : std::uint8_t { Free, Pending, Cancelled };

  struct Entry {  // heap entry: kept small and trivially copyable because sifting moves it
    SimTime at;
    std::uint64_t seq;
    std::uint32_t slot;
  };

  struct Slot {
    Callback callback;
    EventLabel label;
    std::uint32_t generation = 1;
    SlotState state = SlotState::Free;
  };

  // before is the queue order: time, then seq (push order) on ties.
  static bool before(const Entry& a, const Entry& b) {
    return a.at < b.at || (a.at == b.at && a.seq < b.seq);
  }
  void sift_up(std::size_t index);
  void remove_top();
  void drop_cancelled_top();
  void release_slot(std::uint32_t slot);

  bool lane_empty() const { return lane_head_ == lane_.size(); }
  // lane_first says whether the next event is the lane front rather than the heap top.
  bool lane_first() const {
    return !lane_empty() && (heap_.empty() || before(lane_[lane_head_], heap_.front()));
  }
  void pop_lane_front();
  void drop_cancelled_lane_front();

  // Invariant: heap_ is empty or its top entry is live (Pending), and so is the lane front. That
  // keeps next_time() a true const function: cancel and pop restore it by dropping cancelled
  // entries that reach a front.
  std::vector<Entry> heap_;
  // The lane: entries in push order, so in (time, seq) order, since an entry goes here only if
  // its time is lane_time_ and not before the last lane entry's. Its live part is
  // [lane_head_, size); the vector is cleared (keeping its capacity) whenever that is empty.
  std::vector<Entry> lane_;
  std::size_t lane_head_ = 0;
  SimTime lane_time_ = SimTime::min();  // the time of the last popped event: "now"
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 0;
  std::size_t live_ = 0;
};

}  // namespace jobsim::engine
