// Timings: every latency and threshold the cluster model uses, with upstream defaults.
// Scenario files override them under cluster.timings (camelCase keys, listed in
// docs/scenario-format.md). Plain data shared by the scenario loader and the cluster model.
#pragma once

#include <chrono>
#include <cstdint>

#include "jobsim/engine/time.hpp"

namespace jobsim::api {

struct Timings {
  // kubelet: scheduled -> Running (image pull, container start).
  engine::Duration pod_startup = std::chrono::seconds(2);
  // kube-scheduler: pod created -> bound. Upstream binds within milliseconds; 0 keeps traces readable.
  engine::Duration scheduler_latency = engine::Duration::zero();
  // kubelet CrashLoopBackOff (pkg/kubelet/kubelet.go): 10 s doubling to 300 s, reset after 600 s.
  engine::Duration crash_loop_initial_backoff = std::chrono::seconds(10);
  engine::Duration crash_loop_max_backoff = std::chrono::seconds(300);
  engine::Duration crash_loop_reset = std::chrono::seconds(600);
  // Job controller (pkg/controller/job/job_controller.go).
  engine::Duration job_sync_batch_period = std::chrono::seconds(1);
  engine::Duration job_pod_failure_backoff = std::chrono::seconds(10);
  engine::Duration job_max_pod_failure_backoff = std::chrono::seconds(600);
  // kube-controller-manager --terminated-pod-gc-threshold (pkg/controller/podgc).
  std::int64_t terminated_pod_gc_threshold = 12500;
  engine::Duration pod_gc_period = std::chrono::seconds(20);
  // Node lifecycle (pkg/controller/nodelifecycle, v1.32+).
  engine::Duration node_monitor_grace_period = std::chrono::seconds(50);
  engine::Duration node_monitor_period = std::chrono::seconds(5);
  // kubelet: node status / Lease renewal interval (nodeStatusUpdateFrequency, renewInterval).
  engine::Duration node_status_update_frequency = std::chrono::seconds(10);
  bool operator==(const Timings&) const = default;
};

}  // namespace jobsim::api
