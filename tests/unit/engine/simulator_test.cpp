// Tests for engine/simulator.hpp: run_until semantics, ordering of events scheduled by events,
// stop, cancel, labels, invariant checks, and independence of two Simulators.
#include "jobsim/engine/simulator.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace jobsim::engine {
namespace {

using std::chrono::seconds;

const SimTime kStart = *parse_rfc3339("2026-03-01T00:00:00Z");

// Recorder notes which event ran at which instant, as "id@seconds-since-start".
struct Recorder {
  const Simulator& sim;
  std::vector<std::string> runs;
  void note(int id) {
    runs.push_back(std::to_string(id) + "@" +
                   std::to_string(std::chrono::duration_cast<seconds>(sim.now() - kStart).count()));
  }
};

TEST(SimulatorTest, starts_at_start_time_with_nothing_pending) {
  Simulator sim(kStart);
  EXPECT_EQ(sim.now(), kStart);
  EXPECT_EQ(sim.pending(), 0u);
  EXPECT_EQ(sim.events_processed(), 0u);
  EXPECT_FALSE(sim.step());
  EXPECT_EQ(sim.now(), kStart);
}

TEST(SimulatorTest, run_until_runs_events_up_to_and_including_end) {
  Simulator sim(kStart);
  Recorder recorder{sim, {}};
  sim.schedule_after(seconds(10), {"test.after_end"}, [&] { recorder.note(3); });
  sim.schedule_after(seconds(5), {"test.at_end"}, [&] { recorder.note(2); });
  sim.schedule_at(kStart, {"test.now"}, [&] { recorder.note(1); });
  sim.run_until(kStart + seconds(5));
  EXPECT_EQ(recorder.runs, (std::vector<std::string>{"1@0", "2@5"}));
  EXPECT_EQ(sim.now(), kStart + seconds(5));
  EXPECT_EQ(sim.pending(), 1u);
  EXPECT_EQ(sim.events_processed(), 2u);
}

TEST(SimulatorTest, run_until_moves_now_to_end_when_idle) {
  Simulator sim(kStart);
  sim.schedule_after(seconds(1), {"test.early"}, [] {});
  sim.run_until(kStart + seconds(60));
  EXPECT_EQ(sim.now(), kStart + seconds(60));
  sim.run_until(kStart + seconds(30));  // never backwards
  EXPECT_EQ(sim.now(), kStart + seconds(60));
}

TEST(SimulatorTest, events_scheduled_by_events_run_in_time_then_fifo_order) {
  Simulator sim(kStart);
  Recorder recorder{sim, {}};
  sim.schedule_after(seconds(1), {"test.parent"}, [&] {
    recorder.note(1);
    sim.schedule_after(seconds(0), {"test.same_instant"}, [&] { recorder.note(3); });  // after 2: FIFO
    sim.schedule_after(seconds(2), {"test.later"}, [&] { recorder.note(5); });
    sim.schedule_after(seconds(1), {"test.sooner"}, [&] {
      recorder.note(4);
      sim.schedule_after(seconds(1), {"test.grandchild"}, [&] { recorder.note(6); });  // ties 5: after it
    });
  });
  sim.schedule_after(seconds(1), {"test.sibling"}, [&] { recorder.note(2); });
  sim.run_until(kStart + seconds(3));
  EXPECT_EQ(recorder.runs, (std::vector<std::string>{"1@1", "2@1", "3@1", "4@2", "5@3", "6@3"}));
  EXPECT_EQ(sim.pending(), 0u);
}

TEST(SimulatorTest, now_and_label_inside_an_event) {
  Simulator sim(kStart);
  SimTime seen_time;
  EventLabel seen_label;
  sim.schedule_after(seconds(7), {"kubelet.container_exit", 12}, [&] {
    seen_time = sim.now();
    seen_label = sim.current_label();
  });
  EXPECT_EQ(sim.current_label().kind, "");
  EXPECT_TRUE(sim.step());
  EXPECT_EQ(seen_time, kStart + seconds(7));
  EXPECT_EQ(seen_label.kind, "kubelet.container_exit");
  EXPECT_EQ(seen_label.object, 12u);
  EXPECT_EQ(sim.current_label().kind, "");
  EXPECT_EQ(sim.current_label().object, 0u);
}

TEST(SimulatorTest, components_see_time_through_clock) {
  Simulator sim(kStart);
  const Clock& clock = sim;
  sim.schedule_after(seconds(3), {"test.tick"}, [] {});
  sim.run_until(kStart + seconds(4));
  EXPECT_EQ(clock.now(), kStart + seconds(4));
}

TEST(SimulatorTest, stop_returns_after_current_event_and_keeps_its_time) {
  Simulator sim(kStart);
  Recorder recorder{sim, {}};
  sim.schedule_after(seconds(1), {"test.first"}, [&] { recorder.note(1); });
  sim.schedule_after(seconds(2), {"test.stopper"}, [&] {
    recorder.note(2);
    sim.stop();
  });
  sim.schedule_after(seconds(2), {"test.same_instant_after_stop"}, [&] { recorder.note(3); });
  sim.run_until(kStart + seconds(10));
  EXPECT_EQ(recorder.runs, (std::vector<std::string>{"1@1", "2@2"}));
  EXPECT_EQ(sim.now(), kStart + seconds(2));
  EXPECT_EQ(sim.pending(), 1u);
  sim.run_until(kStart + seconds(10));  // the stop request was consumed
  EXPECT_EQ(recorder.runs.back(), "3@2");
  EXPECT_EQ(sim.now(), kStart + seconds(10));
}

TEST(SimulatorTest, run_drains_the_queue) {
  Simulator sim(kStart);
  int calls = 0;
  sim.schedule_after(seconds(100), {"test.late"}, [&] { ++calls; });
  sim.schedule_after(seconds(1), {"test.early"}, [&] { ++calls; });
  sim.run();
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(sim.now(), kStart + seconds(100));
}

TEST(SimulatorTest, cancel_resets_handle_and_skips_event) {
  Simulator sim(kStart);
  int calls = 0;
  EventHandle timeout = sim.schedule_after(seconds(5), {"test.timeout"}, [&] { ++calls; });
  sim.schedule_after(seconds(1), {"test.canceller"}, [&] { EXPECT_TRUE(sim.cancel(timeout)); });
  EXPECT_TRUE(sim.is_pending(timeout));
  sim.run_until(kStart + seconds(10));
  EXPECT_EQ(calls, 0);
  EXPECT_FALSE(timeout.valid());
  EXPECT_FALSE(sim.cancel(timeout));
  EXPECT_EQ(sim.events_processed(), 1u);
}

TEST(SimulatorTest, two_simulators_are_independent) {
  Simulator first(kStart);
  Simulator second(kStart + seconds(1000));
  int first_calls = 0;
  int second_calls = 0;
  first.schedule_after(seconds(1), {"test.first"}, [&] { ++first_calls; });
  second.schedule_after(seconds(1), {"test.second"}, [&] { ++second_calls; });
  second.schedule_after(seconds(2), {"test.second"}, [&] { ++second_calls; });
  first.run_until(kStart + seconds(5));
  EXPECT_EQ(first_calls, 1);
  EXPECT_EQ(second_calls, 0);
  EXPECT_EQ(second.pending(), 2u);
  EXPECT_EQ(second.now(), kStart + seconds(1000));
  second.run_until(kStart + seconds(1005));
  EXPECT_EQ(second_calls, 2);
  EXPECT_EQ(first.events_processed(), 1u);
  EXPECT_EQ(second.events_processed(), 2u);
}

TEST(SimulatorDeathTest, scheduling_in_the_past_aborts_naming_the_label) {
  Simulator sim(kStart + seconds(10));
  EXPECT_DEATH(sim.schedule_at(kStart, {"cronjob.requeue", 7}, [] {}),
               "jobsim: internal error: .*schedule_at: event cronjob.requeue#7 at 2026-03-01T00:00:00Z is "
               "before now 2026-03-01T00:00:10Z");
}

TEST(SimulatorDeathTest, negative_delay_aborts) {
  Simulator sim(kStart);
  EXPECT_DEATH(sim.schedule_after(seconds(-3), {"cronjob.requeue"}, [] {}),
               "schedule_after: negative delay -3s for event cronjob.requeue");
}

TEST(SimulatorDeathTest, step_inside_an_event_aborts) {
  Simulator sim(kStart);
  sim.schedule_after(seconds(1), {"test.nested"}, [&] { sim.step(); });
  EXPECT_DEATH(sim.step(), "step: called from inside event test.nested");
}

}  // namespace
}  // namespace jobsim::engine
