// The PodPhaseChanged value of a write, and the announcements of writes made outside the model
// (cluster/lifecycle.hpp).
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

void announce_write(LifecycleSignals& signals, api::ObjectId id, const api::Pod& before, const api::Pod& written) {
  const auto& old_statuses = before.status->container_statuses;
  const auto& statuses = written.status->container_statuses;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    const std::int32_t old_count = i < old_statuses.size() ? old_statuses[i].restart_count : 0;
    if (statuses[i].restart_count > old_count) {
      signals.container_restarted.emit(
          {.pod = id, .container = static_cast<std::uint32_t>(i), .restart_count = statuses[i].restart_count});
    }
  }
  if (written.status->phase != before.status->phase) {
    signals.pod_phase_changed.emit(pod_phase_changed(id, before.status->phase, written));
  }
}

void announce_write(LifecycleSignals& signals, api::ObjectId id, const api::Job& before, const api::Job& written,
                    engine::SimTime now) {
  for (const JobFinishedCondition condition : {JobFinishedCondition::Complete, JobFinishedCondition::Failed}) {
    const std::string_view type = condition == JobFinishedCondition::Complete ? api::kJobComplete : api::kJobFailed;
    if (api::is_condition_true(before.status, type) || !api::is_condition_true(written.status, type)) continue;
    const api::JobCondition* finished = api::find_job_condition(written.status, type);
    signals.job_finished.emit({.job = id,
                               .condition = condition,
                               .reason = finished->reason,
                               .at = finished->last_transition_time.value_or(now),
                               .start_time = written.status->start_time});
    return;
  }
}

}  // namespace jobsim::cluster
