// Fault: a failure injected into the cluster model at a given time (docs/scenario-format.md,
// `faults:`): outages of kube-controller-manager and kube-scheduler, nodes that stop (power
// loss) and come back, at given times or at random, and image pull failures (docs/faults.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jobsim/engine/time.hpp"
#include "jobsim/scenario/value.hpp"

namespace jobsim::scenario {

enum class FaultKind : std::uint8_t {
  // ControllerManagerDown: every controller of kube-controller-manager stops (Job, CronJob,
  // TTL-after-finished, garbage collector, pod GC); the API server, the scheduler and the
  // kubelets go on. At the end of the outage the controllers restart with empty queues and no
  // in-memory state, and sync every object once (docs/faults.md).
  ControllerManagerDown,
  // NodeDown: the machine `node` stops at `at` (its kubelet, containers and heartbeats are
  // gone) for `duration`, or, when duration is 0, until a NodeUp of it or the end of the run.
  NodeDown,
  // NodeUp: the machine `node`, down since a NodeDown without `for`, boots at `at`.
  NodeUp,
  // NodeFailures: from `at` on, each node of `nodes` (every node when empty) alternates
  // exponentially distributed up times (mean `mtbf`) and down times (mean `mttr`), drawn from
  // its own named random stream "node-failures/<node>".
  NodeFailures,
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
  engine::Duration duration{};       // how long it stays down (> 0; NodeDown: 0 = until NodeUp;
                                     // ImagePullFailure: 0 = until the end); may outlast the run
  std::string node;                  // NodeDown, NodeUp
  std::vector<std::string> nodes;    // NodeFailures: node names (groups expanded); empty = every node
  engine::Duration mtbf{};           // NodeFailures: mean time between failures (> 0)
  engine::Duration mttr{};           // NodeFailures: mean time to repair (> 0)
  std::string image;                 // ImagePullFailure: the image, as containers name it
  SourcePos pos;
  bool operator==(const Fault&) const = default;
};

}  // namespace jobsim::scenario
