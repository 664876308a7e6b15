// Benchmarks of the engine's event loop: the classic hold model on EventQueue, and
// Simulator::schedule_after + step with a typical small capture. Not pass/fail; run on demand.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "jobsim/engine/distributions.hpp"
#include "jobsim/engine/event_queue.hpp"
#include "jobsim/engine/random_streams.hpp"
#include "jobsim/engine/simulator.hpp"

namespace {

using jobsim::engine::Duration;
using jobsim::engine::EventLabel;
using jobsim::engine::EventQueue;
using jobsim::engine::RandomStream;
using jobsim::engine::SimTime;
using jobsim::engine::Simulator;

// exponential_increments draws hold-model increments (mean 1 s) up front, so the timed loop
// measures the queue and not std::log. A power-of-two count makes the index a mask.
std::vector<Duration> exponential_increments(std::size_t count) {
  RandomStream stream(42);
  std::vector<Duration> increments(count);
  for (Duration& increment : increments) {
    increment = jobsim::engine::from_seconds(jobsim::engine::exponential(stream, 1.0));
  }
  return increments;
}

struct Model {  // what a callback typically points at: an owner plus an object id
  std::uint64_t runs = 0;
};

// Hold model (Vaucher and Duval 1975): N pending events; each iteration pops the earliest and
// pushes one at its time plus an exponential increment, so the size stays N.
void BM_EventQueueHold(benchmark::State& state) {
  const auto pending = static_cast<std::size_t>(state.range(0));
  constexpr std::size_t kIncrementMask = (1u << 16) - 1;
  const std::vector<Duration> increments = exponential_increments(kIncrementMask + 1);
  Model model;
  EventQueue queue;
  queue.reserve(pending);
  std::size_t next = 0;
  for (std::size_t i = 0; i < pending; ++i) {
    queue.push(SimTime{} + increments[next++ & kIncrementMask], EventLabel{"bench.hold", static_cast<std::uint32_t>(i)},
               [model_ptr = &model] { ++model_ptr->runs; });
  }
  for (auto _ : state) {
    auto popped = queue.pop();
    popped->callback();
    queue.push(popped->at + increments[next++ & kIncrementMask], popped->label, std::move(popped->callback));
  }
  benchmark::DoNotOptimize(model.runs);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventQueueHold)->Arg(10'000)->Arg(1'000'000);

// One schedule_after + step per iteration, with `background` other events pending far ahead.
void BM_SimulatorScheduleStep(benchmark::State& state) {
  const auto background = static_cast<std::uint32_t>(state.range(0));
  Simulator sim(SimTime{});
  Model model;
  for (std::uint32_t id = 0; id < background; ++id) {
    sim.schedule_after(std::chrono::hours(24 * 365), EventLabel{"bench.background", id}, [] {});
  }
  std::uint32_t id = 0;
  for (auto _ : state) {
    ++id;
    sim.schedule_after(std::chrono::milliseconds(5), EventLabel{"bench.tick", id},
                       [model_ptr = &model, id] { model_ptr->runs += id; });
    sim.step();
  }
  benchmark::DoNotOptimize(model.runs);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SimulatorScheduleStep)->Arg(0)->Arg(10'000);

// The same-instant case (an informer handler enqueues, a worker runs): schedule_after(0) + step
// with `background` other events pending far ahead. These go to the FIFO lane, not the heap.
void BM_SimulatorSameInstant(benchmark::State& state) {
  const auto background = static_cast<std::uint32_t>(state.range(0));
  Simulator sim(SimTime{});
  Model model;
  for (std::uint32_t id = 0; id < background; ++id) {
    sim.schedule_after(std::chrono::hours(24 * 365), EventLabel{"bench.background", id}, [] {});
  }
  // One event at the start instant, so that the lane's "now" is that instant.
  sim.schedule_after(Duration::zero(), EventLabel{"bench.start", 0}, [] {});
  sim.step();
  std::uint32_t id = 0;
  for (auto _ : state) {
    ++id;
    sim.schedule_after(Duration::zero(), EventLabel{"bench.now", id}, [model_ptr = &model, id] { model_ptr->runs += id; });
    sim.step();
  }
  benchmark::DoNotOptimize(model.runs);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SimulatorSameInstant)->Arg(0)->Arg(10'000)->Arg(1'000'000);

}  // namespace

BENCHMARK_MAIN();
