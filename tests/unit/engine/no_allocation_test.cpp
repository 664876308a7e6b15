// Proves at run time what callback.hpp and event_queue.hpp promise: Callback never allocates,
// and steady-state push/pop (and schedule_after/step) allocate nothing once warmed up.
// This file replaces the global operator new of the unit_engine binary to count allocations.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "jobsim/engine/callback.hpp"
#include "jobsim/engine/event_queue.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "jobsim/engine/simulator.hpp"

namespace {
// A replaced operator new can only report through namespace-scope state; test-only.
std::atomic<std::uint64_t> allocation_count{0};
}  // namespace

void* operator new(std::size_t size) {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

namespace jobsim::engine {
namespace {

std::uint64_t allocations() { return allocation_count.load(std::memory_order_relaxed); }

struct Owner {
  std::uint64_t runs = 0;
};

TEST(NoAllocationTest, counter_sees_allocations) {
  const std::uint64_t before = allocations();
  int* volatile escaped = new int(1);  // volatile: the compiler may not elide the allocation
  delete escaped;
  EXPECT_EQ(allocations(), before + 1);
}

TEST(NoAllocationTest, callback_lifecycle_allocates_nothing) {
  Owner owner;
  const std::uint64_t before = allocations();
  {
    Callback first = [owner_ptr = &owner, id = std::uint32_t{7}, when = SimTime{}] {
      owner_ptr->runs += id + static_cast<std::uint64_t>(when.time_since_epoch().count());
    };
    Callback second = std::move(first);
    second();
    first = std::move(second);
    first();
  }
  EXPECT_EQ(allocations(), before);
  EXPECT_EQ(owner.runs, 14u);
}

TEST(NoAllocationTest, steady_state_hold_model_allocates_nothing) {
  EventQueue queue;
  Owner owner;
  RandomStream stream(1);
  constexpr int kPending = 1000;
  for (std::uint32_t id = 0; id < kPending; ++id) {
    queue.push(SimTime{Duration{static_cast<std::int64_t>(stream.below(1000))}}, EventLabel{"test.hold", id},
               [owner_ptr = &owner] { ++owner_ptr->runs; });
  }
  const auto hold = [&] {
    auto popped = queue.pop();
    popped->callback();
    const Duration increment{static_cast<std::int64_t>(stream.below(1000))};
    queue.push(popped->at + increment, popped->label, std::move(popped->callback));
  };
  for (int i = 0; i < 10 * kPending; ++i) hold();  // warm up: vectors reach their capacity
  const std::uint64_t before = allocations();
  for (int i = 0; i < 100000; ++i) hold();
  EXPECT_EQ(allocations(), before);
  EXPECT_EQ(queue.size(), static_cast<std::size_t>(kPending));
}

TEST(NoAllocationTest, simulator_schedule_and_step_allocate_nothing) {
  Simulator sim(SimTime{});
  Owner owner;
  const auto cycle = [&] {
    sim.schedule_after(Duration{5}, EventLabel{"test.tick", 1}, [owner_ptr = &owner, id = std::uint32_t{1}] {
      owner_ptr->runs += id;
    });
    sim.step();
  };
  for (int i = 0; i < 100; ++i) cycle();
  const std::uint64_t before = allocations();
  for (int i = 0; i < 100000; ++i) cycle();
  EXPECT_EQ(allocations(), before);
  EXPECT_EQ(owner.runs, 100100u);
}

}  // namespace
}  // namespace jobsim::engine
