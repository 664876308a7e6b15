// Upstream: pkg/kubelet/kubelet.go (initialCrashLoopBackOff 10 s, MaxCrashLoopBackOff 300 s,
// the 600 s HasExpiredFunc override), pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff,
// pkg/kubelet/status/generate.go and status_manager.go (terminal phase, final delete).
#include "jobsim/cluster/kubelet.hpp"

#include <algorithm>
#include <utility>

#include "cluster/kubelet_internal.hpp"

namespace jobsim::cluster {
using kubelet_internal::set_condition;
using kubelet_internal::status_of;

Kubelet::Kubelet(engine::Simulator& sim, Informer<api::Pod>& pods, Informer<api::Node>& nodes, Client& client,
                 EventRecorder recorder, Workload& workload, UsageSink& usage, const api::Timings& timings)
    : sim_(sim),
      pods_informer_(pods),
      nodes_informer_(nodes),
      client_(client),
      recorder_(std::move(recorder)),
      workload_(workload),
      usage_(usage),
      timings_(timings) {
  pods_informer_.on_add([this](api::ObjectId id, const api::Pod& pod) { on_pod_seen(id, nullptr, pod); });
  pods_informer_.on_update(
      [this](api::ObjectId id, const api::Pod& old_pod, const api::Pod& pod) { on_pod_seen(id, &old_pod, pod); });
  pods_informer_.on_delete([this](api::ObjectId id, const api::Pod&) { on_pod_delete(id); });
}

// Watch handler: only schedules work (handlers never write).
void Kubelet::on_pod_seen(api::ObjectId id, const api::Pod* old_pod, const api::Pod& pod) {
  if (pod.spec->node_name.empty()) return;
  if (on_down_node(pod)) {
    note_pod_on_down_node(id, pod);  // a stopped machine does nothing (kubelet_node.cpp)
    return;
  }
  auto found = pods_.find(id);
  if (found == pods_.end()) {
    if (api::is_pod_terminal(pod)) return;
    PodRuntime& runtime = pods_[id];
    runtime.containers.resize(pod.spec->containers.size());
    runtime.node = nodes_informer_.find("", pod.spec->node_name);
    if (pod.metadata->deletion_timestamp) {
      runtime.start = sim_.schedule_after(engine::Duration::zero(), {"kubelet.kill", id}, [this, id] { kill_pod(id); });
      return;
    }
    if (pod.status->phase == api::PodPhase::Running) {
      // A Running pod of a replayed snapshot: its containers already run (docs/snapshots.md).
      runtime.start = sim_.schedule_after(engine::Duration::zero(), {"kubelet.adopt", id}, [this, id] { adopt_pod(id); });
      return;
    }
    sim_.schedule_after(engine::Duration::zero(), {"kubelet.admit", id}, [this, id] { admit(id); });
    runtime.start = sim_.schedule_after(timings_.pod_startup, {"kubelet.start", id}, [this, id] { start_pod(id); });
    return;
  }
  const bool deletion_started = pod.metadata->deletion_timestamp && (old_pod == nullptr || !old_pod->metadata->deletion_timestamp);
  if (deletion_started && !found->second.killing) {
    sim_.schedule_after(engine::Duration::zero(), {"kubelet.kill", id}, [this, id] { kill_pod(id); });
  }
}

void Kubelet::on_pod_delete(api::ObjectId id) {
  const auto found = pods_.find(id);
  if (found == pods_.end()) return;
  sim_.cancel(found->second.start);
  for (ContainerRuntime& container : found->second.containers) {
    sim_.cancel(container.timer);
    container.running = false;
  }
  publish_usage(id);
  pods_.erase(found);
}

void Kubelet::admit(api::ObjectId id) {
  const api::Pod* current = pods_informer_.get(id);
  if (current == nullptr || current->metadata->deletion_timestamp || pods_.find(id)->second.started ||
      on_down_node(*current)) {
    return;
  }
  api::Pod pod = *current;
  pod.status.edit().start_time = sim_.now();
  pod.status.edit().container_statuses.clear();
  for (const api::Container& container : pod.spec->containers) {
    pod.status.edit().container_statuses.push_back(
        {.name = container.name,
         .image = container.image,
         .state = {.kind = api::ContainerStateKind::Waiting, .reason = api::constant_name("ContainerCreating")}});
  }
  set_condition(pod.status.edit(), "Initialized", api::ConditionStatus::True, sim_.now());
  set_condition(pod.status.edit(), "Ready", api::ConditionStatus::False, sim_.now());
  set_condition(pod.status.edit(), "ContainersReady", api::ConditionStatus::False, sim_.now());
  update_pod(id, std::move(pod));
}

void Kubelet::start_pod(api::ObjectId id) {
  const api::Pod* current = pods_informer_.get(id);
  auto found = pods_.find(id);
  if (current == nullptr || found == pods_.end()) return;
  found->second.started = true;
  api::Pod pod = *current;
  if (!pod.status->start_time) pod.status.edit().start_time = sim_.now();
  pod.status.edit().container_statuses.resize(pod.spec->containers.size());
  const std::vector<api::Name> started = start_containers(id, pod);
  const api::ObjectMeta metadata = pod.metadata;
  update_pod(id, std::move(pod));
  for (const api::Name& name : started) {
    recorder_.normal(api::Kind::Pod, metadata, "Started", {"Started container {}", name});
  }
  publish_usage(id);
}

// adopt_pod takes over a pod that was already Running when the simulation began (a snapshot),
// as a restarted kubelet finds its containers running: no admission and no startup latency.
// Each running container gets a run from the workload measured from its startedAt (a 4-minute
// run that started 3 minutes before adoption exits 1 minute later; one already overdue exits at
// once). Containers that are not running are started now; terminated ones of a Never pod stay
// done. The model keeps no CrashLoopBackOff history from before the snapshot.
void Kubelet::adopt_pod(api::ObjectId id) {
  const api::Pod* current = pods_informer_.get(id);
  auto found = pods_.find(id);
  if (current == nullptr || found == pods_.end() || found->second.killing) return;
  found->second.started = true;
  api::Pod pod = *current;
  const engine::SimTime now = sim_.now();
  bool changed = false;
  if (pod.status->container_statuses.size() != pod.spec->containers.size()) {
    pod.status.edit().container_statuses.resize(pod.spec->containers.size());
    changed = true;
  }
  for (std::size_t i = 0; i < pod.spec->containers.size(); ++i) {
    api::ContainerStatus& status = pod.status.edit().container_statuses[i];
    ContainerRuntime& runtime = found->second.containers[i];
    if (status.state.kind == api::ContainerStateKind::Terminated && pod.spec->restart_policy == api::RestartPolicy::Never) {
      runtime.done = true;
      runtime.exit_code = status.state.exit_code;
      continue;
    }
    if (status.state.kind != api::ContainerStateKind::Running) {
      run_container(id, pod, i);
      changed = true;
      continue;
    }
    const ContainerRun run = workload_.next_run(pod, pod.spec->containers[i]);
    runtime.running = true;
    runtime.image_pulled = true;
    runtime.exit_code = run.exit_code;
    runtime.termination_delay = run.termination_delay;
    const engine::SimTime started = status.state.started_at.value_or(now);
    schedule_run_end(id, i, pod.spec->containers[i], run, std::max(engine::Duration::zero(), now - started));
  }
  if (changed) update_pod(id, std::move(pod));
  publish_usage(id);
}

// run_container starts one run of container `index` in `pod` (the caller writes the pod).
void Kubelet::run_container(api::ObjectId id, api::Pod& pod, std::size_t index) {
  ContainerRuntime& runtime = pods_.at(id).containers[index];
  const ContainerRun run = workload_.next_run(pod, pod.spec->containers[index]);
  runtime.running = true;
  runtime.done = false;
  runtime.image_pulled = true;
  runtime.exit_code = run.exit_code;
  runtime.termination_delay = run.termination_delay;
  api::ContainerStatus& status = pod.status.edit().container_statuses[index];
  status.name = pod.spec->containers[index].name;
  status.image = pod.spec->containers[index].image;
  status.state = {.kind = api::ContainerStateKind::Running, .started_at = sim_.now()};
  status.ready = true;
  schedule_run_end(id, index, pod.spec->containers[index], run, engine::Duration::zero());
}

void Kubelet::container_exit(api::ObjectId id, std::size_t index, std::int32_t exit_code) {
  const api::Pod* current = pods_informer_.get(id);
  auto found = pods_.find(id);
  if (current == nullptr || found == pods_.end()) return;
  PodRuntime& runtime = found->second;
  ContainerRuntime& container = runtime.containers[index];
  api::Pod pod = *current;
  const engine::SimTime now = sim_.now();
  api::ContainerStatus* status = status_of(pod, index);
  const std::optional<engine::SimTime> started_at = status->state.started_at;
  const bool oom_killed = std::exchange(container.oom_killed, false);
  status->state = {.kind = api::ContainerStateKind::Terminated,
                   .reason = api::constant_name(oom_killed ? "OOMKilled" : exit_code == 0 ? "Completed" : "Error"),
                   .exit_code = exit_code,
                   .started_at = started_at,
                   .finished_at = now};
  status->ready = false;
  container.running = false;
  container.finished_at = now;
  publish_usage(id);
  const bool restart = !runtime.killing && exit_code != 0 &&
                       pod.spec->restart_policy == api::RestartPolicy::OnFailure;
  if (!restart) {
    container.done = true;
    finish_if_done(id, pod);
    return;
  }
  // doBackOff: in backoff while now - finishedAt < delay, unless the entry expired (more than
  // crash_loop_reset between its last update and this exit). The first exit has no entry yet,
  // so it restarts at once.
  const Backoff& backoff = container.backoff;
  const bool expired = !backoff.present || now - backoff.last_update > timings_.crash_loop_reset;
  const engine::Duration wait = expired ? engine::Duration::zero() : backoff.delay;
  set_condition(pod.status.edit(), "Ready", api::ConditionStatus::False, now);
  set_condition(pod.status.edit(), "ContainersReady", api::ConditionStatus::False, now);
  if (wait == engine::Duration::zero()) {
    update_pod(id, std::move(pod));
    restart_container(id, index);
    return;
  }
  status->last_termination_state = status->state;
  status->state = {.kind = api::ContainerStateKind::Waiting,
                   .reason = "CrashLoopBackOff",
                   .message = "back-off " + engine::format_duration(wait) + " restarting failed container=" +
                              pod.spec->containers[index].name + " pod=" + pod.metadata->name + "_" +
                              pod.metadata->namespace_ + "(" + pod.metadata->uid + ")"};
  // Four parts, one more than an EventMessage holds: formatted here (a crash loop's path, rare).
  recorder_.warning(api::Kind::Pod, pod.metadata, "BackOff",
                    api::EventMessage::text("Back-off restarting failed container " + pod.spec->containers[index].name +
                                            " in pod " + pod.metadata->name + "_" + pod.metadata->namespace_ + "(" +
                                            pod.metadata->uid + ")"));
  container.timer = sim_.schedule_after(wait, {"kubelet.restart", id}, [this, id, index] { restart_container(id, index); });
  update_pod(id, std::move(pod));
}

void Kubelet::restart_container(api::ObjectId id, std::size_t index) {
  const api::Pod* current = pods_informer_.get(id);
  auto found = pods_.find(id);
  if (current == nullptr || found == pods_.end() || found->second.killing) return;
  ContainerRuntime& container = found->second.containers[index];
  // flowcontrol.Backoff.Next(key, finishedAt): a new entry, or one expired with respect to the
  // exit time, starts at the initial delay; otherwise the delay doubles up to the maximum.
  // Either way lastUpdate = now.
  const engine::SimTime now = sim_.now();
  Backoff& backoff = container.backoff;
  if (!backoff.present || container.finished_at - backoff.last_update > timings_.crash_loop_reset) {
    backoff = {true, timings_.crash_loop_initial_backoff, now};
  } else {
    backoff.delay = std::min(backoff.delay * 2, timings_.crash_loop_max_backoff);
    backoff.last_update = now;
  }
  api::Pod pod = *current;
  api::ContainerStatus* status = status_of(pod, index);
  const api::ContainerState last = status->state.kind == api::ContainerStateKind::Terminated
                                       ? status->state
                                       : status->last_termination_state.value_or(status->state);
  const std::int32_t restarts = status->restart_count + 1;
  run_container(id, pod, index);
  status = status_of(pod, index);
  status->last_termination_state = last;
  status->restart_count = restarts;
  restarts_.push_back({.pod = id, .container = static_cast<std::uint32_t>(index), .restart_count = restarts});
  const bool all_running = std::ranges::all_of(found->second.containers, [](const ContainerRuntime& c) {
    return c.running || c.done;
  });
  if (all_running) {
    set_condition(pod.status.edit(), "Ready", api::ConditionStatus::True, now);
    set_condition(pod.status.edit(), "ContainersReady", api::ConditionStatus::True, now);
  }
  update_pod(id, std::move(pod));
  publish_usage(id);
}

void Kubelet::kill_pod(api::ObjectId id) {
  const api::Pod* current = pods_informer_.get(id);
  auto found = pods_.find(id);
  if (current == nullptr || found == pods_.end() || found->second.killing || on_down_node(*current)) return;
  PodRuntime& runtime = found->second;
  runtime.killing = true;
  api::Pod pod = *current;
  if (!runtime.started) {
    // Never started: nothing to stop. The pod ends Failed without running.
    sim_.cancel(runtime.start);
    for (ContainerRuntime& container : runtime.containers) container.done = true;
    finish_if_done(id, pod);
    return;
  }
  const engine::Duration grace = std::chrono::seconds(pod.metadata->deletion_grace_period_seconds.value_or(
      pod.spec->termination_grace_period_seconds));
  for (std::size_t i = 0; i < runtime.containers.size(); ++i) {
    ContainerRuntime& container = runtime.containers[i];
    if (container.done) continue;
    sim_.cancel(container.timer);
    container.oom_killed = false;
    if (!container.running) {
      container.done = true;  // waiting in CrashLoopBackOff: nothing to stop
      continue;
    }
    recorder_.normal(api::Kind::Pod, pod.metadata, "Killing", {"Stopping container {}", pod.spec->containers[i].name});
    // SIGTERM now; the process exits after its terminationDelay, or SIGKILL at the grace period.
    const bool graceful = container.termination_delay < grace;
    const engine::Duration stop_after = graceful ? container.termination_delay : grace;
    const std::int32_t code = graceful ? kExitCodeSigterm : kExitCodeSigkill;
    container.timer =
        sim_.schedule_after(stop_after, {"kubelet.container_exit", id}, [this, id, i, code] { container_exit(id, i, code); });
  }
  finish_if_done(id, pod);
}

void Kubelet::update_pod(api::ObjectId id, api::Pod&& pod) {
  if (lifecycle_ == nullptr) {
    restarts_.clear();
    client_.update(id, std::move(pod));
    return;
  }
  const api::Pod* before = pods_informer_.get(id);
  const api::PodPhase from = before != nullptr ? before->status->phase : pod.status->phase;
  // The parts are shared, not copied: the reason views stay valid whatever the store does.
  std::optional<api::Pod> written;
  if (pod.status->phase != from) written = pod;
  const bool ok = client_.update(id, std::move(pod)).ok();
  if (ok) {
    for (const ContainerRestarted& restarted : restarts_) lifecycle_->container_restarted.emit(restarted);
  }
  restarts_.clear();
  if (ok && written) lifecycle_->pod_phase_changed.emit(pod_phase_changed(id, from, *written));
}

void Kubelet::finish_if_done(api::ObjectId id, api::Pod& pod) {
  PodRuntime& runtime = pods_.at(id);
  const bool all_done = std::ranges::all_of(runtime.containers, [](const ContainerRuntime& c) { return c.done; });
  if (!all_done) {
    update_pod(id, std::move(pod));
    return;
  }
  const engine::SimTime now = sim_.now();
  if (!api::is_pod_terminal(pod)) {
    // All containers exited 0 → Succeeded; anything else (including a pod stopped before or
    // while running) → Failed (pkg/kubelet/kubelet_pods.go getPhase with terminal pods).
    const bool all_zero = runtime.started &&
                          std::ranges::all_of(pod.status->container_statuses, [](const api::ContainerStatus& s) {
                            return s.state.kind == api::ContainerStateKind::Terminated && s.state.exit_code == 0;
                          });
    pod.status.edit().phase = all_zero ? api::PodPhase::Succeeded : api::PodPhase::Failed;
    // status_manager.go TerminatePod (called from SyncTerminatedPod): a container with no
    // terminated state (never started, waiting for its image or in CrashLoopBackOff) is reported
    // Terminated, ContainerStatusUnknown, 137; its lastState is kept.
    for (api::ContainerStatus& status : pod.status.edit().container_statuses) {
      if (status.state.kind == api::ContainerStateKind::Terminated) continue;
      status.state = {.kind = api::ContainerStateKind::Terminated,
                      .reason = "ContainerStatusUnknown",
                      .message = "The container could not be located when the pod was terminated",
                      .exit_code = kExitCodeSigkill};
      status.ready = false;
    }
    set_condition(pod.status.edit(), "Ready", api::ConditionStatus::False, now);
    set_condition(pod.status.edit(), "ContainersReady", api::ConditionStatus::False, now);
  }
  const bool deleting = pod.metadata->deletion_timestamp.has_value();
  update_pod(id, std::move(pod));
  if (deleting && pods_informer_.get(id) != nullptr) {
    // status_manager: once terminal, the kubelet completes the deletion with grace 0.
    client_.remove(api::Kind::Pod, id, DeleteOptions{.grace_period_seconds = 0});
  }
  // The runtime record stays until the pod object is deleted; a terminal pod runs nothing.
}

}  // namespace jobsim::cluster
