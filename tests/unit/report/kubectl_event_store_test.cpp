// EventStore expiry (kube-apiserver --event-ttl): an Event is deleted one TTL after its last
// update, when the store records a later Event, so the store holds the Events of the last TTL
// only. Times and counts below follow from that rule.
#include "jobsim/report/kubectl_event_store.hpp"

#include <gtest/gtest.h>

namespace jobsim::report::kubectl {
namespace {

using namespace std::chrono_literals;

const engine::SimTime kStart = *engine::parse_rfc3339("2026-01-01T00:00:00Z");

api::Event event_at(engine::Duration offset, std::string reason, std::string uid = "uid-1") {
  api::Event event;
  event.time = kStart + offset;
  event.type = api::EventType::Normal;
  event.reason = std::move(reason);
  event.message = "message";
  event.object.kind = api::Kind::Pod;
  event.object.namespace_ = "default";
  event.object.name = "p";
  event.object.uid = std::move(uid);
  event.source = "kubelet";
  return event;
}

TEST(EventStoreExpiry, an_event_is_deleted_one_ttl_after_its_last_update) {
  EventStore store;  // 1h
  store.record(event_at(0min, "A"));
  store.record(event_at(30min, "B"));
  EXPECT_EQ(store.size(), 2u);
  store.record(event_at(61min, "C"));  // A: last update 0, gone at 60 min
  EXPECT_EQ(store.size(), 2u);
  store.record(event_at(90min, "D"));  // B: gone at exactly 90 min
  EXPECT_EQ(store.size(), 2u);
  const std::vector<StoredEvent> events = store.events_for("uid-1", kStart + 90min);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event.reason, "C");
  EXPECT_EQ(events[1].event.reason, "D");
}

TEST(EventStoreExpiry, a_repeat_moves_the_expiry_to_one_ttl_after_it) {
  EventStore store;
  store.record(event_at(0min, "A"));
  store.record(event_at(50min, "A"));  // count 2, lastTimestamp 50 min: lives until 110 min
  store.record(event_at(61min, "X"));
  EXPECT_EQ(store.size(), 2u);
  ASSERT_EQ(store.events_for("uid-1", kStart + 61min).front().count, 2);
  store.record(event_at(110min, "Y"));  // A gone; X (61 min) still there
  EXPECT_EQ(store.size(), 2u);
  store.record(event_at(110min, "A"));  // a new Event, count 1
  const std::vector<StoredEvent> events = store.events_for("uid-1", kStart + 110min);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].event.reason, "A");
  EXPECT_EQ(events[2].count, 1);
  EXPECT_EQ(events[2].event.time, kStart + 110min);
}

TEST(EventStoreExpiry, the_ttl_is_a_setting) {
  EventStore store(10min);
  store.record(event_at(0min, "A"));
  store.record(event_at(9min, "A"));   // a repeat: count 2, last 9 min
  store.record(event_at(19min, "A"));  // 10 min after the last update: a new Event
  EXPECT_EQ(store.size(), 1u);
  const std::vector<StoredEvent> events = store.events_for("uid-1", kStart + 19min);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].count, 1);
  EXPECT_EQ(events[0].event.time, kStart + 19min);
}

// One distinct Event a minute for a week: after the Event at minute m, those of minutes m-59..m
// remain (minute m-60 expired exactly at m), 60 in all, however long the run.
TEST(EventStoreExpiry, memory_stays_flat_over_a_week) {
  EventStore store;
  constexpr int kMinutes = 7 * 24 * 60;
  for (int m = 0; m < kMinutes; ++m) {
    store.record(event_at(std::chrono::minutes(m), "R" + std::to_string(m), "uid-" + std::to_string(m % 7)));
    if (m >= 59) {
      ASSERT_EQ(store.size(), 60u) << "minute " << m;
    }
  }
}

}  // namespace
}  // namespace jobsim::report::kubectl
