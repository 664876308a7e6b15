// Fault: a failure injected into the cluster model at a given time (SPEC.md section 2,
// `faults:`). Only control-plane outages of kube-controller-manager are modelled so far; node
// faults and scheduler outages are issue #4 and rejected by the loader.
#pragma once

#include <cstdint>

#include "jobsim/engine/time.hpp"
#include "jobsim/scenario/value.hpp"

namespace jobsim::scenario {

enum class FaultKind : std::uint8_t {
  // ControllerManagerDown: every controller of kube-controller-manager stops (Job, CronJob,
  // TTL-after-finished, garbage collector, pod GC); the API server, the scheduler and the
  // kubelets go on. At the end of the outage the controllers restart with empty queues and no
  // in-memory state, and sync every object once (docs/faults.md).
  ControllerManagerDown,
};

struct Fault {
  FaultKind kind = FaultKind::ControllerManagerDown;
  engine::SimTime at{};              // when the component goes down
  engine::Duration duration{};       // how long it stays down (> 0); it may outlast the run
  SourcePos pos;
  bool operator==(const Fault&) const = default;
};

}  // namespace jobsim::scenario
