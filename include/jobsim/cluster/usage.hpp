// PodUsage: the actual resource usage of a pod's containers as the kubelet models it (from the
// scenario's behaviors), as opposed to the requests the scheduler accounts. Kubernetes has no
// API object for it (metrics-server reads it from the kubelet), so the kubelet publishes it on a
// signal and the report listens (the model emits; reporting listens).
#pragma once

#include <cstdint>

#include "jobsim/api/meta.hpp"
#include "jobsim/engine/signal.hpp"

namespace jobsim::cluster {

// One change of a pod's usage: the sum over its running containers, in force from the clock's
// current time until the next change of the same pod. A pod whose containers all stopped (or
// that left its node) is published once with zero usage.
struct PodUsage {
  api::ObjectId pod = api::kNoObject;
  api::ObjectId node = api::kNoObject;
  std::int64_t cpu_millis = 0;
  std::int64_t memory_bytes = 0;
  bool operator==(const PodUsage&) const = default;
};

using UsageSink = engine::Signal<const PodUsage&>;

}  // namespace jobsim::cluster
