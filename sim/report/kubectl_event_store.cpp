#include "jobsim/report/kubectl_event_store.hpp"

#include <algorithm>
#include <functional>  // std::hash

namespace jobsim::report::kubectl {
namespace {

bool same_key(const api::Event& a, const api::Event& b) {
  return a.object == b.object && a.type == b.type && a.reason == b.reason && a.message == b.message &&
         a.source == b.source;
}

std::size_t key_hash(const api::Event& event) {
  const std::hash<std::string_view> hash;
  std::size_t h = hash(event.object.uid);
  // Each part's std::hash<std::string_view>; the message's is that of its text.
  for (const std::size_t part :
       {hash(event.object.name), hash(event.reason), event.message.hash(), hash(event.source)}) {
    h = h * 1099511628211ULL ^ part;
  }
  return h * 31 + static_cast<std::size_t>(event.type);
}

}  // namespace

void EventStore::connect(cluster::EventSink& sink) {
  sink.connect([this](const api::Event& event) { record(event); });
}

void EventStore::expire(engine::SimTime now) {
  while (!expiry_.empty() && expiry_.front().first <= now) {
    const auto [at, id] = expiry_.front();
    expiry_.pop_front();
    const auto found = events_.find(id);
    // Stale: already gone, or updated since (a later entry holds its new expiry).
    if (found == events_.end() || found->second.last_timestamp + ttl_ != at) continue;
    const auto [first, last] = by_key_.equal_range(key_hash(found->second.event));
    for (auto it = first; it != last; ++it) {
      if (it->second == id) {
        by_key_.erase(it);
        break;
      }
    }
    events_.erase(found);
  }
}

void EventStore::record(const api::Event& event) {
  // An Event one TTL past its last update is gone: a repeat of it starts a new one.
  expire(event.time);
  // Upstream eventLogger keys on source, involvedObject, type, reason and message; a repeat
  // updates the stored Event. After expiry at most one live stored Event has the key.
  const std::size_t hash = key_hash(event);
  const auto [first, last] = by_key_.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    StoredEvent& stored = events_.at(it->second);
    // The TTL check again: Events recorded out of time order (tests) expire late, never early.
    if (!same_key(stored.event, event) || event.time - stored.last_timestamp >= ttl_) continue;
    ++stored.count;
    stored.last_timestamp = event.time;
    expiry_.emplace_back(event.time + ttl_, it->second);
    return;
  }
  const std::uint64_t id = next_++;
  events_.emplace(id, StoredEvent{.event = event, .last_timestamp = event.time});
  by_key_.emplace(hash, id);
  expiry_.emplace_back(event.time + ttl_, id);
}

std::vector<StoredEvent> EventStore::events_for(const std::string& uid, engine::SimTime now) const {
  std::vector<StoredEvent> found;
  for (const auto& [id, stored] : events_) {
    if (stored.event.object.uid != uid || stored.event.time > now) continue;
    // The World runs only up to `now`, so no Event is later than it; the store expires Events
    // when the next one comes, so one may have outlived its TTL by now.
    if (now - stored.last_timestamp >= ttl_) continue;
    found.push_back(stored);
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const StoredEvent& a, const StoredEvent& b) { return a.last_timestamp < b.last_timestamp; });
  return found;
}

}  // namespace jobsim::report::kubectl
