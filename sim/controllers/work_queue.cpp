// Upstream: staging/src/k8s.io/client-go/util/workqueue (queue.go, delaying_queue.go,
// default_rate_limiters.go).
#include "jobsim/controllers/work_queue.hpp"

#include <algorithm>

namespace jobsim::controllers {

WorkQueue::WorkQueue(engine::Simulator& sim, std::string_view label, engine::Duration rate_limit_base,
                     engine::Duration rate_limit_max)
    : sim_(sim), label_(label), rate_limit_base_(rate_limit_base), rate_limit_max_(rate_limit_max) {}

void WorkQueue::add(Key key) {
  if (paused_ || has(key, kDirty)) return;
  set(key, kDirty);
  if (has(key, kProcessing)) return;  // re-queued by work() when processing ends
  queue_.push_back(key);
  schedule_worker();
}

void WorkQueue::add_after(Key key, engine::Duration delay) {
  if (paused_) return;
  if (delay <= engine::Duration::zero()) {
    add(key);
    return;
  }
  const engine::SimTime ready_at = sim_.now() + delay;
  auto found = waiting_.find(key);
  if (found != waiting_.end()) {
    if (found->second.ready_at <= ready_at) return;  // an earlier wake-up is already set
    sim_.cancel(found->second.timer);
  }
  const engine::EventHandle timer = sim_.schedule_at(ready_at, {label_, key}, [this, key] {
    waiting_.erase(key);
    add(key);
  });
  waiting_[key] = Waiting{ready_at, timer};
}

int WorkQueue::num_requeues(Key key) const {
  const auto found = failures_.find(key);
  return found == failures_.end() ? 0 : found->second;
}

void WorkQueue::add_rate_limited(Key key) {
  const int failures = failures_[key]++;
  engine::Duration delay = rate_limit_base_;
  for (int i = 0; i < failures && delay < rate_limit_max_; ++i) delay *= 2;
  add_after(key, std::min(delay, rate_limit_max_));
}

void WorkQueue::pause() {
  paused_ = true;
  queue_.clear();
  flags_.for_each_set([](PagedIdMap<std::uint8_t>::Id, std::uint8_t& flags) {  // rare: an outage
    flags &= static_cast<std::uint8_t>(~kDirty);
  });
  for (auto& [key, waiting] : waiting_) sim_.cancel(waiting.timer);
  waiting_.clear();
  failures_.clear();
  sim_.cancel(worker_);
}

void WorkQueue::resume() { paused_ = false; }

void WorkQueue::schedule_worker() {
  if (queue_.empty() || sim_.is_pending(worker_)) return;
  worker_ = sim_.schedule_after(engine::Duration::zero(), {label_, queue_.front()}, [this] { work(); });
}

// work processes one key, then schedules itself again if more are queued, so that other
// components' events at the same instant interleave in FIFO order.
void WorkQueue::work() {
  if (queue_.empty()) return;
  const Key key = queue_.front();
  queue_.pop_front();
  clear(key, kDirty);
  set(key, kProcessing);
  ++processed_;
  process_(key);
  clear(key, kProcessing);
  if (has(key, kDirty)) queue_.push_back(key);
  schedule_worker();
}

}  // namespace jobsim::controllers
