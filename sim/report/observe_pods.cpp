// Pod watch handlers: lifecycle lines from the difference between the old and the new object
// (an added pod is compared with an empty one, so a replayed snapshot still gets its lines),
// and the pod counts and requested resources of the time series.
#include <algorithm>

#include "recorder_state.hpp"

namespace jobsim::report {
namespace {

const api::Pod kNoPod{};

// requests_resources says whether the pod holds its requests on a node: bound and not finished
// (what the scheduler counts; a terminating pod still runs).
bool requests_resources(const api::Pod& pod) { return !pod.spec->node_name.empty() && !api::is_pod_terminal(pod); }

// failure_of returns the Failed line's reason and exit code: the pod's status.reason when set
// (Evicted, DeadlineExceeded), else the first container that terminated with a non-zero code.
std::pair<std::string_view, std::optional<std::int32_t>> failure_of(const api::Pod& pod) {
  const api::ContainerStatus* failed_container = nullptr;
  for (const api::ContainerStatus& status : pod.status->container_statuses) {
    if (status.state.kind == api::ContainerStateKind::Terminated && status.state.exit_code != 0) {
      failed_container = &status;
      break;
    }
  }
  std::optional<std::int32_t> exit_code;
  if (failed_container != nullptr) exit_code = failed_container->state.exit_code;
  if (!pod.status->reason.empty()) return {pod.status->reason, exit_code};
  if (failed_container != nullptr) return {failed_container->state.reason, exit_code};
  return {"", exit_code};
}

}  // namespace

void RunRecorder::State::pod_lines(engine::SimTime now, SubjectId subject, const api::Pod& old_pod,
                                   const api::Pod& pod) {
  if (old_pod.spec->node_name.empty() && !pod.spec->node_name.empty()) {
    log.add(now, subject, LineEvent::Scheduled, pod.spec->node_name);
  }
  const api::PodPhase old_phase = old_pod.status->phase;
  const api::PodPhase phase = pod.status->phase;
  if (phase == api::PodPhase::Running && old_phase != api::PodPhase::Running) {
    log.add(now, subject, LineEvent::Running);
  }
  const auto& old_statuses = old_pod.status->container_statuses;
  const auto& statuses = pod.status->container_statuses;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    const std::int32_t before = i < old_statuses.size() ? old_statuses[i].restart_count : 0;
    if (statuses[i].restart_count > before) {
      log.add(now, subject, LineEvent::Restarted, {}, statuses[i].restart_count, true);
    }
  }
  if (pod.metadata->deletion_timestamp && !old_pod.metadata->deletion_timestamp) {
    log.add(now, subject, LineEvent::Terminating);
  }
  if (phase == old_phase) return;
  if (phase == api::PodPhase::Succeeded) {
    log.add(now, subject, LineEvent::Succeeded);
    ++pods_succeeded;
  } else if (phase == api::PodPhase::Failed) {
    const auto [reason, exit_code] = failure_of(pod);
    log.add(now, subject, LineEvent::Failed, reason, exit_code.value_or(0),
            exit_code.has_value());
    ++pods_failed;
  }
}

// pod_counts adds (sign 1) or removes (sign -1) the pod from the state counts.
void RunRecorder::State::pod_counts(int sign, const api::Pod& pod) {
  Counts& counts = series.counts();
  switch (pod.status->phase) {
    case api::PodPhase::Pending: counts.pending += sign; break;
    case api::PodPhase::Running: counts.running += sign; break;
    case api::PodPhase::Succeeded: counts.succeeded += sign; break;
    case api::PodPhase::Failed: counts.failed += sign; break;
    case api::PodPhase::Unknown: break;
  }
  if (pod.metadata->deletion_timestamp) counts.terminating += sign;
  counts.pods += sign;
  if (requests_resources(pod)) {
    const api::ResourceList requests = api::pod_requests(pod.spec);
    series.add_requests(series.node(pod.spec->node_name), requests.cpu_millis.value_or(0),
                        requests.memory_bytes.value_or(0), sign);
  }
}

void RunRecorder::State::pod_added(api::ObjectId id, const api::Pod& pod) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const SubjectId subject = subject_of(api::Kind::Pod, id) = log.add_subject(api::Kind::Pod, pod.metadata);
  log.add(now, subject, LineEvent::Created);
  ++pods_created;
  pod_lines(now, subject, kNoPod, pod);
  pod_counts(1, pod);
  // Only pods created unbound wait for the scheduler; one created with spec.nodeName did not.
  if (pod.spec->node_name.empty() && !api::is_pod_terminal(pod)) pending_started(id, pod, now);
}

void RunRecorder::State::pod_updated(api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  pod_lines(now, refresh_subject(api::Kind::Pod, id, pod.metadata), old_pod, pod);
  if (const auto account = pod_accounts.find(id); account != pod_accounts.end() && account->second.waiting) {
    if (!pod.spec->node_name.empty()) {
      pending_ended(id, now, &PendingTimes::bound);
    } else if (api::is_pod_terminal(pod)) {
      pending_ended(id, now, &PendingTimes::finished_while_pending);
    }
  }
  // Most pod writes change neither the phase, the deletion mark nor the binding: skip those.
  const bool counts_change = old_pod.status->phase != pod.status->phase ||
                             old_pod.metadata->deletion_timestamp.has_value() !=
                                 pod.metadata->deletion_timestamp.has_value() ||
                             requests_resources(old_pod) != requests_resources(pod) ||
                             old_pod.spec->node_name != pod.spec->node_name;
  if (!counts_change) return;
  pod_counts(-1, old_pod);
  pod_counts(1, pod);
}

void RunRecorder::State::pod_deleted(api::ObjectId id, const api::Pod& pod) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  log.add(now, subject_of(api::Kind::Pod, id), LineEvent::Deleted);
  release_subject(api::Kind::Pod, id);
  pod_counts(-1, pod);
  if (const auto found = pod_accounts.find(id); found != pod_accounts.end()) {
    if (found->second.waiting) pending_ended(id, now, &PendingTimes::deleted_while_pending);
    // A deleted pod uses nothing, whether or not its kubelet published a last zero.
    if (found->second.usage_node != 0) pod_usage({.pod = id, .node = api::kNoObject});
    pod_accounts.erase(id);
  }
}

}  // namespace jobsim::report
