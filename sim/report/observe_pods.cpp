// Pod handlers. The watch gives the object state: Created and Deleted, the binding (Scheduled)
// and the deletion mark (Terminating), the pod counts and requested resources of the time
// series; an added pod's lines describe it as created, so a replayed snapshot still gets its
// lines. What the kubelet decided (phase changes, container restarts) comes from its lifecycle
// signals (cluster/lifecycle.hpp), not from comparing the old and the new object.
#include <algorithm>

#include "recorder_state.hpp"

namespace jobsim::report {
namespace {

// requests_resources says whether the pod holds its requests on a node: bound and not finished
// (what the scheduler counts; a terminating pod still runs).
bool requests_resources(const api::Pod& pod) { return !pod.spec->node_name.empty() && !api::is_pod_terminal(pod); }

}  // namespace

void RunRecorder::State::pod_lines(engine::SimTime now, SubjectId subject, api::ObjectId id, const api::Pod& pod) {
  if (!pod.spec->node_name.empty()) log.add(now, subject, LineEvent::Scheduled, pod.spec->node_name);
  const api::PodPhase phase = pod.status->phase;
  if (phase == api::PodPhase::Running) log.add(now, subject, LineEvent::Running);
  for (const api::ContainerStatus& status : pod.status->container_statuses) {
    if (status.restart_count > 0) log.add(now, subject, LineEvent::Restarted, {}, status.restart_count, true);
  }
  if (pod.metadata->deletion_timestamp) log.add(now, subject, LineEvent::Terminating);
  if (phase == api::PodPhase::Succeeded || phase == api::PodPhase::Failed) {
    phase_lines(now, subject, cluster::pod_phase_changed(id, api::PodPhase::Pending, pod));
  }
}

void RunRecorder::State::phase_lines(engine::SimTime now, SubjectId subject, const cluster::PodPhaseChanged& changed) {
  switch (changed.to) {
    case api::PodPhase::Running: log.add(now, subject, LineEvent::Running); break;
    case api::PodPhase::Succeeded:
      log.add(now, subject, LineEvent::Succeeded);
      ++pods_succeeded;
      break;
    case api::PodPhase::Failed:
      log.add(now, subject, LineEvent::Failed, changed.reason, changed.exit_code, changed.has_exit_code);
      ++pods_failed;
      break;
    case api::PodPhase::Pending:
    case api::PodPhase::Unknown: break;
  }
}

void RunRecorder::State::pod_phase_changed(const cluster::PodPhaseChanged& changed) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  phase_lines(now, subject_of(api::Kind::Pod, changed.pod), changed);
}

void RunRecorder::State::container_restarted(const cluster::ContainerRestarted& restarted) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  log.add(now, subject_of(api::Kind::Pod, restarted.pod), LineEvent::Restarted, {}, restarted.restart_count, true);
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
  pod_lines(now, subject, id, pod);
  pod_counts(1, pod);
  // Only pods created unbound wait for the scheduler; one created with spec.nodeName did not.
  if (pod.spec->node_name.empty() && !api::is_pod_terminal(pod)) pending_started(id, pod, now);
}

void RunRecorder::State::pod_updated(api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod) {
  const engine::SimTime now = clock.now();
  series.advance(now);
  const SubjectId subject = refresh_subject(api::Kind::Pod, id, pod.metadata);
  // The binding and the deletion mark are the state of the object itself.
  if (old_pod.spec->node_name.empty() && !pod.spec->node_name.empty()) {
    log.add(now, subject, LineEvent::Scheduled, pod.spec->node_name);
  }
  if (pod.metadata->deletion_timestamp && !old_pod.metadata->deletion_timestamp) {
    log.add(now, subject, LineEvent::Terminating);
  }
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
