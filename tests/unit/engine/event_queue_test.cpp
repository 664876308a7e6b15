// Tests for engine/event_queue.hpp: (time, seq) order, lazy cancel, handle generations.
#include "jobsim/engine/event_queue.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobsim/engine/random_streams.hpp"
#include "testing/table.hpp"

namespace jobsim::engine {
namespace {

JOBSIM_PRINT_CASES_BY_NAME()

SimTime at_second(std::int64_t second) { return SimTime{std::chrono::seconds(second)}; }

// push_tagged pushes an event whose label object is `id`; popping reveals the order.
EventHandle push_tagged(EventQueue& queue, std::int64_t second, std::uint32_t id) {
  return queue.push(at_second(second), EventLabel{"test.tagged", id}, [] {});
}

std::vector<std::uint32_t> drain(EventQueue& queue) {
  std::vector<std::uint32_t> ids;
  while (auto popped = queue.pop()) ids.push_back(popped->label.object);
  return ids;
}

struct Push {
  std::int64_t second;
  std::uint32_t id;
};

struct OrderCase {
  std::string_view name;
  std::vector<Push> pushes;
  std::vector<std::uint32_t> want;
};

const OrderCase kOrderCases[] = {
    {.name = "empty", .pushes = {}, .want = {}},
    {.name = "single", .pushes = {{.second = 5, .id = 1}}, .want = {1}},
    {.name = "by_time",
     .pushes = {{.second = 5, .id = 1}, {.second = 1, .id = 2}, {.second = 3, .id = 3}},
     .want = {2, 3, 1}},
    {.name = "same_time_is_fifo",
     .pushes = {{.second = 7, .id = 3}, {.second = 7, .id = 1}, {.second = 7, .id = 2}},
     .want = {3, 1, 2}},
    {.name = "time_then_fifo",
     .pushes = {{.second = 2, .id = 1}, {.second = 1, .id = 2}, {.second = 2, .id = 3}, {.second = 1, .id = 4},
                {.second = 0, .id = 5}},
     .want = {5, 2, 4, 1, 3}},
    {.name = "negative_times", .pushes = {{.second = 0, .id = 1}, {.second = -10, .id = 2}}, .want = {2, 1}},
};

class OrderTest : public testing::TestWithParam<OrderCase> {};

TEST_P(OrderTest, pops_by_time_then_push_order) {
  EventQueue queue;
  for (const Push& push : GetParam().pushes) push_tagged(queue, push.second, push.id);
  EXPECT_EQ(queue.size(), GetParam().pushes.size());
  EXPECT_EQ(drain(queue), GetParam().want);
  EXPECT_TRUE(queue.empty());
}

std::string name_of(const testing::TestParamInfo<OrderCase>& info) { return std::string(info.param.name); }

INSTANTIATE_TEST_SUITE_P(Table, OrderTest, testing::ValuesIn(kOrderCases), name_of);

TEST(EventQueueTest, many_same_instant_events_stay_fifo) {
  // Enough events to make the heap several levels deep: FIFO must not depend on heap shape.
  EventQueue queue;
  std::vector<std::uint32_t> want;
  for (std::uint32_t id = 1; id <= 1000; ++id) {
    push_tagged(queue, id % 3, id);  // three instants, interleaved
  }
  for (std::int64_t second = 0; second < 3; ++second) {
    for (std::uint32_t id = 1; id <= 1000; ++id) {
      if (id % 3 == second) want.push_back(id);
    }
  }
  EXPECT_EQ(drain(queue), want);
}

// run_against_reference: 20,000 random pushes, pops and cancels, checked against a std::map
// keyed by (time, seq) after every step. `pick_second(rng, now)` chooses a push's instant; `now`
// is the instant of the last pop.
template <class PickSecond>
void run_against_reference(std::uint64_t seed, PickSecond pick_second) {
  EventQueue queue;
  std::map<std::pair<std::int64_t, std::uint32_t>, EventHandle> reference;  // (second, id)
  RandomStream rng(seed);
  std::uint32_t next_id = 1;
  std::int64_t now = 0;
  for (int op = 0; op < 20000; ++op) {
    const std::uint64_t choice = rng.below(10);
    if (choice < 5) {
      const std::int64_t second = pick_second(rng, now);
      const std::uint32_t id = next_id++;
      reference[{second, id}] = push_tagged(queue, second, id);
    } else if (choice < 8) {
      const auto popped = queue.pop();
      ASSERT_EQ(popped.has_value(), !reference.empty());
      if (!popped) continue;
      const auto expected = reference.begin();
      ASSERT_EQ(popped->at, at_second(expected->first.first));
      ASSERT_EQ(popped->label.object, expected->first.second);
      now = expected->first.first;
      reference.erase(expected);
    } else if (!reference.empty()) {
      auto victim = reference.begin();
      std::advance(victim, static_cast<std::ptrdiff_t>(rng.below(reference.size())));
      EXPECT_TRUE(queue.cancel(victim->second));
      EXPECT_FALSE(queue.cancel(victim->second));
      reference.erase(victim);
    }
    ASSERT_EQ(queue.size(), reference.size());
    if (!reference.empty()) {
      ASSERT_EQ(queue.next_time(), at_second(reference.begin()->first.first));
    }
  }
}

TEST(EventQueueTest, matches_a_reference_under_random_push_pop_cancel) {
  // Instants spread over 50 seconds: mostly the heap.
  run_against_reference(7, [](RandomStream& rng, std::int64_t) { return static_cast<std::int64_t>(rng.below(50)); });
}

// The same-instant lane: a script of pushes, pops and cancels, with the exact pop order. An event
// pushed at the time of the last pop goes to the lane; the order must still be (time, seq).
struct LaneOp {
  enum Type : std::uint8_t { Push, Pop, Cancel } type;
  std::int64_t second = 0;  // Push
  std::uint32_t id = 0;     // Push, Cancel
};
LaneOp push_op(std::int64_t second, std::uint32_t id) { return {LaneOp::Push, second, id}; }
LaneOp pop_op() { return {LaneOp::Pop}; }
LaneOp cancel_op(std::uint32_t id) { return {LaneOp::Cancel, 0, id}; }

struct LaneCase {
  std::string_view name;
  std::vector<LaneOp> ops;  // then the queue is drained
  std::vector<std::uint32_t> want;
};

const LaneCase kLaneCases[] = {
    {.name = "heap_events_at_now_pushed_earlier_go_first",
     .ops = {push_op(1, 1), push_op(1, 2), push_op(2, 3), pop_op(), push_op(1, 4)},
     .want = {1, 2, 4, 3}},
    {.name = "lane_interleaves_with_heap_at_the_same_instant",
     .ops = {push_op(1, 1), push_op(1, 2), push_op(1, 3), pop_op(), push_op(1, 4), pop_op(), push_op(1, 5)},
     .want = {1, 2, 3, 4, 5}},
    {.name = "lane_before_later_heap_events",
     .ops = {push_op(1, 1), push_op(5, 2), pop_op(), push_op(1, 3), push_op(3, 4), push_op(1, 5)},
     .want = {1, 3, 5, 4, 2}},
    {.name = "lane_refills_after_time_advances",
     .ops = {push_op(1, 1), push_op(2, 2), pop_op(), push_op(1, 3), pop_op(), pop_op(), push_op(2, 4),
             push_op(1, 5)},
     .want = {1, 3, 2, 5, 4}},
    {.name = "cancel_lane_front",
     .ops = {push_op(1, 1), pop_op(), push_op(1, 2), push_op(1, 3), push_op(1, 4), cancel_op(2)},
     .want = {1, 3, 4}},
    {.name = "cancel_lane_middle_and_back",
     .ops = {push_op(1, 1), push_op(9, 9), pop_op(), push_op(1, 2), push_op(1, 3), push_op(1, 4), cancel_op(3),
             cancel_op(4)},
     .want = {1, 2, 9}},
    {.name = "cancel_whole_lane_then_heap_continues",
     .ops = {push_op(1, 1), push_op(2, 5), pop_op(), push_op(1, 2), push_op(1, 3), cancel_op(3), cancel_op(2),
             push_op(1, 4)},
     .want = {1, 4, 5}},
    {.name = "cancel_heap_event_at_now_keeps_lane_order",
     .ops = {push_op(1, 1), push_op(1, 2), push_op(1, 3), pop_op(), push_op(1, 4), cancel_op(2)},
     .want = {1, 3, 4}},
    {.name = "push_before_now_goes_to_heap_and_pops_first",
     .ops = {push_op(5, 1), pop_op(), push_op(5, 2), push_op(3, 3), pop_op(), push_op(3, 4), push_op(5, 5)},
     .want = {1, 3, 4, 2, 5}},
};

class LaneTest : public testing::TestWithParam<LaneCase> {};

TEST_P(LaneTest, pops_in_time_then_push_order) {
  EventQueue queue;
  std::map<std::uint32_t, EventHandle> handles;
  std::vector<std::uint32_t> popped;
  std::size_t live = 0;
  for (const LaneOp& op : GetParam().ops) {
    switch (op.type) {
      case LaneOp::Push:
        handles[op.id] = push_tagged(queue, op.second, op.id);
        ++live;
        break;
      case LaneOp::Pop: {
        auto event = queue.pop();
        ASSERT_TRUE(event.has_value());
        popped.push_back(event->label.object);
        --live;
        break;
      }
      case LaneOp::Cancel:
        ASSERT_TRUE(queue.cancel(handles.at(op.id)));
        EXPECT_FALSE(queue.is_pending(handles.at(op.id)));
        --live;
        break;
    }
    ASSERT_EQ(queue.size(), live);
  }
  for (std::uint32_t id : drain(queue)) popped.push_back(id);
  EXPECT_EQ(popped, GetParam().want);
  EXPECT_TRUE(queue.empty());
}

std::string lane_name_of(const testing::TestParamInfo<LaneCase>& info) { return std::string(info.param.name); }

INSTANTIATE_TEST_SUITE_P(Table, LaneTest, testing::ValuesIn(kLaneCases), lane_name_of);

TEST(EventQueueTest, long_instant_stays_fifo_across_lane_compaction) {
  // One instant with 20,000 events, each run pushing two more at the same instant until the
  // budget is spent: the lane never empties, so its popped prefix is dropped while it runs.
  EventQueue queue;
  push_tagged(queue, 1, 1);
  std::uint32_t next_id = 2;
  std::vector<std::uint32_t> popped;
  while (auto event = queue.pop()) {
    popped.push_back(event->label.object);
    for (int i = 0; i < 2 && next_id <= 20000; ++i) push_tagged(queue, 1, next_id++);
  }
  ASSERT_EQ(popped.size(), 20000u);
  for (std::uint32_t i = 0; i < popped.size(); ++i) ASSERT_EQ(popped[i], i + 1);
}

TEST(EventQueueTest, matches_a_reference_when_most_pushes_are_for_now) {
  // Half the pushes are for the current instant (the lane), the rest up to 4 s later.
  run_against_reference(11, [](RandomStream& rng, std::int64_t now) {
    return now + (rng.below(2) == 0 ? 0 : static_cast<std::int64_t>(rng.below(5)));
  });
}

TEST(EventQueueTest, pop_on_empty_returns_nullopt) {
  EventQueue queue;
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.size(), 0u);
  EXPECT_FALSE(queue.pop().has_value());
}

TEST(EventQueueTest, popped_event_carries_time_label_and_callback) {
  EventQueue queue;
  int calls = 0;
  queue.push(at_second(3), EventLabel{"kubelet.container_exit", 42}, [&calls] { ++calls; });
  auto popped = queue.pop();
  ASSERT_TRUE(popped.has_value());
  EXPECT_EQ(popped->at, at_second(3));
  EXPECT_EQ(popped->label.kind, "kubelet.container_exit");
  EXPECT_EQ(popped->label.object, 42u);
  popped->callback();
  EXPECT_EQ(calls, 1);
}

TEST(EventQueueTest, cancel_skips_the_event_and_updates_size) {
  EventQueue queue;
  push_tagged(queue, 1, 1);
  const EventHandle middle = push_tagged(queue, 2, 2);
  push_tagged(queue, 3, 3);
  EXPECT_TRUE(queue.is_pending(middle));
  EXPECT_TRUE(queue.cancel(middle));
  EXPECT_FALSE(queue.is_pending(middle));
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_EQ(drain(queue), (std::vector<std::uint32_t>{1, 3}));
}

TEST(EventQueueTest, cancel_twice_or_after_run_returns_false) {
  EventQueue queue;
  const EventHandle first = push_tagged(queue, 1, 1);
  const EventHandle second = push_tagged(queue, 2, 2);
  EXPECT_TRUE(queue.cancel(second));
  EXPECT_FALSE(queue.cancel(second));
  ASSERT_TRUE(queue.pop().has_value());
  EXPECT_FALSE(queue.is_pending(first));
  EXPECT_FALSE(queue.cancel(first));
  EXPECT_FALSE(queue.cancel(EventHandle{}));
  EXPECT_FALSE(EventHandle{}.valid());
  EXPECT_TRUE(first.valid());
}

TEST(EventQueueTest, next_time_skips_cancelled_head) {
  EventQueue queue;
  const EventHandle head = push_tagged(queue, 1, 1);
  const EventHandle second = push_tagged(queue, 2, 2);
  push_tagged(queue, 3, 3);
  EXPECT_EQ(queue.next_time(), at_second(1));
  queue.cancel(second);
  queue.cancel(head);
  EXPECT_EQ(queue.next_time(), at_second(3));
  EXPECT_EQ(queue.size(), 1u);
}

TEST(EventQueueTest, cancelling_everything_empties_the_queue) {
  EventQueue queue;
  std::vector<EventHandle> handles;
  for (std::uint32_t id = 0; id < 10; ++id) handles.push_back(push_tagged(queue, 10 - id, id));
  for (const EventHandle handle : handles) EXPECT_TRUE(queue.cancel(handle));
  EXPECT_TRUE(queue.empty());
  EXPECT_FALSE(queue.pop().has_value());
}

TEST(EventQueueTest, stale_handle_after_run_does_not_cancel_event_in_reused_slot) {
  EventQueue queue;
  const EventHandle old_handle = push_tagged(queue, 1, 1);
  ASSERT_TRUE(queue.pop().has_value());                      // frees the slot
  const EventHandle new_handle = push_tagged(queue, 2, 2);  // reuses it (LIFO free list)
  EXPECT_FALSE(queue.is_pending(old_handle));
  EXPECT_FALSE(queue.cancel(old_handle));
  EXPECT_TRUE(queue.is_pending(new_handle));
  EXPECT_EQ(drain(queue), (std::vector<std::uint32_t>{2}));
}

TEST(EventQueueTest, stale_handle_after_cancel_does_not_cancel_event_in_reused_slot) {
  EventQueue queue;
  const EventHandle old_handle = push_tagged(queue, 1, 1);
  ASSERT_TRUE(queue.cancel(old_handle));  // at the top, so its slot is freed at once
  const EventHandle new_handle = push_tagged(queue, 5, 2);
  EXPECT_FALSE(queue.cancel(old_handle));
  EXPECT_TRUE(queue.is_pending(new_handle));
  EXPECT_EQ(queue.size(), 1u);
}

TEST(EventQueueTest, cancel_releases_captures_immediately) {
  EventQueue queue;
  auto token = std::make_shared<int>(0);
  push_tagged(queue, 1, 1);
  const EventHandle later = queue.push(at_second(9), EventLabel{"test.capture"}, [token] { (void)token; });
  EXPECT_EQ(token.use_count(), 2);
  queue.cancel(later);  // not at the top: the entry stays in the heap, the capture does not
  EXPECT_EQ(token.use_count(), 1);
}

TEST(EventQueueDeathTest, next_time_on_empty_aborts) {
  const EventQueue queue;
  EXPECT_DEATH((void)queue.next_time(), "next_time: queue is empty");
}

TEST(EventQueueDeathTest, pushing_an_empty_callback_aborts) {
  EventQueue queue;
  EXPECT_DEATH(queue.push(at_second(1), EventLabel{"test.empty", 3}, Callback{}), "empty callback for event test.empty#3");
}

}  // namespace
}  // namespace jobsim::engine
