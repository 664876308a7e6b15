// EventStore: the Kubernetes Events of a run as the API server would hold them for
// `kubectl describe`. Upstream's recorder (client-go tools/record events_cache.go
// EventCorrelator / eventLogger) turns a repeat of an identical Event (same object, type,
// reason, message and source) into an update of the first one: count + 1 and a new
// lastTimestamp. The API server deletes an Event one TTL after its last update
// (kube-apiserver --event-ttl, default 1h: the Event registry stores each Event with that
// TTL, pkg/registry/core/event/storage/storage.go), and so does this store, as the run goes:
// it holds the Events of the last TTL only, whatever the length of the run. Simplification: the
// aggregator that merges 10+ similar Events with different messages into "(combined from
// similar events)" is not modelled.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>  // lookup only; never iterated, so its order cannot reach an output
#include <utility>
#include <vector>

#include "jobsim/api/event.hpp"
#include "jobsim/cluster/event_recorder.hpp"

namespace jobsim::report::kubectl {

// kube-apiserver --event-ttl default (cluster.timings.eventTTL in a scenario).
inline constexpr engine::Duration kEventTtl = std::chrono::hours(1);

struct StoredEvent {
  api::Event event;  // the first occurrence (its time is firstTimestamp)
  engine::SimTime last_timestamp;
  std::int32_t count = 1;
};

class EventStore {
 public:
  // `ttl`: how long an Event lives after its last update (kube-apiserver --event-ttl).
  explicit EventStore(engine::Duration ttl = kEventTtl) : ttl_(ttl) {}

  // connect subscribes to `sink`; the store must outlive the sink's emissions.
  void connect(cluster::EventSink& sink);
  // record stores `event` or counts it as a repeat, after expiring what is older than one TTL
  // at its time. Events are recorded in time order.
  void record(const api::Event& event);
  // expire deletes the Events whose last update is at least one TTL before `now`.
  void expire(engine::SimTime now);

  // events_for returns the Events about the object with `uid` that still exist at `now`
  // (not expired, not in the future), sorted by lastTimestamp (upstream SortableEvents), ties in
  // recording order.
  std::vector<StoredEvent> events_for(const std::string& uid, engine::SimTime now) const;
  // size: the Events stored (not expired yet).
  std::size_t size() const { return events_.size(); }

 private:
  engine::Duration ttl_;
  std::uint64_t next_ = 0;                         // recording order
  std::map<std::uint64_t, StoredEvent> events_;    // by recording order
  // The stored Events by a hash of what makes a repeat (eventLogger's key); several may share one.
  std::unordered_multimap<std::size_t, std::uint64_t> by_key_;
  // (expiry, Event) in time order, one entry per record or repeat; an entry whose Event was
  // updated since is stale and skipped.
  std::deque<std::pair<engine::SimTime, std::uint64_t>> expiry_;
};

}  // namespace jobsim::report::kubectl
