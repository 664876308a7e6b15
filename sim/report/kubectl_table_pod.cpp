// Upstream: pkg/printers/internalversion/printers.go printPod, hasPodReadyCondition (v1.32).
// jobsim models no init containers, readiness gates, pod IPs, nominated nodes or signals: those
// branches of upstream reduce to their empty cases.
#include "jobsim/report/kubectl_duration.hpp"
#include "jobsim/report/kubectl_tables.hpp"

namespace jobsim::report::kubectl {
namespace {

// Upstream pkg/util/node NodeUnreachablePodReason.
constexpr std::string_view kNodeUnreachablePodReason = "NodeLost";

bool has_pod_ready_condition(const api::Pod& pod) {
  for (const api::PodCondition& condition : pod.status->conditions) {
    if (condition.type == "Ready" && condition.status == api::ConditionStatus::True) return true;
  }
  return false;
}

struct PodSummary {
  std::string reason;
  int ready = 0;
  int restarts = 0;
  std::optional<engine::SimTime> last_restart;
};

PodSummary summarize(const api::Pod& pod) {
  PodSummary summary;
  summary.reason = pod.status->reason.empty() ? std::string(api::to_string(pod.status->phase)) : pod.status->reason.str();
  for (const api::PodCondition& condition : pod.status->conditions) {
    if (condition.type == "PodScheduled" && condition.reason == "SchedulingGated") summary.reason = "SchedulingGated";
  }
  bool has_running = false;
  // Upstream walks the container statuses backwards: the first container's state wins.
  for (auto it = pod.status->container_statuses.rbegin(); it != pod.status->container_statuses.rend(); ++it) {
    const api::ContainerStatus& container = *it;
    summary.restarts += container.restart_count;
    if (container.last_termination_state && container.last_termination_state->kind == api::ContainerStateKind::Terminated &&
        container.last_termination_state->finished_at) {
      const engine::SimTime finished = *container.last_termination_state->finished_at;
      if (!summary.last_restart || *summary.last_restart < finished) summary.last_restart = finished;
    }
    const api::ContainerState& state = container.state;
    if (state.kind == api::ContainerStateKind::Waiting && !state.reason.empty()) {
      summary.reason = state.reason;
    } else if (state.kind == api::ContainerStateKind::Terminated && !state.reason.empty()) {
      summary.reason = state.reason;
    } else if (state.kind == api::ContainerStateKind::Terminated) {
      summary.reason = "ExitCode:" + std::to_string(state.exit_code);
    } else if (container.ready && state.kind == api::ContainerStateKind::Running) {
      has_running = true;
      ++summary.ready;
    }
  }
  // A pod whose first container completed while another still runs shows Running (or NotReady).
  if (summary.reason == "Completed" && has_running) summary.reason = has_pod_ready_condition(pod) ? "Running" : "NotReady";
  if (pod.metadata->deletion_timestamp && pod.status->reason == kNodeUnreachablePodReason) {
    summary.reason = "Unknown";
  } else if (pod.metadata->deletion_timestamp && !api::is_pod_terminal(pod)) {
    summary.reason = "Terminating";
  }
  return summary;
}

}  // namespace

std::string pod_status(const api::Pod& pod) { return summarize(pod).reason; }

std::string pod_restarts(const api::Pod& pod, engine::SimTime now) {
  const PodSummary summary = summarize(pod);
  std::string text = std::to_string(summary.restarts);
  if (summary.restarts != 0 && summary.last_restart) {
    text += " (" + translate_timestamp_since(summary.last_restart, now) + " ago)";
  }
  return text;
}

Table pod_table(std::span<const api::Pod* const> pods, engine::SimTime now, bool wide) {
  Table table{.columns = {"NAME", "READY", "STATUS", "RESTARTS", "AGE"}};
  if (wide) table.columns.insert(table.columns.end(), {"IP", "NODE", "NOMINATED NODE", "READINESS GATES"});
  for (const api::Pod* pod : pods) {
    const PodSummary summary = summarize(*pod);
    std::vector<std::string> row = {
        pod->metadata->name, std::to_string(summary.ready) + "/" + std::to_string(pod->spec->containers.size()),
        summary.reason, pod_restarts(*pod, now), translate_timestamp_since(pod->metadata->creation_timestamp, now)};
    if (wide) {
      row.insert(row.end(),
                 {"<none>", pod->spec->node_name.empty() ? "<none>" : pod->spec->node_name, "<none>", "<none>"});
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace jobsim::report::kubectl
