// EventStore: the Kubernetes Events of a run as the API server would hold them for
// `kubectl describe`. Upstream's recorder (client-go tools/record events_cache.go
// EventCorrelator / eventLogger) turns a repeat of an identical Event (same object, type,
// reason, message and source) into an update of the first one: count + 1 and a new
// lastTimestamp. The API server deletes an Event one --event-ttl (default 1h) after its last
// update. Simplification: the aggregator that merges 10+ similar Events with different messages
// into "(combined from similar events)" is not modelled.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jobsim/api/event.hpp"
#include "jobsim/cluster/event_recorder.hpp"

namespace jobsim::report::kubectl {

// kube-apiserver --event-ttl default.
inline constexpr engine::Duration kEventTtl = std::chrono::hours(1);

struct StoredEvent {
  api::Event event;  // the first occurrence (its time is firstTimestamp)
  engine::SimTime last_timestamp;
  std::int32_t count = 1;
};

class EventStore {
 public:
  // connect subscribes to `sink`; the store must outlive the sink's emissions.
  void connect(cluster::EventSink& sink);
  void record(const api::Event& event);

  // events_for returns the Events about the object with `uid` that still exist at `now`
  // (not expired, not in the future), sorted by lastTimestamp (upstream SortableEvents), ties in
  // recording order.
  std::vector<StoredEvent> events_for(const std::string& uid, engine::SimTime now) const;

 private:
  std::vector<StoredEvent> events_;
};

}  // namespace jobsim::report::kubectl
