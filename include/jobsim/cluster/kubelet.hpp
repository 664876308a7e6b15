// Kubelet: the node agents of the cluster. One object serves every node (a pod write is
// dispatched to its node's state instead of being offered to hundreds of kubelets).
// Models: admission (status.startTime), podStartup latency, container runs from the Workload,
// restartPolicy OnFailure in-place restarts with CrashLoopBackOff, graceful termination
// (SIGTERM, terminationDelay, SIGKILL at the grace period), terminal phase, and the final
// grace-0 DELETE; OOM kills when a behavior's memory reaches the limit and the PodUsage signal
// (kubelet_resources.cpp); image pulls failing under an imagePullFailure fault
// (kubelet_image_pull.cpp); Lease renewals, a machine that stops and one that boots again
// (kubelet_node.cpp). Upstream: pkg/kubelet/kubelet.go, kuberuntime/kuberuntime_manager.go
// (doBackOff), client-go util/flowcontrol/backoff.go, status/status_manager.go,
// images/image_manager.go, kubelet_pods.go.
// Simplifications (docs/fidelity.md): restarts happen exactly when the backoff expires (no
// 10 s pod-sync granularity); no probes, init containers or pod-level activeDeadlineSeconds.
#pragma once

#include <set>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "jobsim/api/node.hpp"
#include "jobsim/api/pod.hpp"
#include "jobsim/api/timings.hpp"
#include "jobsim/cluster/client.hpp"
#include "jobsim/cluster/event_recorder.hpp"
#include "jobsim/cluster/informer.hpp"
#include "jobsim/cluster/node_leases.hpp"
#include "jobsim/cluster/lifecycle.hpp"
#include "jobsim/cluster/usage.hpp"
#include "jobsim/cluster/workload.hpp"
#include "jobsim/engine/simulator.hpp"

namespace jobsim::cluster {

// Exit codes of a container stopped by a signal (128 + signal number).
inline constexpr std::int32_t kExitCodeSigterm = 143;
inline constexpr std::int32_t kExitCodeSigkill = 137;

class Kubelet {
 public:
  // usage receives a PodUsage on every change of a pod's running-container usage; nodes resolves
  // a pod's node name to its id, and is where the kubelet posts Ready after a reboot.
  Kubelet(engine::Simulator& sim, Informer<api::Pod>& pods, Informer<api::Node>& nodes, Client& client,
          EventRecorder recorder, Workload& workload, UsageSink& usage, const api::Timings& timings);

  std::size_t tracked_pods() const { return pods_.size(); }

  // Node faults (sim/cluster/kubelet_node.cpp, docs/faults.md).
  // attach_leases: each Node's kubelet renews its Lease in `leases` from the Node's creation.
  void attach_leases(NodeLeases& leases);
  // attach_lifecycle: the kubelet announces on `signals` the pod phases it writes and the
  // containers it restarts (cluster/lifecycle.hpp).
  void attach_lifecycle(LifecycleSignals& signals) { lifecycle_ = &signals; }
  // node_down: the machine stops (power loss): its kubelet stops renewing the Lease and writes
  // nothing more, every timer of its pods is cancelled and the containers are gone. Pods bound
  // to it meanwhile wait. No-op when already down.
  void node_down(const std::string& node);
  // node_up: the machine boots: the kubelet posts Ready=True, renews its Lease again and
  // resyncs the pods bound to it (pods being deleted finish Failed and are deleted; containers
  // that were running are reported ContainerStatusUnknown (137); restartPolicy Never pods end
  // Failed, OnFailure pods start again after podStartup; pods not started yet are admitted).
  void node_up(const std::string& node);
  bool node_is_down(const std::string& node) const { return down_nodes_.contains(node); }
  // set_image_pull_failing makes every pull of `image` fail (an imagePullFailure fault) until it
  // is cleared (counted: overlapping faults on one image nest); a pull is attempted when a
  // container first starts in its pod.
  void set_image_pull_failing(const std::string& image, bool failing);

 private:
  // CrashLoopBackOff record of one container (client-go flowcontrol.Backoff entry).
  struct Backoff {
    bool present = false;
    engine::Duration delay{};
    engine::SimTime last_update{};
  };
  struct ContainerRuntime {
    engine::EventHandle timer;  // pending exit or restart
    bool running = false;
    bool done = false;          // terminated and will not restart
    std::int32_t exit_code = 0; // of the current run, known when it starts
    engine::Duration termination_delay{};
    engine::SimTime finished_at{};  // of the last exit: the backoff's event time
    Backoff backoff;
    bool oom_killed = false;        // the pending exit is an OOM kill
    bool image_pulled = false;      // restarts reuse the image pulled for the first start
    Backoff pull_backoff;           // image pull backoff (key pod UID + image upstream)
    std::int64_t cpu_millis = 0;    // usage while running
    std::int64_t memory_bytes = 0;
  };
  struct PodRuntime {
    engine::EventHandle start;
    bool started = false;
    bool killing = false;
    api::ObjectId node = api::kNoObject;
    std::int64_t published_cpu_millis = 0;  // the last PodUsage emitted
    std::int64_t published_memory_bytes = 0;
    std::vector<ContainerRuntime> containers;
  };

  void on_pod_seen(api::ObjectId id, const api::Pod* old_pod, const api::Pod& pod);
  void on_pod_delete(api::ObjectId id);
  void admit(api::ObjectId id);
  void start_pod(api::ObjectId id);
  void adopt_pod(api::ObjectId id);
  void run_container(api::ObjectId id, api::Pod& pod, std::size_t index);
  void container_exit(api::ObjectId id, std::size_t index, std::int32_t exit_code);
  void restart_container(api::ObjectId id, std::size_t index);
  void kill_pod(api::ObjectId id);
  // finish_if_done writes the terminal phase when no container runs or waits to restart, and
  // issues the kubelet's final grace-0 DELETE when the pod is being deleted.
  void finish_if_done(api::ObjectId id, api::Pod& pod);
  // update_pod writes the pod's status (the status manager's sync) and, when the write
  // succeeded, announces what it carries: the restarts noted in restarts_ for it, then the
  // phase change.
  void update_pod(api::ObjectId id, api::Pod&& pod);
  // kubelet_node.cpp
  bool on_down_node(const api::Pod& pod) const {
    return !down_nodes_.empty() && down_nodes_.contains(pod.spec->node_name);
  }
  void note_pod_on_down_node(api::ObjectId id, const api::Pod& pod);
  std::vector<api::ObjectId> pods_on(const std::string& node) const;
  void post_node_ready(const std::string& node);
  void resync_after_boot(api::ObjectId id);
  void start_after_boot(api::ObjectId id);

  // kubelet_resources.cpp: schedule_run_end sets the run's usage on the container and schedules
  // its exit, or its OOM kill when the memory usage reaches the limit first; `elapsed` is how
  // long the run has already been going (adopted pods).
  void schedule_run_end(api::ObjectId id, std::size_t index, const api::Container& spec, const ContainerRun& run,
                        engine::Duration elapsed);
  void oom_kill(api::ObjectId id, std::size_t index);
  // publish_usage emits the pod's usage when it changed since the last emit.
  void publish_usage(api::ObjectId id);

  // kubelet_image_pull.cpp: ensure_image pulls the image of container `index` before its first
  // start (EnsureImageExists). On failure it sets the Waiting state, records the events and
  // schedules the retry, and returns false.
  bool ensure_image(api::ObjectId id, api::Pod& pod, std::size_t index);
  void retry_image_pull(api::ObjectId id, std::size_t index);
  void show_image_pull_backoff(api::ObjectId id, std::size_t index);
  // start_containers runs the containers whose image is present (start_pod, retry_image_pull)
  // and sets the phase and readiness; returns the names of the containers started.
  std::vector<api::Name> start_containers(api::ObjectId id, api::Pod& pod);

  engine::Simulator& sim_;
  Informer<api::Pod>& pods_informer_;
  Informer<api::Node>& nodes_informer_;
  Client& client_;
  EventRecorder recorder_;
  Workload& workload_;
  UsageSink& usage_;
  const api::Timings& timings_;
  std::unordered_map<api::ObjectId, PodRuntime> pods_;
  NodeLeases* leases_ = nullptr;
  LifecycleSignals* lifecycle_ = nullptr;
  std::vector<ContainerRestarted> restarts_;  // decided for the next update_pod
  std::set<std::string> down_nodes_;
  std::map<std::string, int, std::less<>> failing_images_;  // image -> faults failing it now
};

}  // namespace jobsim::cluster
