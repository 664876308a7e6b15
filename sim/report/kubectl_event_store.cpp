#include "jobsim/report/kubectl_event_store.hpp"

#include <algorithm>

namespace jobsim::report::kubectl {

void EventStore::connect(cluster::EventSink& sink) {
  sink.connect([this](const api::Event& event) { record(event); });
}

void EventStore::record(const api::Event& event) {
  // Upstream eventLogger keys on source, involvedObject, type, reason and message; a repeat
  // updates the stored Event. Search from the back: repeats are usually recent.
  for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
    const api::Event& seen = it->event;
    if (seen.object == event.object && seen.type == event.type && seen.reason == event.reason &&
        seen.message == event.message && seen.source == event.source) {
      if (event.time - it->last_timestamp < kEventTtl) {  // an expired Event is gone: a new one starts
        ++it->count;
        it->last_timestamp = event.time;
        return;
      }
      break;
    }
  }
  events_.push_back({.event = event, .last_timestamp = event.time});
}

std::vector<StoredEvent> EventStore::events_for(const std::string& uid, engine::SimTime now) const {
  std::vector<StoredEvent> found;
  for (const StoredEvent& stored : events_) {
    if (stored.event.object.uid != uid || stored.event.time > now) continue;
    // The World runs only up to `now`, so no Event is later than it.
    if (now - stored.last_timestamp >= kEventTtl) continue;
    found.push_back(stored);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const StoredEvent& a, const StoredEvent& b) { return a.last_timestamp < b.last_timestamp; });
  return found;
}

}  // namespace jobsim::report::kubectl
