// NodeLeases: the kube-node-lease Leases, modelled analytically. Upstream each kubelet renews
// its node's Lease every 10 s (nodeStatusUpdateFrequency / renewInterval) and the node
// lifecycle controller watches the renewals. Here a lease records only when its kubelet started
// renewing and, once the machine stops, when it stopped: the renewals in between are implied
// (started + k * interval), so a year of heartbeats costs no events. The kubelet writes
// (start/stop); the node lifecycle controller reads and is told of changes (a Lease informer).
// Upstream: pkg/kubelet/nodelease, staging/.../component-helpers/apimachinery/lease.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "jobsim/engine/time.hpp"

namespace jobsim::cluster {

struct NodeLease {
  engine::SimTime renewing_since{};              // the kubelet's first renewal
  engine::Duration renew_interval{};             // > 0
  std::optional<engine::SimTime> stopped_at;     // the machine stopped; no renewal after it

  // last_renewal returns the latest renewal at or before `t` (a renewal at the very instant
  // the machine stops still goes out), or nullopt when the kubelet had not renewed yet.
  std::optional<engine::SimTime> last_renewal(engine::SimTime t) const {
    if (stopped_at && *stopped_at < t) t = *stopped_at;
    if (t < renewing_since) return std::nullopt;
    return renewing_since + ((t - renewing_since) / renew_interval) * renew_interval;
  }
  bool renewing() const { return !stopped_at.has_value(); }
  bool operator==(const NodeLease&) const = default;
};

class NodeLeases {
 public:
  using Handler = std::function<void(const std::string& node)>;

  // start: the node's kubelet (re)starts renewing at `now`.
  void start(const std::string& node, engine::SimTime now, engine::Duration interval) {
    leases_[node] = NodeLease{.renewing_since = now, .renew_interval = interval, .stopped_at = std::nullopt};
    notify(node);
  }
  // stop: the machine stops at `now`; the renewal due at `now` (if any) was the last.
  void stop(const std::string& node, engine::SimTime now) {
    const auto found = leases_.find(node);
    if (found == leases_.end() || found->second.stopped_at) return;
    found->second.stopped_at = now;
    notify(node);
  }
  void remove(const std::string& node) {
    if (leases_.erase(node) > 0) notify(node);
  }
  const NodeLease* get(const std::string& node) const {
    const auto found = leases_.find(node);
    return found == leases_.end() ? nullptr : &found->second;
  }
  // on_change: handlers only record or enqueue (as informer handlers).
  void on_change(Handler handler) { handlers_.push_back(std::move(handler)); }

 private:
  void notify(const std::string& node) {
    for (const Handler& handler : handlers_) handler(node);
  }
  std::map<std::string, NodeLease> leases_;
  std::vector<Handler> handlers_;
};

}  // namespace jobsim::cluster
