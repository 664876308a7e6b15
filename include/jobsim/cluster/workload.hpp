// Workload: what a container does when it runs. The kubelet asks it once per container run
// (a restart is a new run); world/ implements it from the scenario's behaviors, drawing from
// the seeded random streams. Keeping it an interface keeps the kubelet free of scenario types.
#pragma once

#include <cstdint>
#include <optional>

#include "jobsim/api/pod.hpp"
#include "jobsim/engine/time.hpp"

namespace jobsim::cluster {

struct ContainerRun {
  std::optional<engine::Duration> run_for;  // nullopt: never exits by itself
  std::int32_t exit_code = 0;
  engine::Duration termination_delay{};     // time to exit after SIGTERM
  // Usage of the run. Memory grows linearly from 0 at the start to memory_bytes at start +
  // memory_ramp_up (zero ramp: the full value from the start) and stays there. When it exceeds
  // the container's memory limit the run is OOM-killed (OOMKilled, 137) at the instant it
  // reaches the limit: start + ramp * limit / memory, unless the run ends first.
  std::optional<std::int64_t> memory_bytes;
  engine::Duration memory_ramp_up{};
  std::optional<std::int64_t> cpu_millis;
};

class Workload {
 public:
  virtual ~Workload() = default;
  virtual ContainerRun next_run(const api::Pod& pod, const api::Container& container) = 0;
};

}  // namespace jobsim::cluster
