// Fault: a failure injected into the cluster model at a given time (SPEC.md section 2,
// `faults:`). Modelled: outages of kube-controller-manager and kube-scheduler, and image pull
// failures; node faults are issue #4 and rejected by the loader.
#pragma once

#include <cstdint>
#include <string>

#include "jobsim/engine/time.hpp"
#include "jobsim/scenario/value.hpp"

namespace jobsim::scenario {

enum class FaultKind : std::uint8_t {
  // ControllerManagerDown: every controller of kube-controller-manager stops (Job, CronJob,
  // TTL-after-finished, garbage collector, pod GC); the API server, the scheduler and the
  // kubelets go on. At the end of the outage the controllers restart with empty queues and no
  // in-memory state, and sync every object once (docs/faults.md).
  ControllerManagerDown,
  // SchedulerDown: kube-scheduler stops binding; pods stay Pending. When it comes back it
  // re-lists and schedules every pending pod (docs/faults.md).
  SchedulerDown,
  // ImagePullFailure: every pull of `image` fails during the window (ErrImagePull, then
  // ImagePullBackOff); the first pull after it works (docs/faults.md).
  ImagePullFailure,
};

struct Fault {
  FaultKind kind = FaultKind::ControllerManagerDown;
  engine::SimTime at{};              // when the component goes down
  engine::Duration duration{};       // how long it stays down (> 0); it may outlast the run.
                                     // ImagePullFailure: zero = until the end of the run
  std::string image;                 // ImagePullFailure: the image, as containers name it
  SourcePos pos;
  bool operator==(const Fault&) const = default;
};

}  // namespace jobsim::scenario
