// The PodPhaseChanged value of a write (cluster/lifecycle.hpp).
#include "jobsim/cluster/lifecycle.hpp"

namespace jobsim::cluster {

PodPhaseChanged pod_phase_changed(api::ObjectId id, api::PodPhase from, const api::Pod& pod) {
  PodPhaseChanged changed{.pod = id, .from = from, .to = pod.status->phase};
  if (changed.to != api::PodPhase::Failed) return changed;
  const api::ContainerStatus* failed_container = nullptr;
  for (const api::ContainerStatus& status : pod.status->container_statuses) {
    if (status.state.kind == api::ContainerStateKind::Terminated && status.state.exit_code != 0) {
      failed_container = &status;
      break;
    }
  }
  if (failed_container != nullptr) {
    changed.exit_code = failed_container->state.exit_code;
    changed.has_exit_code = true;
  }
  if (!pod.status->reason.empty()) {
    changed.reason = pod.status->reason;
  } else if (failed_container != nullptr) {
    changed.reason = failed_container->state.reason;
  }
  return changed;
}

}  // namespace jobsim::cluster
