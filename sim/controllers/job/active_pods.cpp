#include "jobsim/controllers/job/active_pods.hpp"

#include <tuple>

namespace jobsim::controllers::job {
namespace {

int phase_rank(api::PodPhase phase) {
  switch (phase) {
    case api::PodPhase::Pending: return 0;
    case api::PodPhase::Unknown: return 1;
    case api::PodPhase::Running: return 2;
    default: return 3;
  }
}

const api::PodCondition* ready_condition(const api::Pod& pod) { return api::find_condition(pod.status, "Ready"); }

bool is_ready(const api::Pod& pod) {
  const api::PodCondition* ready = ready_condition(pod);
  return ready != nullptr && ready->status == api::ConditionStatus::True;
}

std::int32_t max_restarts(const api::Pod& pod) {
  std::int32_t restarts = 0;
  for (const api::ContainerStatus& status : pod.status->container_statuses) restarts = std::max(restarts, status.restart_count);
  return restarts;
}

// afterOrZero: an empty time sorts first, then the later time.
bool after_or_zero(const std::optional<api::SimTime>& a, const std::optional<api::SimTime>& b) {
  if (!a || !b) return !a;
  return *a > *b;
}

}  // namespace

bool active_pods_less(const api::Pod& a, const api::Pod& b) {
  if (a.spec->node_name.empty() != b.spec->node_name.empty()) return a.spec->node_name.empty();
  if (phase_rank(a.status->phase) != phase_rank(b.status->phase)) return phase_rank(a.status->phase) < phase_rank(b.status->phase);
  if (is_ready(a) != is_ready(b)) return !is_ready(a);
  if (is_ready(a) && is_ready(b)) {
    const auto a_since = ready_condition(a)->last_transition_time;
    const auto b_since = ready_condition(b)->last_transition_time;
    if (a_since != b_since) return after_or_zero(a_since, b_since);  // more recently ready first
  }
  if (max_restarts(a) != max_restarts(b)) return max_restarts(a) > max_restarts(b);
  if (a.metadata->creation_timestamp != b.metadata->creation_timestamp) {
    return after_or_zero(a.metadata->creation_timestamp, b.metadata->creation_timestamp);  // newer first
  }
  return a.metadata->name < b.metadata->name;
}

}  // namespace jobsim::controllers::job
