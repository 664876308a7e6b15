// WorkQueue: client-go's rate-limited delaying work queue (util/workqueue) on the virtual clock,
// with its worker folded in. Semantics kept from upstream:
//   - a key is queued at most once (dirty set); a key added while it is being processed is
//     processed again afterwards, never concurrently;
//   - add_after keeps only the earliest pending time per key (delaying_queue.go);
//   - add_rate_limited waits base * 2^failures, capped (ItemExponentialFailureRateLimiter);
//     forget resets the failure count.
// Instead of goroutines, the queue schedules one engine event per item to process, at the
// instant the item becomes ready, and calls the controller's process function with the key.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <unordered_map>
#include <vector>

#include "jobsim/api/meta.hpp"
#include "jobsim/controllers/paged_id_map.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::controllers {

class WorkQueue {
 public:
  using Key = api::ObjectId;
  using Process = std::function<void(Key)>;

  // `label` must be a string literal (it names the engine events, e.g. "job.sync").
  WorkQueue(engine::Simulator& sim, std::string_view label, engine::Duration rate_limit_base,
            engine::Duration rate_limit_max);

  void set_process(Process process) { process_ = std::move(process); }

  void add(Key key);
  void add_after(Key key, engine::Duration delay);
  void add_rate_limited(Key key);
  void forget(Key key) { failures_.erase(key); }
  int num_requeues(Key key) const;

  // pause stops processing (a controller-manager outage); queued keys and timers are dropped,
  // as a restarted process starts with an empty queue. resume() starts accepting again.
  void pause();
  void resume();
  bool paused() const { return paused_; }

  std::size_t len() const { return queue_.size(); }
  std::uint64_t processed() const { return processed_; }

 private:
  void schedule_worker();
  void work();

  // Per-key state bits indexed by the key: keys are ObjectIds (dense indexes into the API
  // server's per-kind store, or the garbage collector's graph vertices), so a byte per id
  // replaces client-go's dirty and processing sets without hashing. Paged: ids are never
  // reused, and a flat array would grow with every object ever queued (issue #9).
  enum Flag : std::uint8_t { kDirty = 1, kProcessing = 2 };
  bool has(Key key, Flag flag) const { return (flags_.get(key) & flag) != 0; }
  void set(Key key, Flag flag) { flags_.set(key, static_cast<std::uint8_t>(flags_.get(key) | flag)); }
  void clear(Key key, Flag flag) { flags_.set(key, static_cast<std::uint8_t>(flags_.get(key) & ~flag)); }

  engine::Simulator& sim_;
  std::string_view label_;
  engine::Duration rate_limit_base_;
  engine::Duration rate_limit_max_;
  Process process_;
  std::deque<Key> queue_;
  PagedIdMap<std::uint8_t> flags_;  // kDirty: queued or to requeue; kProcessing: in process_
  struct Waiting {
    engine::SimTime ready_at;
    engine::EventHandle timer;
  };
  std::unordered_map<Key, Waiting> waiting_;
  std::unordered_map<Key, int> failures_;
  engine::EventHandle worker_;
  bool paused_ = false;
  std::uint64_t processed_ = 0;
};

}  // namespace jobsim::controllers
