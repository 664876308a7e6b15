// The kubelet's resource side: the usage of a container run (from the Workload), the OOM kill
// when the memory usage reaches the container's memory limit, and the PodUsage signal.
// Upstream: the kernel's cgroup OOM killer stops the process with SIGKILL (exit code 137) and
// the runtime reports reason OOMKilled (pkg/kubelet/kuberuntime/kuberuntime_container.go
// toKubeContainerStatus); the kubelet then treats it as any other failed exit (restartPolicy,
// CrashLoopBackOff). Model (docs/fidelity.md): memory grows linearly from 0 to its plateau over
// the behavior's rampUp; the signal publishes the plateau, capped at the limit, from the start.
#include <algorithm>
#include <cmath>

#include "jobsim/cluster/kubelet.hpp"

namespace jobsim::cluster {
namespace {

// time_to_reach: when usage growing linearly from 0 to `plateau` over `ramp` first reaches
// `limit` (< plateau), rounded up to the clock's resolution so that the usage has reached it.
engine::Duration time_to_reach(engine::Duration ramp, std::int64_t limit, std::int64_t plateau) {
  const long double ticks = static_cast<long double>(ramp.count()) * static_cast<long double>(limit) /
                            static_cast<long double>(plateau);
  return engine::Duration(static_cast<engine::Duration::rep>(std::ceil(ticks)));
}

}  // namespace

void Kubelet::schedule_run_end(api::ObjectId id, std::size_t index, const api::Container& spec,
                               const ContainerRun& run, engine::Duration elapsed) {
  ContainerRuntime& container = pods_.at(id).containers[index];
  const std::optional<std::int64_t> limit = spec.resources.limits.memory_bytes;
  const std::int64_t memory = run.memory_bytes.value_or(0);
  container.cpu_millis = run.cpu_millis.value_or(0);
  container.memory_bytes = limit ? std::min(memory, *limit) : memory;
  container.oom_killed = false;
  std::optional<engine::Duration> ends_after = run.run_for;
  std::int32_t exit_code = run.exit_code;
  if (limit && memory > *limit) {
    const engine::Duration oom_after = time_to_reach(run.memory_ramp_up, *limit, memory);
    if (!ends_after || oom_after < *ends_after) {
      ends_after = oom_after;
      exit_code = kExitCodeSigkill;
      container.oom_killed = true;
    }
  }
  if (!ends_after) return;
  const engine::Duration left = std::max(engine::Duration::zero(), *ends_after - elapsed);
  if (container.oom_killed) {
    container.timer = sim_.schedule_after(left, {"kubelet.oom_kill", id}, [this, id, index] { oom_kill(id, index); });
    return;
  }
  container.timer = sim_.schedule_after(left, {"kubelet.container_exit", id}, [this, id, index, exit_code] {
    container_exit(id, index, exit_code);
  });
}

void Kubelet::oom_kill(api::ObjectId id, std::size_t index) {
  const auto found = pods_.find(id);
  if (found == pods_.end()) return;
  found->second.containers[index].oom_killed = true;
  container_exit(id, index, kExitCodeSigkill);
}

void Kubelet::publish_usage(api::ObjectId id) {
  const auto found = pods_.find(id);
  if (found == pods_.end()) return;
  PodRuntime& runtime = found->second;
  PodUsage usage{.pod = id, .node = runtime.node};
  for (const ContainerRuntime& container : runtime.containers) {
    if (!container.running) continue;
    usage.cpu_millis += container.cpu_millis;
    usage.memory_bytes += container.memory_bytes;
  }
  if (usage.cpu_millis == runtime.published_cpu_millis && usage.memory_bytes == runtime.published_memory_bytes) return;
  runtime.published_cpu_millis = usage.cpu_millis;
  runtime.published_memory_bytes = usage.memory_bytes;
  usage_.emit(usage);
}

}  // namespace jobsim::cluster
