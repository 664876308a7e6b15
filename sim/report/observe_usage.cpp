// Resource accounting beyond requests: the actual usage the kubelet publishes (PodUsage
// signal, cluster/usage.hpp) per node and in all, and how long each pod waited for a node
// (creationTimestamp to binding). docs/outputs.md defines what is counted.
#include <algorithm>  // std::max, std::ranges::sort

#include "jobsim/engine/check.hpp"
#include "recorder_state.hpp"

namespace jobsim::report {

void RunRecorder::State::pod_usage(const cluster::PodUsage& usage) {
  series.advance(clock.now());
  const std::uint32_t node = usage.node < node_by_id.size() ? node_by_id[usage.node] : 0;
  // The kubelet publishes usage only for pods on a node it runs, and the Node object exists
  // before any pod is bound to it: a usage on an unknown node is a bug in the publisher.
  JOBSIM_CHECK(node != 0 || (usage.cpu_millis == 0 && usage.memory_bytes == 0),
               "PodUsage of pod id " << usage.pod << " names node id " << usage.node
                                     << ", which the report never saw; publish usage only for bound pods");
  // A pod without an account and no node (a last zero for a pod already deleted) changes
  // nothing: do not make it an account again.
  if (node == 0 && !pod_accounts.contains(usage.pod)) return;
  PodAccount& account = account_of(usage.pod);
  if (account.usage_node == node && node != 0) {
    series.add_usage(node - 1, usage.cpu_millis - account.used_cpu_m, usage.memory_bytes - account.used_memory_bytes);
  } else {
    if (account.usage_node != 0) {
      series.add_usage(account.usage_node - 1, -account.used_cpu_m, -account.used_memory_bytes);
    }
    if (node != 0) series.add_usage(node - 1, usage.cpu_millis, usage.memory_bytes);
  }
  account.usage_node = node;
  account.used_cpu_m = usage.cpu_millis;
  account.used_memory_bytes = usage.memory_bytes;
}

void RunRecorder::State::pending_started(api::ObjectId id, const api::Pod& pod, engine::SimTime now) {
  PodAccount& account = account_of(id);
  account.waiting = true;
  // A replayed snapshot's pod has waited since its creationTimestamp, before the run began.
  account.pending_since = pod.metadata->creation_timestamp.value_or(now);
}

void RunRecorder::State::pending_ended(api::ObjectId id, engine::SimTime now, std::int64_t PendingTimes::*outcome) {
  PodAccount& account = pod_accounts[id];
  account.waiting = false;
  pending.waits.add(std::max(now - account.pending_since, engine::Duration::zero()));
  ++(pending.*outcome);
}

void RunRecorder::State::close_accounts(engine::SimTime run_end) {
  // The order of the map does not matter: the waits are sorted below and the rest are counts.
  for (auto& [id, account] : pod_accounts) {
    if (account.waiting) pending_ended(id, run_end, &PendingTimes::pending_at_end);
  }
  pending.waits.sort();
}

}  // namespace jobsim::report
