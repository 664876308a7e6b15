// Tests for controllers/work_queue.hpp: client-go's rate-limited delaying work queue on the
// virtual clock. Ported from upstream staging/src/k8s.io/client-go/util/workqueue: queue_test.go
// (TestLen, TestReinsert, TestAddWhileProcessing), delaying_queue_test.go (TestSimpleQueue,
// TestDeduping, TestAddTwoFireEarly, TestCopyShifting) and default_rate_limiters_test.go
// (TestItemExponentialFailureRateLimiter, ...OverFlow). Upstream observes "added to the queue";
// here the queue's worker processes an item the moment it is added, so "processed at t" stands in.
#include "jobsim/controllers/work_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <ostream>
#include <vector>

namespace jobsim::controllers {
namespace {

using namespace std::chrono_literals;
using engine::Duration;
using engine::SimTime;
using Key = WorkQueue::Key;

constexpr SimTime kStart{std::chrono::seconds{1704067200}};  // 2024-01-01T00:00:00Z

constexpr Key kFoo = 1;  // upstream's "foo" / "one" / first
constexpr Key kBar = 2;  // "bar" / "two" / second
constexpr Key kBaz = 3;  // "baz" / third

struct Processed {
  Key key;
  Duration at;  // since kStart
  bool operator==(const Processed&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Processed& p) {
  return out << "{key " << p.key << " at " << engine::format_duration(p.at) << "}";
}

// Records every call of the process function, and how deeply processing nested.
class Recorder {
 public:
  explicit Recorder(engine::Simulator& sim) : sim_(sim) {}
  void attach(WorkQueue& queue) {
    queue.set_process([this](Key key) { process(key); });
  }
  std::function<void(Key)> on_process;  // optional extra action, run inside processing
  std::vector<Processed> processed;
  int max_depth = 0;

 private:
  void process(Key key) {
    ++depth_;
    max_depth = std::max(max_depth, depth_);
    processed.push_back({key, sim_.now() - kStart});
    if (on_process) on_process(key);
    --depth_;
  }
  engine::Simulator& sim_;
  int depth_ = 0;
};

class WorkQueueTest : public testing::Test {
 protected:
  void SetUp() override { recorder.attach(queue); }

  engine::Simulator sim{kStart};
  WorkQueue queue{sim, "test.sync", 5ms, 1000s};
  Recorder recorder{sim};
};

// --- queue_test.go -----------------------------------------------------------------------------

TEST_F(WorkQueueTest, len_counts_a_key_once) {
  queue.add(kFoo);
  EXPECT_EQ(queue.len(), 1u);
  queue.add(kBar);
  EXPECT_EQ(queue.len(), 2u);
  queue.add(kFoo);  // foo is already queued
  EXPECT_EQ(queue.len(), 2u);
  sim.run();
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 0s}, {kBar, 0s}}));
  EXPECT_EQ(queue.processed(), 2u);
}

TEST_F(WorkQueueTest, reinsert_during_processing_is_processed_again_afterwards) {
  int calls = 0;
  recorder.on_process = [&](Key key) {
    if (key == kFoo && calls++ == 0) queue.add(kFoo);
  };
  queue.add(kFoo);
  sim.run();
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 0s}, {kFoo, 0s}}));
  EXPECT_EQ(recorder.max_depth, 1) << "a key must never be processed inside its own processing";
  EXPECT_EQ(queue.len(), 0u);
}

TEST_F(WorkQueueTest, add_while_processing_queues_other_keys_in_order) {
  bool first = true;
  recorder.on_process = [&](Key key) {
    if (key == kFoo && first) {
      first = false;
      queue.add(kBaz);
      queue.add(kFoo);  // foo itself: once more, after the keys already waiting
    }
  };
  queue.add(kFoo);
  queue.add(kBar);
  sim.run();
  EXPECT_EQ(recorder.processed,
            (std::vector<Processed>{{kFoo, 0s}, {kBar, 0s}, {kBaz, 0s}, {kFoo, 0s}}));
  EXPECT_EQ(recorder.max_depth, 1);
}

TEST_F(WorkQueueTest, key_added_twice_during_processing_is_processed_once_more) {
  int calls = 0;
  recorder.on_process = [&](Key) {
    if (calls++ == 0) {
      queue.add(kFoo);
      queue.add(kFoo);
    }
  };
  queue.add(kFoo);
  sim.run();
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 0s}, {kFoo, 0s}}));
}

TEST_F(WorkQueueTest, keys_are_ids_of_any_size_including_zero) {
  // The dirty/processing state is a flat array indexed by the key: large and zero keys work,
  // and a key's state does not leak into its neighbours'.
  constexpr Key kLarge = 3'000'000;
  int calls = 0;
  recorder.on_process = [&](Key key) {
    if (key == kLarge && calls++ == 0) queue.add(kLarge);  // re-add while processing
  };
  queue.add(kLarge);
  queue.add(0);
  queue.add(kLarge - 1);
  queue.add(0);
  EXPECT_EQ(queue.len(), 3u);
  sim.run();
  EXPECT_EQ(recorder.processed,
            (std::vector<Processed>{{kLarge, 0s}, {0, 0s}, {kLarge - 1, 0s}, {kLarge, 0s}}));
  EXPECT_EQ(recorder.max_depth, 1);
}

TEST_F(WorkQueueTest, pause_while_processing_drops_the_requeue) {
  // pause() inside processing drops the key's re-add (the dirty mark), as a restarted process
  // starts empty; once resumed, the key can be added again.
  recorder.on_process = [&](Key key) {
    if (key == kFoo && recorder.processed.size() == 1) {
      queue.add(kFoo);
      queue.pause();
    }
  };
  queue.add(kFoo);
  sim.run();
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 0s}}));
  queue.resume();
  queue.add(kFoo);
  sim.run();
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 0s}, {kFoo, 0s}}));
}

// --- delaying_queue_test.go --------------------------------------------------------------------

TEST_F(WorkQueueTest, simple_queue) {
  queue.add_after(kFoo, 50ms);
  EXPECT_EQ(queue.len(), 0u) << "should not have added";
  sim.run_until(kStart + 49ms);
  EXPECT_TRUE(recorder.processed.empty());
  sim.run_until(kStart + 60ms);
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 50ms}}));
  sim.run_until(kStart + 10s);  // past the next heartbeat: nothing more
  EXPECT_EQ(recorder.processed.size(), 1u);
}

TEST_F(WorkQueueTest, deduping_keeps_the_earliest_time) {
  queue.add_after(kFoo, 50ms);
  queue.add_after(kFoo, 70ms);
  sim.run_until(kStart + 100ms);
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 50ms}})) << "the later add must be dropped";

  // This time the earlier one overrides.
  queue.add_after(kFoo, 50ms);
  queue.add_after(kFoo, 30ms);
  sim.run_until(kStart + 200ms);
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 50ms}, {kFoo, 130ms}}));
}

TEST_F(WorkQueueTest, add_two_fire_early) {
  queue.add_after(kFoo, 1s);
  queue.add_after(kBar, 50ms);
  sim.run_until(kStart + 60ms);
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kBar, 50ms}}));
  queue.add_after(kBaz, 2s);
  sim.run_until(kStart + 5s);
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kBar, 50ms}, {kFoo, 1s}, {kBaz, 2060ms}}));
}

TEST_F(WorkQueueTest, copy_shifting) {
  queue.add_after(kFoo, 1s);
  queue.add_after(kBar, 500ms);
  queue.add_after(kBaz, 250ms);
  sim.run();
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kBaz, 250ms}, {kBar, 500ms}, {kFoo, 1s}}));
}

TEST_F(WorkQueueTest, add_after_zero_adds_at_once) {
  queue.add_after(kFoo, 0s);
  EXPECT_EQ(queue.len(), 1u);
  sim.run();
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 0s}}));
}

TEST_F(WorkQueueTest, add_does_not_cancel_a_pending_add_after) {
  // Upstream's delaying queue keeps the waiting entry when the item is added directly.
  queue.add_after(kFoo, 10s);
  queue.add(kFoo);
  sim.run();
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 0s}, {kFoo, 10s}}));
}

// --- default_rate_limiters_test.go -------------------------------------------------------------

// delay_of_next measures one When(): the delay between add_rate_limited and processing.
Duration delay_of_next(engine::Simulator& sim, WorkQueue& queue, Recorder& recorder, Key key) {
  const Duration added = sim.now() - kStart;
  const std::size_t before = recorder.processed.size();
  queue.add_rate_limited(key);
  sim.run();
  if (recorder.processed.size() != before + 1) return Duration{-1};
  return recorder.processed.back().at - added;
}

TEST(WorkQueueRateLimitTest, item_exponential_failure_rate_limiter) {
  engine::Simulator sim{kStart};
  WorkQueue queue{sim, "test.sync", 1ms, 1s};
  Recorder recorder{sim};
  recorder.attach(queue);

  EXPECT_EQ(delay_of_next(sim, queue, recorder, kFoo), 1ms);
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kFoo), 2ms);
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kFoo), 4ms);
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kFoo), 8ms);
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kFoo), 16ms);
  EXPECT_EQ(queue.num_requeues(kFoo), 5);

  EXPECT_EQ(delay_of_next(sim, queue, recorder, kBar), 1ms);
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kBar), 2ms);
  EXPECT_EQ(queue.num_requeues(kBar), 2);

  queue.forget(kFoo);
  EXPECT_EQ(queue.num_requeues(kFoo), 0);
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kFoo), 1ms);
}

TEST(WorkQueueRateLimitTest, item_exponential_failure_rate_limiter_over_flow) {
  engine::Simulator sim{kStart};
  WorkQueue queue{sim, "test.sync", 1ms, 1000s};
  Recorder recorder{sim};
  recorder.attach(queue);

  // Five failures without processing in between: only the earliest wake-up is kept.
  for (int i = 0; i < 5; ++i) queue.add_rate_limited(kFoo);
  sim.run();
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kFoo), 32ms);

  for (int i = 0; i < 1000; ++i) queue.add_rate_limited(kBar);
  sim.run();
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kBar), 1000s);
}

TEST(WorkQueueRateLimitTest, item_exponential_failure_rate_limiter_over_flow_minutes) {
  engine::Simulator sim{kStart};
  WorkQueue queue{sim, "test.sync", std::chrono::minutes(1), std::chrono::hours(1000)};
  Recorder recorder{sim};
  recorder.attach(queue);

  for (int i = 0; i < 2; ++i) queue.add_rate_limited(kFoo);
  sim.run();
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kFoo), std::chrono::minutes(4));

  for (int i = 0; i < 1000; ++i) queue.add_rate_limited(kBar);
  sim.run();
  EXPECT_EQ(delay_of_next(sim, queue, recorder, kBar), std::chrono::hours(1000));
}

TEST(WorkQueueRateLimitTest, job_controller_api_backoff_doubles_from_1s_to_60s) {
  // DefaultJobApiBackOff 1 s, MaxJobApiBackOff 60 s (upstream pkg/controller/job/job_controller.go).
  engine::Simulator sim{kStart};
  WorkQueue queue{sim, "job.sync", 1s, 60s};
  Recorder recorder{sim};
  recorder.attach(queue);
  std::vector<Duration> delays;
  for (int i = 0; i < 8; ++i) delays.push_back(delay_of_next(sim, queue, recorder, kFoo));
  EXPECT_EQ(delays, (std::vector<Duration>{1s, 2s, 4s, 8s, 16s, 32s, 60s, 60s}));
}

// --- pause / resume (controller-manager outage) ------------------------------------------------

TEST_F(WorkQueueTest, pause_drops_queued_keys_timers_and_failures) {
  queue.add(kFoo);
  queue.add_after(kBar, 5s);
  queue.add_rate_limited(kBaz);
  queue.pause();
  EXPECT_TRUE(queue.paused());
  queue.add(kBaz);  // ignored while paused
  sim.run_until(kStart + 1h);
  EXPECT_TRUE(recorder.processed.empty());
  EXPECT_EQ(queue.len(), 0u);
  EXPECT_EQ(queue.num_requeues(kBaz), 0);

  queue.resume();
  queue.add(kFoo);
  sim.run();
  EXPECT_EQ(recorder.processed, (std::vector<Processed>{{kFoo, 1h}}));
}

}  // namespace
}  // namespace jobsim::controllers
